/* A tool item (command, patch, MCP call, ...) from start to terminal status. */
import type { Attributes, HrTime, Span } from '@opentelemetry/api';
import type { ContentRule } from '../rules/contentRule.js';
import { TOOL_ITEM_ATTRIBUTES } from '../schema/toolItemAttributes.js';
import { TOOL_ITEM_DETAIL_ATTRIBUTES } from '../schema/toolItemDetailAttributes.js';
import { OPERATION_EXECUTE_TOOL } from '../semconv/spans.js';
import type {
  CommandExecutionSource,
  ToolItemKind,
  ToolItemStatus,
  WebSearchAction,
} from '../semconv/values.js';
import { threadAttributes } from './threadAttributes.js';
import { FinishableSpan } from './FinishableSpan.js';
import type { SpanEndOptions, SpanStartOptions, ThreadContext } from './types.js';
import { putAttribute, putOptions } from './writeAttributes.js';

export interface ToolItemStartOptions extends ThreadContext, SpanStartOptions {
  /** The item id (generally the model's call id): `gen_ai.tool.call.id`. */
  itemId: string;
  kind: ToolItemKind;
  /** `shell`, `user_shell`, `unified_exec`, `apply_patch`, an MCP tool, ... */
  toolName: string;
  sessionId?: string;
  cellId?: string;
  parentCallId?: string;
  originatingResponseId?: string;
  details?: ToolItemDetails;
}

/** The kind's own facts; each maps to one attribute. */
export interface ToolItemDetails {
  success?: boolean;
  pluginId?: string;
  subsequentResponseId?: string;
  executionDurationMs?: number;
  commandSource?: CommandExecutionSource;
  exitCode?: number;
  /** Content: recorded only when content recording is on. */
  scriptPath?: string;
  readActions?: number;
  listFilesActions?: number;
  searchActions?: number;
  unknownActions?: number;
  fileChanges?: number;
  fileAdds?: number;
  fileUpdates?: number;
  fileDeletes?: number;
  fileMoves?: number;
  mcpServer?: string;
  mcpToolName?: string;
  mcpErrorPresent?: boolean;
  connectorId?: string;
  dynamicToolName?: string;
  outputContentItems?: number;
  outputTextItems?: number;
  outputImageItems?: number;
  outputAudioItems?: number;
  senderThreadId?: string;
  receiverThreadIds?: string[];
  requestedModel?: string;
  requestedReasoningEffort?: string;
  agentStates?: number;
  completedAgents?: number;
  failedAgents?: number;
  webSearchAction?: WebSearchAction;
  queryPresent?: boolean;
  queryCount?: number;
  revisedPromptPresent?: boolean;
  savedPathPresent?: boolean;
}

export interface ToolItemFinishOptions extends SpanEndOptions {
  status: Exclude<ToolItemStatus, 'in_progress'>;
  details?: ToolItemDetails;
}

/** Attributes known when the item starts, set at span creation. */
export function toolItemStartAttributes(options: ToolItemStartOptions, content: ContentRule): Attributes {
  const attributes = threadAttributes(options);
  putAttribute(attributes, TOOL_ITEM_ATTRIBUTES.operationName, OPERATION_EXECUTE_TOOL);
  if (content.record) putAttribute(attributes, TOOL_ITEM_ATTRIBUTES.contentRecorded, true);
  return putOptions(attributes, TOOL_ITEM_ATTRIBUTES, options);
}

export class ToolItemSpan extends FinishableSpan {
  readonly itemId: string;
  private readonly _content: ContentRule;

  /** Use ReviewTracer.startToolItem. */
  constructor(span: Span, startTime: HrTime, options: ToolItemStartOptions, content: ContentRule) {
    super(span, startTime);
    this.itemId = options.itemId;
    this._content = content;
    if (options.details) this.setDetails(options.details);
  }

  /** Records the kind's own facts as they become known. */
  setDetails(details: ToolItemDetails): void {
    this._run('setDetails', false, () => this._setDetails(details));
  }

  finish(options: ToolItemFinishOptions): void {
    this._run('finish', true, () => {
      if (options.details) this._setDetails(options.details);
      this.span.setAttributes(putOptions({}, [TOOL_ITEM_ATTRIBUTES.status], options));
      this._end(options.endTime);
    });
  }

  private _setDetails(details: ToolItemDetails): void {
    this.span.setAttributes(putOptions({}, TOOL_ITEM_DETAIL_ATTRIBUTES, details, this._content));
  }

  protected _describe(): string {
    return `tool item ${this.itemId}`;
  }
}

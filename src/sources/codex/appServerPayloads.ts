/*
 * App-server payloads (Codex 0.169.0, v2 protocol) → the helpers' options.
 * Pure functions: each returns null for a payload it cannot read, and the
 * bridge counts that as malformed.
 */
import type {
  GuardianReviewedActionInput,
  PermissionProfile,
  ToolItemDetails,
  UserApprovalRequest,
  UserReviewDecision,
} from '../../index.js';
import type {
  CommandExecutionSource,
  GuardianFailClosedKind,
  GuardianReviewRiskLevel,
  PermissionGrantScope,
  ToolItemKind,
  ToolItemStatus,
} from '../../semconv/index.js';
import { isObject, type JsonObject } from './jsonRpcMessage.js';

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const num = (value: unknown): number | undefined =>
  typeof value === 'number' && Number.isFinite(value) ? value : undefined;
const strings = (value: unknown): string[] | undefined =>
  Array.isArray(value) && value.every(v => typeof v === 'string') ? (value as string[]) : undefined;

/** App-server item types that are tool items, and their kind. */
const ITEM_KINDS: Record<string, ToolItemKind> = {
  commandExecution: 'command_execution',
  fileChange: 'file_change',
  mcpToolCall: 'mcp_tool_call',
  dynamicToolCall: 'dynamic_tool_call',
  collabAgentToolCall: 'collab_agent_tool_call',
  webSearch: 'web_search',
  imageGeneration: 'image_generation',
};

const ITEM_STATUSES: Record<string, ToolItemStatus> = {
  inProgress: 'in_progress',
  completed: 'completed',
  failed: 'failed',
  declined: 'declined',
};

const COMMAND_SOURCES: Record<string, CommandExecutionSource> = {
  agent: 'agent',
  userShell: 'user_shell',
  unifiedExecStartup: 'unified_exec_startup',
  unifiedExecInteraction: 'unified_exec_interaction',
};

export interface ToolItemFacts {
  itemId: string;
  kind: ToolItemKind;
  toolName: string;
  status: ToolItemStatus;
  details: ToolItemDetails;
}

/** The tool item an `item/started` / `item/completed` carries; null for other items. */
export function toolItemFacts(item: JsonObject): ToolItemFacts | null {
  const kind = ITEM_KINDS[str(item.type) ?? ''];
  const itemId = str(item.id);
  const status = ITEM_STATUSES[str(item.status) ?? ''];
  if (kind === undefined || itemId === undefined) return null;
  return {
    itemId,
    kind,
    toolName: toolName(kind, item),
    // Web searches and image generations carry no status until they finish.
    status: status ?? 'completed',
    details: itemDetails(kind, item),
  };
}

/**
 * Codex names a command by the runtime that ran it: `unified_exec` once
 * unified exec started it, `user_shell` for the user's own commands, and
 * `shell` for a command that never ran (e.g. rejected).
 */
function toolName(kind: ToolItemKind, item: JsonObject): string {
  switch (kind) {
    case 'command_execution': {
      const source = str(item.source);
      if (source === 'unifiedExecStartup' || source === 'unifiedExecInteraction') return 'unified_exec';
      return source === 'userShell' ? 'user_shell' : 'shell';
    }
    case 'file_change':
      return 'apply_patch';
    case 'mcp_tool_call':
      return str(item.tool) ?? 'mcp';
    case 'dynamic_tool_call':
      return str(item.tool) ?? 'dynamic';
    default:
      return kind;
  }
}

function itemDetails(kind: ToolItemKind, item: JsonObject): ToolItemDetails {
  switch (kind) {
    case 'command_execution':
      return {
        commandSource: COMMAND_SOURCES[str(item.source) ?? ''],
        exitCode: num(item.exitCode),
        executionDurationMs: num(item.durationMs),
        ...commandActionCounts(item.commandActions),
      };
    case 'file_change':
      return fileChangeCounts(item.changes);
    case 'mcp_tool_call':
      return { mcpServer: str(item.server), mcpToolName: str(item.tool) };
    default:
      return {};
  }
}

function commandActionCounts(actions: unknown): ToolItemDetails {
  if (!Array.isArray(actions)) return {};
  const counts = { readActions: 0, listFilesActions: 0, searchActions: 0, unknownActions: 0 };
  for (const action of actions) {
    const type = isObject(action) ? action.type : undefined;
    if (type === 'read') counts.readActions++;
    else if (type === 'listFiles') counts.listFilesActions++;
    else if (type === 'search') counts.searchActions++;
    else counts.unknownActions++;
  }
  return counts;
}

function fileChangeCounts(changes: unknown): ToolItemDetails {
  if (!Array.isArray(changes)) return {};
  const counts = { fileChanges: changes.length, fileAdds: 0, fileUpdates: 0, fileDeletes: 0, fileMoves: 0 };
  for (const change of changes) {
    const kind = isObject(change) && isObject(change.kind) ? change.kind : {};
    if (kind.type === 'add') counts.fileAdds++;
    else if (kind.type === 'delete') counts.fileDeletes++;
    else if (typeof kind.move_path === 'string') counts.fileMoves++;
    else counts.fileUpdates++;
  }
  return counts;
}

/** `{network, fileSystem}` as the helpers take it; null members are absent. */
export function permissionProfile(value: unknown): PermissionProfile {
  const profile: PermissionProfile = {};
  if (!isObject(value)) return profile;
  if (isObject(value.network)) {
    const enabled = value.network.enabled;
    profile.network = typeof enabled === 'boolean' ? { enabled } : {};
  }
  if (isObject(value.fileSystem)) {
    profile.fileSystem = {
      read: strings(value.fileSystem.read),
      write: strings(value.fileSystem.write),
    };
  }
  return profile;
}

/** Server requests that ask the user to review something. */
export const USER_APPROVAL_METHODS = new Set([
  'item/commandExecution/requestApproval',
  'item/fileChange/requestApproval',
  'item/permissions/requestApproval',
]);

export interface UserApprovalFacts {
  threadId: string;
  turnId: string;
  itemId: string | undefined;
  startedAtMs: number;
  request: UserApprovalRequest;
}

export function userApprovalFacts(method: string, params: JsonObject): UserApprovalFacts | null {
  const threadId = str(params.threadId);
  const turnId = str(params.turnId);
  const startedAtMs = num(params.startedAtMs);
  if (threadId === undefined || turnId === undefined || startedAtMs === undefined) return null;
  let request: UserApprovalRequest;
  switch (method) {
    case 'item/commandExecution/requestApproval': {
      const amendments = params.proposedNetworkPolicyAmendments;
      request = {
        kind: 'command_execution',
        approvalId: str(params.approvalId),
        networkApprovalContext: isObject(params.networkApprovalContext),
        proposedNetworkPolicyAmendments: Array.isArray(amendments) ? amendments.length : 0,
        additionalPermissions: isObject(params.additionalPermissions)
          ? permissionProfile(params.additionalPermissions)
          : undefined,
      };
      break;
    }
    case 'item/fileChange/requestApproval':
      request = { kind: 'file_change', grantRoot: str(params.grantRoot) };
      break;
    case 'item/permissions/requestApproval':
      request = { kind: 'permissions', permissions: permissionProfile(params.permissions) };
      break;
    default:
      return null;
  }
  return { threadId, turnId, itemId: str(params.itemId), startedAtMs, request };
}

/** How the client's answer ends a user review. */
export type UserAnswer =
  | { type: 'resolve'; decision: UserReviewDecision }
  | { type: 'grant'; scope: PermissionGrantScope; permissions: PermissionProfile }
  | { type: 'abort' };

const SIMPLE_DECISIONS: Record<string, UserReviewDecision> = {
  accept: 'accept',
  acceptForSession: 'accept_for_session',
  decline: 'decline',
  cancel: 'cancel',
};

/**
 * The answer to a request of the given kind. An error response means the
 * request was never answered: the review is aborted.
 */
export function userAnswer(
  kind: UserApprovalRequest['kind'],
  result: unknown,
  error: unknown
): UserAnswer | null {
  if (error !== undefined && error !== null) return { type: 'abort' };
  if (!isObject(result)) return null;
  if (kind === 'permissions') {
    const scope = result.scope;
    if (scope !== 'turn' && scope !== 'session') return null;
    return { type: 'grant', scope, permissions: permissionProfile(result.permissions) };
  }
  const decision = result.decision;
  if (typeof decision === 'string') {
    const simple = SIMPLE_DECISIONS[decision];
    return simple === undefined ? null : { type: 'resolve', decision: simple };
  }
  if (kind !== 'command_execution' || !isObject(decision)) return null;
  if (isObject(decision.acceptWithExecpolicyAmendment)) {
    return { type: 'resolve', decision: 'accept_with_exec_policy_amendment' };
  }
  const network = decision.applyNetworkPolicyAmendment;
  if (isObject(network) && isObject(network.network_policy_amendment)) {
    const action = network.network_policy_amendment.action;
    if (action === 'allow') return { type: 'resolve', decision: 'network_policy_amendment_allow' };
    if (action === 'deny') return { type: 'resolve', decision: 'network_policy_amendment_deny' };
  }
  return null;
}

/**
 * The reviewed action of an `item/autoApprovalReview/*` notification. The
 * stream does not carry a command's sandbox permissions nor whether it asked
 * for a TTY, so those are recorded as `unknown` and `false`; a `writeStdin`
 * action has no reviewed-action shape in the rows.
 */
export function guardianAction(action: unknown): GuardianReviewedActionInput | null {
  if (!isObject(action)) return null;
  switch (action.type) {
    case 'command': {
      const command = str(action.command);
      const shared = { sandboxPermissions: 'unknown', commandDisplay: command, cwd: str(action.cwd) };
      return action.source === 'shell'
        ? { type: 'shell', ...shared }
        : { type: 'unified_exec', tty: false, ...shared };
    }
    case 'execve': {
      const program = str(action.program);
      if (program === undefined) return null;
      return {
        type: 'execve',
        source: action.source === 'shell' ? 'shell' : 'unified_exec',
        program,
        argv: strings(action.argv),
        cwd: str(action.cwd),
      };
    }
    case 'applyPatch':
      return { type: 'apply_patch', cwd: str(action.cwd), files: strings(action.files) };
    case 'networkAccess': {
      const protocol = action.protocol;
      const port = num(action.port);
      if (port === undefined) return null;
      if (protocol !== 'http' && protocol !== 'https' && protocol !== 'socks5_tcp' && protocol !== 'socks5_udp') {
        return null;
      }
      return { type: 'network_access', protocol, port, target: str(action.target), host: str(action.host) };
    }
    case 'mcpToolCall': {
      const server = str(action.server);
      const toolName = str(action.toolName);
      if (server === undefined || toolName === undefined) return null;
      return {
        type: 'mcp_tool_call',
        server,
        toolName,
        connectorId: str(action.connectorId),
        connectorName: str(action.connectorName),
        toolTitle: str(action.toolTitle),
      };
    }
    case 'requestPermissions':
      return { type: 'request_permissions', permissions: permissionProfile(action.permissions) };
    default:
      return null;
  }
}

/** How a completed guardian review ends. */
export type GuardianVerdict =
  | { type: 'approve' | 'deny'; riskLevel?: GuardianReviewRiskLevel; rationale?: string }
  | { type: 'fail_closed'; kind: GuardianFailClosedKind; rationale?: string }
  | { type: 'time_out' | 'abort' };

const SEED_RISK_LEVELS = new Set<string>(['low', 'medium', 'high']);

/**
 * The review's terminal state. A denial without a risk level is the
 * guardian failing closed: a reply that was not valid JSON is a parse
 * error, any other failure a session error. `critical` has no seed risk
 * level, so it is left unset.
 */
export function guardianVerdict(review: unknown): GuardianVerdict | null {
  if (!isObject(review)) return null;
  const rationale = str(review.rationale);
  const riskLevel = str(review.riskLevel);
  const seedRisk = riskLevel !== undefined && SEED_RISK_LEVELS.has(riskLevel)
    ? (riskLevel as GuardianReviewRiskLevel)
    : undefined;
  switch (review.status) {
    case 'approved':
      return { type: 'approve', riskLevel: seedRisk, rationale };
    case 'denied':
      return riskLevel === undefined
        ? { type: 'fail_closed', kind: /\bJSON\b|pars/i.test(rationale ?? '') ? 'parse_error' : 'session_error', rationale }
        : { type: 'deny', riskLevel: seedRisk, rationale };
    case 'timedOut':
      return { type: 'time_out' };
    case 'aborted':
      return { type: 'abort' };
    default:
      return null;
  }
}

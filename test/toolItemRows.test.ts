/*
 * Tool item rows field by field: the fields every kind shares, each kind's
 * own fields from the helper's details, and the checks on hand-made spans.
 */
import { diag } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { type CodexToolItemEventParams, MalformedSpanError, mapToolItemSpan, type ToolItemDetails, type ToolItemStartOptions } from '../src/index.js';
import { createPipeline, ms, type Pipeline, THREAD } from './pipeline.js';
import { type CapturingLogger, captureDiag } from './support/diagCapture.js';

/** The shared fields of an item that nobody reviewed, started at 1 s, ended at 1.5 s. */
const SHARED = {
  thread_id: 'thread-1',
  session_id: null,
  turn_id: 'turn-1',
  item_id: 'i',
  cell_id: null,
  parent_call_id: null,
  originating_response_id: null,
  subsequent_response_id: null,
  app_server_client: null,
  runtime: null,
  thread_source: null,
  subagent_source: null,
  parent_thread_id: null,
  started_at_ms: 1000,
  completed_at_ms: 1500,
  duration_ms: 500,
  execution_duration_ms: null,
  review_count: 0,
  guardian_review_count: 0,
  user_review_count: 0,
  final_approval_outcome: 'unknown',
  terminal_status: 'completed',
  failure_kind: null,
  requested_additional_permissions: false,
  requested_network_access: false,
};

const KINDS: Array<{
  kind: ToolItemStartOptions['kind'];
  details: ToolItemDetails;
  fields: Record<string, unknown>;
}> = [
  {
    kind: 'command_execution',
    details: {
      pluginId: 'p',
      scriptPath: '/repo/run.sh',
      commandSource: 'user_shell',
      exitCode: -1,
      readActions: 2,
      listFilesActions: 0,
      searchActions: 3,
      unknownActions: 1,
    },
    fields: {
      plugin_id: 'p',
      script_path: null,
      command_execution_source: 'user_shell',
      exit_code: -1,
      command_total_action_count: 6,
      command_read_action_count: 2,
      command_list_files_action_count: 0,
      command_search_action_count: 3,
      command_unknown_action_count: 1,
    },
  },
  {
    kind: 'file_change',
    details: { fileChanges: 4, fileAdds: 1, fileUpdates: 2, fileDeletes: 0, fileMoves: 1 },
    fields: { file_change_count: 4, file_add_count: 1, file_update_count: 2, file_delete_count: 0, file_move_count: 1 },
  },
  {
    kind: 'mcp_tool_call',
    details: { mcpServer: 'github', mcpToolName: 'create_pr', mcpErrorPresent: true, pluginId: 'gh', connectorId: 'c1' },
    fields: { mcp_server_name: 'github', mcp_tool_name: 'create_pr', mcp_error_present: true, plugin_id: 'gh', connector_id: 'c1' },
  },
  {
    kind: 'dynamic_tool_call',
    details: {
      dynamicToolName: 'lookup',
      success: false,
      outputContentItems: 4,
      outputTextItems: 1,
      outputImageItems: 2,
      outputAudioItems: 1,
    },
    fields: {
      dynamic_tool_name: 'lookup',
      success: false,
      output_content_item_count: 4,
      output_text_item_count: 1,
      output_image_item_count: 2,
      output_audio_item_count: 1,
    },
  },
  {
    kind: 'control_tool_call',
    details: { success: true },
    fields: { success: true },
  },
  {
    kind: 'collab_agent_tool_call',
    details: {
      senderThreadId: 'thread-1',
      receiverThreadIds: ['t2', 't3', 't4'],
      requestedModel: 'gpt-5.4-mini',
      requestedReasoningEffort: 'high',
      agentStates: 3,
      completedAgents: 2,
      failedAgents: 1,
    },
    fields: {
      sender_thread_id: 'thread-1',
      receiver_thread_count: 3,
      receiver_thread_ids: ['t2', 't3', 't4'],
      requested_model: 'gpt-5.4-mini',
      requested_reasoning_effort: 'high',
      agent_state_count: 3,
      completed_agent_count: 2,
      failed_agent_count: 1,
    },
  },
  {
    kind: 'web_search',
    details: { webSearchAction: 'open_page', queryPresent: false, queryCount: 2 },
    fields: { web_search_action: 'open_page', query_present: false, query_count: 2 },
  },
  {
    kind: 'image_generation',
    details: { revisedPromptPresent: true, savedPathPresent: false },
    fields: { revised_prompt_present: true, saved_path_present: false },
  },
];

const nulls = (fields: Record<string, unknown>) => Object.fromEntries(Object.keys(fields).map(key => [key, null]));

describe('tool item rows', () => {
  let pipeline: Pipeline;
  let logger: CapturingLogger;
  beforeEach(() => {
    logger = captureDiag();
  });
  afterEach(async () => {
    diag.disable();
    await pipeline.shutdown();
  });

  async function itemRow(
    kind: ToolItemStartOptions['kind'],
    details: ToolItemDetails | undefined,
    recordContent = false
  ) {
    pipeline = createPipeline({ recordContent });
    pipeline.reviews
      .startToolItem({ ...THREAD, itemId: 'i', kind, toolName: kind, startTime: ms(1000) })
      .finish({ status: 'completed', details, endTime: ms(1500) });
    const rows = await pipeline.rows();
    expect(rows).toHaveLength(1);
    return rows[0]!.event_params;
  }

  it.each(KINDS)('writes the shared fields and each $kind field from the details', async ({ kind, details, fields }) => {
    expect(await itemRow(kind, details)).toEqual({ ...SHARED, tool_name: kind, ...fields });
  });

  it.each(KINDS)('writes null for each $kind field without a detail', async ({ kind, fields }) => {
    expect(await itemRow(kind, undefined)).toEqual({ ...SHARED, tool_name: kind, ...nulls(fields) });
  });

  it('counts the command actions only from the action counts present', async () => {
    const row = await itemRow('command_execution', { searchActions: 0 });
    expect(row).toMatchObject({ command_total_action_count: 0, command_search_action_count: 0 });
  });

  it('records the script path only when recording content', async () => {
    expect(await itemRow('command_execution', { scriptPath: '/repo/run.sh' }, true)).toMatchObject({
      script_path: '/repo/run.sh',
    });
  });

  it('writes the optional start options and the execution duration', async () => {
    pipeline = createPipeline();
    pipeline.reviews
      .startToolItem({
        ...THREAD,
        threadSource: 'subagent',
        subagentSource: 'thread_spawn',
        parentThreadId: 'parent',
        itemId: 'i',
        kind: 'web_search',
        toolName: 'web_search',
        sessionId: 's',
        cellId: 'c',
        parentCallId: 'pc',
        originatingResponseId: 'r1',
        details: { subsequentResponseId: 'r2', executionDurationMs: 42 },
        startTime: ms(1000),
      })
      .finish({ status: 'completed', endTime: ms(1500) });
    const [row] = await pipeline.rows();
    expect(row?.event_params).toMatchObject({
      thread_source: 'subagent',
      subagent_source: 'thread_spawn',
      parent_thread_id: 'parent',
      session_id: 's',
      cell_id: 'c',
      parent_call_id: 'pc',
      originating_response_id: 'r1',
      subsequent_response_id: 'r2',
      execution_duration_ms: 42,
    });
  });

  it('keeps details given at the start, while running and at the finish', async () => {
    pipeline = createPipeline();
    const item = pipeline.reviews.startToolItem({
      ...THREAD,
      itemId: 'i',
      kind: 'file_change',
      toolName: 'apply_patch',
      details: { fileAdds: 1 },
    });
    item.setDetails({ fileUpdates: 2 });
    item.finish({ status: 'completed', details: { fileMoves: 3 } });
    const [row] = await pipeline.rows();
    expect(row?.event_params).toMatchObject({ file_add_count: 1, file_update_count: 2, file_move_count: 3 });
  });

  it('writes no duration for a span that ends before it starts, and zero for one that ends as it starts', () => {
    pipeline = createPipeline();
    const span = (start: number, end: number) =>
      ({
        name: 'execute_tool web_search',
        attributes: {
          'agent_review.item.kind': 'web_search',
          'gen_ai.conversation.id': 'th',
          'agent_review.turn.id': 't',
          'gen_ai.tool.call.id': 'i',
          'gen_ai.tool.name': 'web_search',
          'agent_review.item.status': 'completed',
        },
        startTime: ms(start),
        endTime: ms(end),
      }) as unknown as ReadableSpan;
    expect(mapToolItemSpan(span(2000, 1000))?.row.event_params).toMatchObject({ started_at_ms: 2000, completed_at_ms: 1000, duration_ms: null });
    expect(mapToolItemSpan(span(2000, 2000))?.row.event_params.duration_ms).toBe(0);
  });

  it('ignores details and a second finish on a finished item and says so', async () => {
    pipeline = createPipeline();
    const item = pipeline.reviews.startToolItem({ ...THREAD, itemId: 'i', kind: 'file_change', toolName: 'apply_patch' });
    item.finish({ status: 'completed' });
    item.setDetails({ fileAdds: 1 });
    item.finish({ status: 'failed' });
    const [row] = await pipeline.rows();
    expect(row?.event_params).toMatchObject({ file_add_count: null, terminal_status: 'completed' });
    expect(logger.warnings).toEqual([
      'agent-review-telemetry setDetails on a finished span "tool item i" was ignored',
      'agent-review-telemetry finish on a finished span "tool item i" was ignored',
    ]);
  });
});

describe('tool item checks on hand-made spans', () => {
  let pipeline: Pipeline;
  let logger: CapturingLogger;
  beforeEach(() => {
    pipeline = createPipeline();
    logger = captureDiag();
  });
  afterEach(async () => {
    diag.disable();
    await pipeline.shutdown();
  });

  function handMade(kind: string, attributes: Record<string, unknown>) {
    pipeline.tracer
      .startSpan('execute_tool x', {
        attributes: {
          'agent_review.item.kind': kind,
          'gen_ai.conversation.id': 'th',
          'agent_review.turn.id': 't',
          'gen_ai.tool.call.id': 'i',
          'gen_ai.tool.name': 'x',
          'agent_review.item.status': 'completed',
          ...(attributes as Record<string, string>),
        },
      })
      .end();
  }

  it.each([
    ['command_execution', 'agent_review.command.exit_code', 1.5, 'an integer'],
    ['command_execution', 'agent_review.command.source', 'robot', 'one of '],
    ['command_execution', 'agent_review.command.actions.read', -1, 'a count (0..n)'],
    ['command_execution', 'agent_review.command.actions.unknown', -2, 'a count (0..n)'],
    ['dynamic_tool_call', 'agent_review.item.success', 'yes', 'a boolean'],
    ['dynamic_tool_call', 'agent_review.dynamic.output.audio_items', -1, 'a count (0..n)'],
    ['collab_agent_tool_call', 'agent_review.collab.receiver_thread_ids', [1, 2], 'an array of strings'],
    ['collab_agent_tool_call', 'agent_review.collab.sender_thread_id', 7, 'a string'],
    ['web_search', 'agent_review.web_search.action', 'browse', 'one of '],
    ['web_search', 'agent_review.web_search.query_count', -3, 'a count (0..n)'],
    ['image_generation', 'agent_review.image_generation.saved_path_present', 1, 'a boolean'],
    ['mcp_tool_call', 'agent_review.mcp.error_present', 'no', 'a boolean'],
    ['file_change', 'agent_review.file_change.moves', 0.5, 'a count (0..n)'],
    ['control_tool_call', 'agent_review.item.execution_duration_ms', -5, 'a count (0..n)'],
    ['control_tool_call', 'agent_review.session.id', 5, 'a string'],
    ['control_tool_call', 'agent_review.item.status', 'done', 'one of '],
    ['control_tool_call', 'gen_ai.tool.name', '', 'present and non-empty'],
  ])('drops a %s span whose %s is %j as malformed and says why', async (kind, key, value, expected) => {
    handMade(kind, { [key]: value });
    expect(await pipeline.rows()).toEqual([]);
    const metrics = await pipeline.metrics();
    expect(metrics.sum('agent_review.processor.rows.dropped', { 'agent_review.drop.reason': 'malformed' })).toBe(1);
    expect(logger.warnings).toHaveLength(1);
    expect(logger.warnings[0]).toContain(`malformed span "execute_tool x": attribute ${key} must be ${expected}`);
  });

  it('throws a MalformedSpanError from the public mapper for an array that is not all strings', () => {
    const span = {
      name: 'execute_tool spawn_agent',
      attributes: {
        'agent_review.item.kind': 'collab_agent_tool_call',
        'gen_ai.conversation.id': 'th',
        'agent_review.turn.id': 't',
        'gen_ai.tool.call.id': 'i',
        'gen_ai.tool.name': 'spawn_agent',
        'agent_review.item.status': 'completed',
        'agent_review.collab.receiver_thread_ids': ['t2', 3],
      },
      startTime: ms(0),
      endTime: ms(1),
    } as unknown as ReadableSpan;
    expect(() => mapToolItemSpan(span)).toThrow(
      expect.objectContaining({
        name: 'MalformedSpanError',
        message: 'attribute agent_review.collab.receiver_thread_ids must be an array of strings, got ["t2",3]',
      })
    );
    expect(() => mapToolItemSpan(span)).toThrow(MalformedSpanError);
  });

  it('reads a web search as completed and an image generation as failed or completed, whatever the status', async () => {
    handMade('web_search', { 'agent_review.item.status': 'failed', 'gen_ai.tool.call.id': 'w' });
    handMade('image_generation', { 'agent_review.item.status': 'declined', 'gen_ai.tool.call.id': 'g1' });
    handMade('image_generation', { 'agent_review.item.status': 'failed', 'gen_ai.tool.call.id': 'g2' });
    const rows = await pipeline.rows();
    expect((rows.map(r => r.event_params) as CodexToolItemEventParams[]).map(row => [row.item_id, row.terminal_status, row.failure_kind])).toEqual([
      ['w', 'completed', null],
      ['g1', 'completed', null],
      ['g2', 'failed', 'tool_error'],
    ]);
  });
});

/* The tool item rows the bridge makes from each field of app-server items, and items it does not read. */
import { afterEach, describe, expect, it } from 'vitest';
import { CodexBridge } from '../../src/sources/codex/index.js';
import { createPipeline, type Pipeline } from '../pipeline.js';
import { commandItem, itemCompleted, itemStarted, S2C, T0 } from './appServerMessages.js';


let pipeline: Pipeline;
let bridge: CodexBridge;

afterEach(async () => {
  await pipeline?.shutdown();
});

/** Sends an item started and completed (with `completed` merged over it) and returns the rows it made. */
async function rowsOfItem(item: Record<string, unknown>, completed: Record<string, unknown> = {}) {
  pipeline = createPipeline();
  bridge = new CodexBridge({ reviews: pipeline.reviews });
  bridge.observe(S2C, itemStarted(item, T0), T0);
  bridge.observe(S2C, itemCompleted({ ...item, ...completed }, T0, T0 + 10), T0 + 10);
  return (await pipeline.rows()).map(row => ({
    type: row.event_type,
    ...(row.event_params as unknown as Record<string, unknown>),
  }));
}

async function rowOfItem(item: Record<string, unknown>, completed: Record<string, unknown> = {}) {
  const rows = await rowsOfItem(item, completed);
  expect(rows).toHaveLength(1);
  expect(bridge.stats.malformed).toBe(0);
  return rows[0]!;
}

describe('tool item payloads', () => {
  it.each([
    ['agent', 'shell', 'agent'],
    ['userShell', 'user_shell', 'user_shell'],
    ['unifiedExecStartup', 'unified_exec', 'unified_exec_startup'],
    ['unifiedExecInteraction', 'unified_exec', 'unified_exec_interaction'],
    ['somethingNew', 'shell', null],
  ])('names a command of source %s %s, with command_execution_source %s', async (source, toolName, commandSource) => {
    const row = await rowOfItem(commandItem('call_1', { source, status: 'completed' }));
    expect(row).toMatchObject({ tool_name: toolName, command_execution_source: commandSource });
  });

  it('counts the read, list-files, search and other command actions of a command', async () => {
    const commandActions = [
      { type: 'read', path: 'a' },
      { type: 'listFiles' },
      { type: 'listFiles' },
      { type: 'search', query: 'q' },
      { type: 'search' },
      { type: 'search' },
      { type: 'unknown' },
      'not an action',
    ];
    const row = await rowOfItem(commandItem('call_1', { status: 'completed', commandActions }));
    expect(row).toMatchObject({
      command_read_action_count: 1,
      command_list_files_action_count: 2,
      command_search_action_count: 3,
      command_unknown_action_count: 2,
    });
  });

  it('leaves the action counts unset when a command carries no action list', async () => {
    const row = await rowOfItem(commandItem('call_1', { status: 'completed', commandActions: null }));
    expect(row).toMatchObject({
      command_read_action_count: null,
      command_list_files_action_count: null,
      command_search_action_count: null,
      command_unknown_action_count: null,
    });
  });

  it.each([
    ['a string', '3'],
    ['infinite', Infinity],
    ['not a number', NaN],
  ])('leaves an exit code and duration that are %s unset', async (_what, value) => {
    const row = await rowOfItem(commandItem('call_1', { status: 'completed', exitCode: value, durationMs: value }));
    expect(row).toMatchObject({ exit_code: null, execution_duration_ms: null });
  });

  it('counts the added, deleted, moved and updated files of a file change', async () => {
    const changes = [
      { path: 'a', kind: { type: 'add' } },
      { path: 'b', kind: { type: 'delete' } },
      { path: 'c', kind: { type: 'delete' } },
      { path: 'd', kind: { type: 'update', move_path: 'e' } },
      { path: 'f', kind: { type: 'update', move_path: null } },
      { path: 'g' },
      'not a change',
    ];
    const row = await rowOfItem({ type: 'fileChange', id: 'p1', status: 'completed', changes });
    expect(row).toMatchObject({
      type: 'codex_file_change_event',
      tool_name: 'apply_patch',
      file_change_count: 7,
      file_add_count: 1,
      file_delete_count: 2,
      file_move_count: 1,
      file_update_count: 3,
    });
  });

  it('leaves the file counts unset when a file change carries no change list', async () => {
    const row = await rowOfItem({ type: 'fileChange', id: 'p1', status: 'completed', changes: 'none' });
    expect(row).toMatchObject({ file_change_count: null, file_add_count: null, file_update_count: null });
  });

  it('names an MCP tool call after its tool, with its server and tool name', async () => {
    const row = await rowOfItem({ type: 'mcpToolCall', id: 'm1', status: 'completed', server: 'srv', tool: 'lookup' });
    expect(row).toMatchObject({
      type: 'codex_mcp_tool_call_event',
      tool_name: 'lookup',
      mcp_server_name: 'srv',
      mcp_tool_name: 'lookup',
    });
  });

  it('names an MCP tool call without a tool mcp', async () => {
    const row = await rowOfItem({ type: 'mcpToolCall', id: 'm1', status: 'completed', server: 'srv' });
    expect(row).toMatchObject({ tool_name: 'mcp', mcp_server_name: 'srv', mcp_tool_name: null });
  });

  it.each([
    [{ tool: 'render' }, 'render'],
    [{}, 'dynamic'],
  ])('names a dynamic tool call with %j %s', async (fields, toolName) => {
    const row = await rowOfItem({ type: 'dynamicToolCall', id: 'd1', status: 'completed', ...fields });
    expect(row).toMatchObject({ type: 'codex_dynamic_tool_call_event', tool_name: toolName });
  });

  it.each([
    ['webSearch', 'codex_web_search_event', 'web_search'],
    ['imageGeneration', 'codex_image_generation_event', 'image_generation'],
    ['collabAgentToolCall', 'codex_collab_agent_tool_call_event', 'collab_agent_tool_call'],
  ])('names a %s item after its kind and takes it as completed when it carries no status', async (type, rowType, toolName) => {
    const row = await rowOfItem({ type, id: 'x1' });
    expect(row).toMatchObject({ type: rowType, tool_name: toolName, terminal_status: 'completed' });
  });

  it.each([
    ['failed', 'failed'],
    ['declined', 'rejected'],
  ])('maps an item that ended %s to terminal status %s', async (status, terminal) => {
    const row = await rowOfItem({ type: 'dynamicToolCall', id: 'd1', tool: 't', status: 'inProgress' }, { status });
    expect(row).toMatchObject({ terminal_status: terminal });
  });

  it('finishes an item completed while still in progress as interrupted and counts it as malformed', async () => {
    const rows = await rowsOfItem({ type: 'dynamicToolCall', id: 'd1', tool: 't', status: 'inProgress' });
    expect(rows).toMatchObject([{ terminal_status: 'interrupted' }]);
    expect(bridge.stats.malformed).toBe(1);
  });

  it.each([
    ['an item that is not a tool item', { type: 'agentMessage', id: 'msg_1', text: 'hi' }],
    ['an item of no type', { id: 'msg_1' }],
    ['an item whose type is the name of an Object member', { type: 'toString', id: 'x1' }],
    ['a tool item without an id', { type: 'dynamicToolCall', tool: 't', status: 'completed' }],
    ['a tool item whose id is not a string', { type: 'dynamicToolCall', id: 7, tool: 't', status: 'completed' }],
  ])('makes no span, and counts nothing malformed, for %s', async (_what, item) => {
    const rows = await rowsOfItem(item);
    expect(rows).toEqual([]);
    expect(pipeline.spans.getFinishedSpans()).toEqual([]);
    expect(bridge.stats.malformed).toBe(0);
  });

  it.each([
    ['threadId', { threadId: undefined }],
    ['turnId', { turnId: null }],
  ])('counts an item/started without a %s as malformed and starts no item', async (_field, params) => {
    pipeline = createPipeline();
    bridge = new CodexBridge({ reviews: pipeline.reviews });
    const started = itemStarted(commandItem('call_1'), T0);
    bridge.observe(S2C, { ...started, params: { ...started.params, ...params } }, T0);
    bridge.close(T0 + 10);
    expect(bridge.stats.malformed).toBe(1);
    expect(pipeline.spans.getFinishedSpans()).toEqual([]);
  });
});

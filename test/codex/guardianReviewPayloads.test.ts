/* The guardian review rows the bridge makes from each reviewed action and verdict, and the payloads it cannot read. */
import { afterEach, describe, expect, it } from 'vitest';
import { CodexBridge } from '../../src/sources/codex/index.js';
import { createPipeline, type Pipeline } from '../pipeline.js';
import { guardianCompleted, guardianStarted, S2C, T0 } from './appServerMessages.js';

const APPROVED = { status: 'approved', riskLevel: 'low' };

let pipeline: Pipeline;
let bridge: CodexBridge;

afterEach(async () => {
  await pipeline?.shutdown();
});

/** One guardian review of `action` that ends with `review`, recorded with content; the guardian rows it made. */
async function guardianRows(action: unknown, review: Record<string, unknown> = APPROVED) {
  pipeline = createPipeline({ recordContent: true });
  bridge = new CodexBridge({ reviews: pipeline.reviews });
  bridge.observe(S2C, guardianStarted('r-1', T0, action), T0);
  bridge.observe(S2C, guardianCompleted('r-1', T0, T0 + 9, review, action), T0 + 9);
  return pipeline.params('codex_guardian_review');
}

async function guardianRow(action: unknown, review: Record<string, unknown> = APPROVED) {
  const rows = await guardianRows(action, review);
  expect(rows).toHaveLength(1);
  expect(bridge.stats.malformed).toBe(0);
  return rows[0]!;
}

describe('guardian review payloads', () => {
  it('takes a command run by the shell tool as a shell action with its command and cwd', async () => {
    const row = await guardianRow({ type: 'command', source: 'shell', command: 'ls -l', cwd: '/w' });
    expect(row.reviewed_action).toMatchObject({ type: 'shell', command_display: 'ls -l', cwd: '/w', sandbox_permissions: 'unknown' });
    expect(row.reviewed_action).not.toHaveProperty('tty');
  });

  it('takes a command of any other source as a unified_exec action without a TTY', async () => {
    const row = await guardianRow({ type: 'command', source: 'unifiedExec', command: 'ls', cwd: '/w' });
    expect(row.reviewed_action).toMatchObject({ type: 'unified_exec', command_display: 'ls', cwd: '/w', tty: false });
  });

  it.each([
    ['shell', 'shell'],
    ['unifiedExec', 'unified_exec'],
    [undefined, 'unified_exec'],
  ])('takes an execve of source %s with its program, argv and cwd, as source %s', async (source, expected) => {
    const action = { type: 'execve', source, program: '/bin/ls', argv: ['ls', '-l'], cwd: '/w' };
    const row = await guardianRow(action);
    expect(row).toMatchObject({ trigger: 'execve' });
    expect(row.reviewed_action).toMatchObject({ type: 'execve', source: expected, program: '/bin/ls', argv: ['ls', '-l'], cwd: '/w' });
  });

  it.each([
    ['a string', 'ls -l'],
    ['an array with a non-string', ['ls', 1]],
  ])('leaves an execve argv that is %s unset', async (_what, argv) => {
    const row = await guardianRow({ type: 'execve', source: 'shell', program: '/bin/ls', argv });
    expect(row.reviewed_action).toMatchObject({ type: 'execve', argv: null });
  });

  it('takes an apply_patch with its cwd and files', async () => {
    const row = await guardianRow({ type: 'applyPatch', cwd: '/w', files: ['/w/a', '/w/b'] });
    expect(row.reviewed_action).toMatchObject({ type: 'apply_patch', cwd: '/w', files: ['/w/a', '/w/b'] });
  });

  it.each(['http', 'https', 'socks5_tcp', 'socks5_udp'])('takes a network access over %s with its port, target and host', async protocol => {
    const row = await guardianRow({ type: 'networkAccess', protocol, port: 8080, target: 'example.com:8080', host: 'example.com' });
    expect(row).toMatchObject({ trigger: 'network_access' });
    expect(row.reviewed_action).toMatchObject({ type: 'network_access', protocol, port: 8080, target: 'example.com:8080', host: 'example.com' });
  });

  it('takes an MCP tool call with its server, tool and connector', async () => {
    const action = { type: 'mcpToolCall', server: 's', toolName: 'lookup', connectorId: 'c1', connectorName: 'Conn', toolTitle: 'Look up' };
    const row = await guardianRow(action);
    expect(row.reviewed_action).toMatchObject({
      type: 'mcp_tool_call',
      server: 's',
      tool_name: 'lookup',
      connector_id: 'c1',
      connector_name: 'Conn',
      tool_title: 'Look up',
    });
  });

  it('takes a permissions request as request_permissions', async () => {
    const row = await guardianRow({ type: 'requestPermissions', permissions: { network: { enabled: true } } });
    expect(row.reviewed_action).toMatchObject({ type: 'request_permissions' });
  });

  it.each([
    ['an execve without a program', { type: 'execve', source: 'shell', argv: ['ls'] }],
    ['a network access without a port', { type: 'networkAccess', protocol: 'https', host: 'h' }],
    ['a network access over an unknown protocol', { type: 'networkAccess', protocol: 'ftp', port: 21 }],
    ['an MCP tool call without a server', { type: 'mcpToolCall', toolName: 'lookup' }],
    ['an MCP tool call without a tool name', { type: 'mcpToolCall', server: 's' }],
    ['an action of an unknown type', { type: 'writeStdin', chars: 'y' }],
    ['an action that is not an object', 'command'],
  ])('makes no review of %s and counts it as malformed', async (_what, action) => {
    expect(await guardianRows(action)).toEqual([]);
    expect(bridge.stats.malformed).toBeGreaterThan(0);
  });

  it('recognises a denial without a risk level after any other failure as failing closed with session_error', async () => {
    const review = { status: 'denied', riskLevel: null, rationale: 'Automatic approval review failed: model unavailable' };
    const row = await guardianRow({ type: 'command', source: 'shell', command: 'ls' }, review);
    expect(row).toMatchObject({ terminal_status: 'failed_closed', failure_kind: 'session_error', rationale: review.rationale });
  });

  it('recognises a denial without a risk level or a rationale as failing closed with session_error', async () => {
    const row = await guardianRow({ type: 'command', source: 'shell', command: 'ls' }, { status: 'denied', riskLevel: null });
    expect(row).toMatchObject({ terminal_status: 'failed_closed', failure_kind: 'session_error', rationale: null });
  });

  it('keeps the rationale of an approval', async () => {
    const row = await guardianRow({ type: 'command', source: 'shell', command: 'ls' }, { ...APPROVED, rationale: 'harmless' });
    expect(row).toMatchObject({ decision: 'approved', rationale: 'harmless' });
  });

  it.each([
    ['of an unknown status', { status: 'pending' }],
    ['that is not an object', 'approved'],
  ])('counts a completed review whose verdict is %s as malformed and ends nothing', async (_what, review) => {
    pipeline = createPipeline();
    bridge = new CodexBridge({ reviews: pipeline.reviews });
    bridge.observe(S2C, guardianStarted('r-1', T0), T0);
    const completed = guardianCompleted('r-1', T0, T0 + 9, {});
    bridge.observe(S2C, { ...completed, params: { ...completed.params, review } }, T0 + 9);
    expect(bridge.stats.malformed).toBe(1);
    expect(pipeline.spans.getFinishedSpans()).toEqual([]);
  });
});

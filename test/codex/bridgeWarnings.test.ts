/* The bridge tells the first malformed message and the first expiry through diag; the rest are only counted. */
import { describe, expect, it } from 'vitest';
import type { CodexBridge } from '../../src/sources/codex/index.js';
import { type BridgeOptions, bridgePerTest } from './bridgePerTest.js';
import { approvalRequest, COMMAND_APPROVAL, commandItem, guardianStarted, itemStarted, S2C, T0 } from './appServerMessages.js';
import { codexWarningsPerTest } from './codexWarnings.js';

let bridge: CodexBridge;
const openBridge = bridgePerTest();
const codexWarnings = codexWarningsPerTest();

function setUp(options: BridgeOptions = {}) {
  ({ bridge } = openBridge(options));
}

describe('bridge warnings', () => {
  it('warns once, naming the first line that is not JSON, and only counts the later ones', () => {
    setUp();
    bridge.observeLine(S2C, 'not json', T0);
    bridge.observeLine(S2C, 'nor this', T0);
    expect(codexWarnings()).toHaveLength(1);
    expect(codexWarnings()[0]).toContain('a server->client line that is not JSON');
  });

  it('names a value that is not a JSON-RPC message', () => {
    setUp();
    bridge.observe(S2C, [1, 2], T0);
    expect(codexWarnings()).toHaveLength(1);
    expect(codexWarnings()[0]).toContain('a server->client value that is not a JSON-RPC message');
  });

  it('warns at the first request that expired, naming it', () => {
    setUp({ maxOpen: 1 });
    for (const id of [1, 2]) bridge.observe(S2C, approvalRequest(id, COMMAND_APPROVAL, T0), T0);
    expect(codexWarnings()).toHaveLength(1);
    expect(codexWarnings()[0]).toContain('an open approval request expired');
  });

  it('warns at the first tool item that expired, naming it', () => {
    setUp({ maxOpen: 1 });
    for (const id of ['call_1', 'call_2']) bridge.observe(S2C, itemStarted(commandItem(id), T0), T0);
    expect(codexWarnings()).toEqual([expect.stringContaining('an open tool item expired')]);
  });

  it('warns at the first guardian review that expired, naming it', () => {
    setUp({ maxOpen: 1 });
    for (const id of ['r-1', 'r-2']) bridge.observe(S2C, guardianStarted(id, T0), T0);
    expect(codexWarnings()).toEqual([expect.stringContaining('an open guardian review expired')]);
  });

  it('warns only once however many requests expire, and counts them all', () => {
    setUp({ maxOpen: 1 });
    for (const id of [1, 2, 3]) bridge.observe(S2C, approvalRequest(id, COMMAND_APPROVAL, T0), T0);
    expect(bridge.stats.expired).toBe(2);
    expect(codexWarnings()).toHaveLength(1);
  });
});

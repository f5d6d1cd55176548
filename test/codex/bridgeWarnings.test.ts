/* The bridge tells the first malformed message and the first expiry through diag; the rest are only counted. */
import { diag, DiagLogLevel } from '@opentelemetry/api';
import { afterEach, describe, expect, it } from 'vitest';
import { CodexBridge } from '../../src/sources/codex/index.js';
import { createPipeline, type Pipeline } from '../pipeline.js';
import { approvalRequest, COMMAND_APPROVAL, S2C, T0 } from './appServerMessages.js';


let pipeline: Pipeline;
let bridge: CodexBridge;
let warnings: string[];

function setUp(options: { maxOpen?: number } = {}) {
  warnings = [];
  // The component logger passes its namespace first, then the message.
  const record = (...args: unknown[]) => void warnings.push(args.join(' '));
  const ignore = () => {};
  diag.setLogger({ error: ignore, warn: record, info: ignore, debug: ignore, verbose: ignore }, DiagLogLevel.WARN);
  pipeline = createPipeline();
  bridge = new CodexBridge({ reviews: pipeline.reviews, ...options });
}

afterEach(async () => {
  diag.disable();
  await pipeline?.shutdown();
});

const codexWarnings = () => warnings.filter(line => line.startsWith('agent-review-telemetry/codex'));

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

  it('warns only once however many requests expire, and counts them all', () => {
    setUp({ maxOpen: 1 });
    for (const id of [1, 2, 3]) bridge.observe(S2C, approvalRequest(id, COMMAND_APPROVAL, T0), T0);
    expect(bridge.stats.expired).toBe(2);
    expect(codexWarnings()).toHaveLength(1);
  });
});

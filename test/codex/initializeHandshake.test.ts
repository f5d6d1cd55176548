/* The initialize handshake as the bridge reads it: the client's info and the server's runtime on every span. */
import { afterEach, describe, expect, it } from 'vitest';
import { CodexBridge } from '../../src/sources/codex/index.js';
import { createPipeline, type Pipeline } from '../pipeline.js';
import { C2S, commandItem, itemCompleted, itemStarted, S2C, T0 } from './appServerMessages.js';

const PROBE_AGENT = 'codex_review_probe/0.169.0 (Debian 12.0.0; x86_64) xterm (codex_review_probe; 0.0.1)';

let pipeline: Pipeline;
let bridge: CodexBridge;

afterEach(async () => {
  await pipeline?.shutdown();
});

/**
 * Runs a handshake with these capabilities and server result (the client's
 * initialize sent as a notification when `asNotification`), then one tool item; returns its span's attributes.
 */
async function attributesAfterHandshake(capabilities: unknown, result: unknown, asNotification = false) {
  pipeline = createPipeline();
  bridge = new CodexBridge({ reviews: pipeline.reviews });
  const clientInfo = { name: 'codex_review_probe', title: 'Codex review probe', version: '0.0.1' };
  const id = asNotification ? {} : { id: 1 };
  bridge.observe(C2S, { jsonrpc: '2.0', ...id, method: 'initialize', params: { clientInfo, capabilities } }, T0);
  bridge.observe(S2C, { id: 1, result }, T0 + 1);
  bridge.observe(S2C, itemStarted(commandItem('call_1'), T0 + 2), T0 + 2);
  bridge.observe(S2C, itemCompleted(commandItem('call_1', { status: 'completed' }), T0 + 2, T0 + 3), T0 + 3);
  await pipeline.rows();
  const [span] = pipeline.spans.getFinishedSpans();
  return span!.attributes;
}

const runtimeOf = (attributes: Record<string, unknown>) => ({
  version: attributes['agent_review.runtime.version'],
  os: attributes['agent_review.runtime.os'],
  osVersion: attributes['agent_review.runtime.os_version'],
  arch: attributes['agent_review.runtime.arch'],
});

describe('initialize handshake', () => {
  it('puts the client name, version, transport and experimental API flag on the spans', async () => {
    const attributes = await attributesAfterHandshake({ experimentalApi: true }, { userAgent: PROBE_AGENT });
    expect(attributes).toMatchObject({
      'agent_review.client.product_id': 'codex_review_probe',
      'agent_review.client.name': 'codex_review_probe',
      'agent_review.client.version': '0.0.1',
      'agent_review.client.rpc_transport': 'stdio',
      'agent_review.client.experimental_api_enabled': true,
    });
  });

  it('takes the experimental API as off unless the capability is exactly true', async () => {
    const attributes = await attributesAfterHandshake({ experimentalApi: 'yes' }, { userAgent: PROBE_AGENT });
    expect(attributes['agent_review.client.experimental_api_enabled']).toBe(false);
  });

  it('reads version, os version and arch from the server user agent and the os from platformOs', async () => {
    const attributes = await attributesAfterHandshake({}, { userAgent: PROBE_AGENT, platformOs: 'linux' });
    expect(runtimeOf(attributes)).toEqual({ version: '0.169.0', os: 'linux', osVersion: '12.0.0', arch: 'x86_64' });
  });

  it('takes the last word of a multi-word os part as the os version', async () => {
    const attributes = await attributesAfterHandshake({}, { userAgent: 'codex/1.2.3 (Mac OS X 14.5; arm64)' });
    expect(runtimeOf(attributes)).toMatchObject({ osVersion: '14.5', arch: 'arm64' });
  });

  it('trims the spaces around the os part and the arch', async () => {
    const attributes = await attributesAfterHandshake({}, { userAgent: 'codex/1.2.3 (Debian 12.0.0 ; x86_64 )' });
    expect(runtimeOf(attributes)).toMatchObject({ osVersion: '12.0.0', arch: 'x86_64' });
  });

  it('leaves os version and arch unset when the user agent has them empty', async () => {
    const attributes = await attributesAfterHandshake({}, { userAgent: 'codex/1.2.3 (; )' });
    expect(runtimeOf(attributes)).toEqual({ version: '1.2.3', os: undefined, osVersion: undefined, arch: undefined });
  });

  it('keeps the os but no user agent fields when the user agent does not parse, without counting it malformed', async () => {
    const attributes = await attributesAfterHandshake({}, { userAgent: 'no agent here', platformOs: 'linux' });
    expect(runtimeOf(attributes)).toEqual({ version: undefined, os: 'linux', osVersion: undefined, arch: undefined });
    expect(bridge.stats.malformed).toBe(0);
  });

  it('keeps the os but no user agent fields when the result has no user agent, without counting it malformed', async () => {
    const attributes = await attributesAfterHandshake({}, { platformOs: 'linux' });
    expect(runtimeOf(attributes)).toEqual({ version: undefined, os: 'linux', osVersion: undefined, arch: undefined });
    expect(bridge.stats.malformed).toBe(0);
  });

  it('takes the client info only from an initialize request, not from a notification of that name', async () => {
    const attributes = await attributesAfterHandshake({ experimentalApi: true }, { userAgent: PROBE_AGENT }, true);
    expect(attributes).not.toHaveProperty('agent_review.client.name');
  });

  it('leaves the runtime unset when the initialize response has no result object, without counting it malformed', async () => {
    const attributes = await attributesAfterHandshake({}, null);
    expect(runtimeOf(attributes)).toEqual({ version: undefined, os: undefined, osVersion: undefined, arch: undefined });
    expect(bridge.stats.malformed).toBe(0);
  });
});

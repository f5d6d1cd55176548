import { describe, expect, it } from 'vitest';
import { readTranscript } from '../../src/sources/codex/index.js';

const line = (value: unknown) => JSON.stringify(value);

describe('readTranscript', () => {
  it('times a client message by the clock offset of the latest server message with emittedAtMs', () => {
    const text = [
      line({ t_ms: 100, dir: 'server->client', msg: { method: 'x', params: {}, emittedAtMs: 5_000 } }),
      line({ t_ms: 400, dir: 'client->server', msg: { jsonrpc: '2.0', id: 1, result: {} } }),
    ].join('\n');
    expect(readTranscript(text).entries.map(e => e.atMs)).toEqual([5_000, 5_300]);
  });

  it('skips meta lines and reports lines that are not transcript records', () => {
    const text = [line({ t_ms: 1, dir: 'meta', msg: { exit: 0 } }), 'garbage', line({ dir: 'x' })].join('\n');
    expect(readTranscript(text)).toEqual({ entries: [], badLines: [2, 3] });
  });
});

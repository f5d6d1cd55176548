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

  it('skips lines that hold only spaces without listing them', () => {
    const text = ['   ', line({ t_ms: 1, dir: 'client->server', msg: {} }), ' \t'].join('\n');
    expect(readTranscript(text)).toEqual({ entries: [{ direction: 'client->server', message: {}, atMs: 1 }], badLines: [] });
  });

  it('lists a line holding null or a record without a numeric t_ms as bad, by its 1-based number', () => {
    const text = ['null', line({ t_ms: '5', dir: 'client->server', msg: {} }), line({ dir: 'server->client', msg: {} })].join('\n');
    expect(readTranscript(text)).toEqual({ entries: [], badLines: [1, 2, 3] });
  });

  it('lists a record with an unknown direction as bad', () => {
    const text = [line({ t_ms: 1, dir: 'client->server', msg: {} }), line({ t_ms: 2, dir: 'sideways', msg: {} })].join('\n');
    expect(readTranscript(text).badLines).toEqual([2]);
  });

  it('times a client message by the offset even when it carries an emittedAtMs of its own', () => {
    const text = [
      line({ t_ms: 100, dir: 'server->client', msg: { method: 'x', emittedAtMs: 5_000 } }),
      line({ t_ms: 400, dir: 'client->server', msg: { jsonrpc: '2.0', id: 1, result: {}, emittedAtMs: 9 } }),
    ].join('\n');
    expect(readTranscript(text).entries.map(e => e.atMs)).toEqual([5_000, 5_300]);
  });

  it('times a server message without emittedAtMs by the offset of the latest one that had it', () => {
    const text = [
      line({ t_ms: 100, dir: 'server->client', msg: { method: 'x', emittedAtMs: 5_000 } }),
      line({ t_ms: 150, dir: 'server->client', msg: { id: 1, result: {} } }),
    ].join('\n');
    expect(readTranscript(text).entries.map(e => e.atMs)).toEqual([5_000, 5_050]);
  });
});

/* `codex-replay`, run in this process on the recorded Codex sessions. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cli } from './cliRun.js';
import { captureFile } from './codex/captures.js';

let dir: string;
beforeEach(async () => {
  vi.stubEnv('OTEL_EXPORTER_OTLP_ENDPOINT', '');
  dir = await mkdtemp(join(tmpdir(), 'cli-codex-replay-'));
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await rm(dir, { recursive: true, force: true });
});

describe('codex-replay', () => {
  it('writes the rows of a recorded session to --rows and counts the messages', async () => {
    const rows = join(dir, 'rows.jsonl');
    const { code, stderr } = await cli(['codex-replay', captureFile('1-user-approvals.transcript.jsonl'), '--rows', rows]);
    expect(code).toBe(0);
    expect(stderr).toMatch(new RegExp(`^codex-replay: \\d+ messages, 0 malformed, 0 expired; rows appended to ${rows}\\n$`));
    const types = (await readFile(rows, 'utf8')).trim().split('\n').map(line => (JSON.parse(line) as { event_type: string }).event_type);
    expect(types.filter(type => type === 'codex_review_event')).toHaveLength(4);
  });

  it('says nothing of a rows file without --rows', async () => {
    const { code, stderr } = await cli(['codex-replay', captureFile('1-user-approvals.transcript.jsonl')]);
    expect(code).toBe(0);
    expect(stderr).toMatch(/^codex-replay: \d+ messages, 0 malformed, 0 expired\n$/);
  });

  it('ends what the session left open at the time of its last line', async () => {
    const t0 = 1_795_000_000_000;
    const file = join(dir, 'open.jsonl');
    const rows = join(dir, 'rows.jsonl');
    const request = { method: 'item/commandExecution/requestApproval', id: 5, params: { threadId: 't', turnId: 'u', itemId: 'call_1', startedAtMs: t0 } };
    await writeFile(
      file,
      `${JSON.stringify({ t_ms: t0, dir: 'server->client', msg: request })}\n` +
        `${JSON.stringify({ t_ms: t0 + 3000, dir: 'client->server', msg: { jsonrpc: '2.0', method: 'initialized' } })}\n`
    );
    expect((await cli(['codex-replay', file, '--rows', rows])).code).toBe(0);
    const [row] = (await readFile(rows, 'utf8')).trim().split('\n').map(line => JSON.parse(line) as { event_params: object });
    expect(row?.event_params).toMatchObject({ review_id: 'user:5', status: 'aborted', completed_at_ms: t0 + 3000 });
  });

  it('refuses a file that is not a transcript with exit 2, naming the count and the first bad line', async () => {
    const file = join(dir, 'bad.jsonl');
    await writeFile(file, '{"t_ms":1,"dir":"meta","msg":{}}\nhello\nworld\n');
    const { code, stderr } = await cli(['codex-replay', file]);
    expect(code).toBe(2);
    expect(stderr).toBe(`codex-replay: ${file}: 2 line(s) are not {t_ms, dir, msg} records (first: line 2)\n`);
  });
});

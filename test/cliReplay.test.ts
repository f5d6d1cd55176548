/* `replay`, run in this process against a real OTLP/HTTP receiver on 127.0.0.1. */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { startReviewTelemetry } from '../src/setup/index.js';
import { cli, processorRows, writeLines } from './cliRun.js';
import { THREAD } from './pipeline.js';
import { OtlpReceiver } from './support/otlpReceiver.js';

interface LogRecord {
  eventName: string;
  observedTimeUnixNano?: unknown;
  body: { kvlistValue: { values: { key: string; value: { stringValue?: string } }[] } };
}
interface LogsBody {
  resourceLogs: { resource: unknown; scopeLogs: { scope: unknown; logRecords: LogRecord[] }[] }[];
}

/** Every record received, in order, each with its resource and scope. */
function received(receiver: OtlpReceiver, path = '/v1/logs') {
  return (receiver.bodies(path) as unknown as LogsBody[]).flatMap(body =>
    body.resourceLogs.flatMap(({ resource, scopeLogs }) =>
      scopeLogs.flatMap(({ scope, logRecords }) => logRecords.map(record => ({ resource, scope, record })))
    )
  );
}

const field = (record: LogRecord, key: string) => record.body.kvlistValue.values.find(entry => entry.key === key)?.value;

let dir: string;
let rowLines: string[];
let receiver: OtlpReceiver;
let endpoint: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-replay-'));
  rowLines = (await processorRows()).map(row => JSON.stringify(row));
});
afterAll(() => rm(dir, { recursive: true, force: true }));
beforeEach(async () => {
  for (const name of ['OTEL_EXPORTER_OTLP_ENDPOINT', 'OTEL_EXPORTER_OTLP_LOGS_ENDPOINT', 'OTEL_EXPORTER_OTLP_HEADERS', 'OTEL_SERVICE_NAME']) {
    vi.stubEnv(name, '');
  }
  // JSON on the wire, so the tests read the records themselves; the live pipeline follows the same variable.
  vi.stubEnv('OTEL_EXPORTER_OTLP_PROTOCOL', 'http/json');
  receiver = new OtlpReceiver();
  endpoint = await receiver.start();
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await receiver.close();
});

/** `count` rows, each of its own thread `t-<index>`. */
function numberedRows(count: number): string[] {
  return Array.from({ length: count }, (_, index) => {
    const row = JSON.parse(rowLines[index % rowLines.length]!) as { event_params: Record<string, unknown> };
    row.event_params.thread_id = `t-${index}`;
    return JSON.stringify(row);
  });
}

describe('replay', { timeout: 30_000 }, () => {
  it('sends the records the live pipeline sends for the same rows', async () => {
    const live = new OtlpReceiver();
    const liveEndpoint = await live.start();
    try {
      const rowsFile = join(dir, 'live.jsonl');
      const telemetry = startReviewTelemetry({ otlpEndpoint: liveEndpoint, rowsAsOtlpLogs: true, rowsFile, shutdownOnExit: false });
      telemetry.reviews.startUserReview({ ...THREAD, requestId: 1, request: { kind: 'command_execution' } }).resolve('accept');
      telemetry.reviews
        .startGuardianReview({ ...THREAD, reviewId: 'g', timeoutMs: 10, action: { type: 'apply_patch' } })
        .deny({ riskLevel: 'high' });
      await telemetry.shutdown();

      const { code } = await cli(['replay', rowsFile, '--endpoint', endpoint]);
      expect(code).toBe(0);
      const withoutObservedTime = ({ record: { observedTimeUnixNano, ...record }, ...rest }: ReturnType<typeof received>[number]) => ({
        ...rest,
        record,
      });
      const liveRecords = received(live).map(withoutObservedTime);
      expect(liveRecords).toHaveLength((await readFile(rowsFile, 'utf8')).trim().split('\n').length);
      expect(received(receiver).map(withoutObservedTime)).toEqual(liveRecords);
    } finally {
      await live.close();
    }
  });

  it('delivers every row of a long file, in order, in several requests', async () => {
    const file = await writeLines(dir, 'long.jsonl', numberedRows(1500));
    const { code, stdout, stderr } = await cli(['replay', file, '--endpoint', `${endpoint}//`]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toBe(`1500 rows of ${file} to ${endpoint}/v1/logs: 1500 written, 0 dropped, 0 bad line(s)\n`);
    const records = received(receiver);
    expect(records.map(({ record }) => field(record, 'thread_id')?.stringValue)).toEqual(
      Array.from({ length: 1500 }, (_, index) => `t-${index}`)
    );
    expect(receiver.requests.length).toBeGreaterThan(2);
  });

  it('sends the rows around lines that are not rows, lists those lines and exits 2', async () => {
    const [first, second] = numberedRows(2) as [string, string];
    const file = await writeLines(dir, 'bad.jsonl', [first, 'nope', '[1]', second]);
    const { code, stdout, stderr } = await cli(['replay', file, '--endpoint', endpoint]);
    expect(code).toBe(2);
    expect(stderr).toBe(`replay: ${file}: line 2: not JSON\nreplay: ${file}: line 3: not a JSON object\n`);
    expect(stdout).toBe(`2 rows of ${file} to ${endpoint}/v1/logs: 2 written, 0 dropped, 2 bad line(s)\n`);
    expect(received(receiver).map(({ record }) => field(record, 'thread_id')?.stringValue)).toEqual(['t-0', 't-1']);
  });

  it('lists the first 20 bad lines and counts the others', async () => {
    const file = await writeLines(dir, 'many-bad.jsonl', Array.from({ length: 23 }, () => 'nope'));
    const { code, stderr } = await cli(['replay', file, '--endpoint', endpoint]);
    expect(code).toBe(2);
    const lines = stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(21);
    expect(lines[19]).toBe(`replay: ${file}: line 20: not JSON`);
    expect(lines[20]).toBe(`replay: ${file}: 3 more bad line(s)`);
  });

  it('counts the rows a rejecting receiver drops, and exits 1', async () => {
    const rejecting = new OtlpReceiver(400);
    const rejectingEndpoint = await rejecting.start();
    try {
      const file = await writeLines(dir, 'rejected.jsonl', numberedRows(600));
      const { code, stdout, stderr } = await cli(['replay', file, '--endpoint', rejectingEndpoint]);
      expect(code).toBe(1);
      expect(stderr).toBe('replay: 600 row(s) dropped (sink_failure 600): Bad Request\n');
      expect(stdout).toBe(`600 rows of ${file} to ${rejectingEndpoint}/v1/logs: 0 written, 600 dropped, 0 bad line(s)\n`);
      expect(rejecting.requests.length).toBeGreaterThan(0);
    } finally {
      await rejecting.close();
    }
  });

  it('exits 1 rather than 2 when rows were dropped and lines were bad', async () => {
    const rejecting = new OtlpReceiver(400);
    const rejectingEndpoint = await rejecting.start();
    try {
      const file = await writeLines(dir, 'both.jsonl', [...numberedRows(1), 'nope']);
      expect((await cli(['replay', file, '--endpoint', rejectingEndpoint])).code).toBe(1);
    } finally {
      await rejecting.close();
    }
  });

  it('takes the endpoint from OTEL_EXPORTER_OTLP_ENDPOINT, adding /v1/logs, and headers from OTEL_EXPORTER_OTLP_HEADERS', async () => {
    vi.stubEnv('OTEL_EXPORTER_OTLP_ENDPOINT', endpoint);
    vi.stubEnv('OTEL_EXPORTER_OTLP_HEADERS', 'x-api-key=k1');
    const file = await writeLines(dir, 'env.jsonl', numberedRows(1));
    const { code, stdout } = await cli(['replay', file]);
    expect(code).toBe(0);
    expect(stdout).toBe(`1 rows of ${file} to ${endpoint}/v1/logs: 1 written, 0 dropped, 0 bad line(s)\n`);
    expect(receiver.paths()).toEqual(['/v1/logs']);
    expect(receiver.requests[0]?.headers['x-api-key']).toBe('k1');
  });

  it('takes OTEL_EXPORTER_OTLP_LOGS_ENDPOINT as it is, before OTEL_EXPORTER_OTLP_ENDPOINT', async () => {
    vi.stubEnv('OTEL_EXPORTER_OTLP_ENDPOINT', 'http://127.0.0.1:1');
    vi.stubEnv('OTEL_EXPORTER_OTLP_LOGS_ENDPOINT', `${endpoint}/custom/logs`);
    const file = await writeLines(dir, 'logs-env.jsonl', numberedRows(1));
    const { code, stdout } = await cli(['replay', file]);
    expect(code).toBe(0);
    expect(stdout).toBe(`1 rows of ${file} to ${endpoint}/custom/logs: 1 written, 0 dropped, 0 bad line(s)\n`);
    expect(receiver.paths()).toEqual(['/custom/logs']);
  });

  it('takes --endpoint before the environment', async () => {
    vi.stubEnv('OTEL_EXPORTER_OTLP_LOGS_ENDPOINT', 'http://127.0.0.1:1/v1/logs');
    const file = await writeLines(dir, 'flag.jsonl', numberedRows(1));
    expect((await cli(['replay', file, '--endpoint', endpoint])).code).toBe(0);
    expect(receiver.paths()).toEqual(['/v1/logs']);
  });

  it('refuses to run without an endpoint, with exit 2', async () => {
    const file = await writeLines(dir, 'nowhere.jsonl', numberedRows(1));
    const { code, stderr } = await cli(['replay', file]);
    expect(code).toBe(2);
    expect(stderr).toBe('replay: no endpoint: pass --endpoint or set OTEL_EXPORTER_OTLP_ENDPOINT\n');
  });

  it('draws a progress bar on a terminal, ending full', async () => {
    const file = await writeLines(dir, 'progress.jsonl', numberedRows(1200));
    const { code, stderr } = await cli(['replay', file, '--endpoint', endpoint], { tty: true });
    expect(code).toBe(0);
    expect(stderr).toMatch(/replay \[[█░]+\] 100% \| 1200 rows \| ETA/);
  });

  it('starts the bar empty and hides the cursor while it draws, then shows it again on a line of its own', async () => {
    const file = await writeLines(dir, 'cursor.jsonl', numberedRows(10));
    const { stderr } = await cli(['replay', file, '--endpoint', endpoint], { tty: true });
    expect(stderr).toMatch(/^\u001b7\u001b\[\?25l.*replay \[░+\] 0% \| 0 rows/);
    expect(stderr.endsWith('\u001b[?25h\u001b[?7h\u001b8\n')).toBe(true);
  });

  it('draws the bar full with the rows answered, dropped ones too, after bad lines at the end', async () => {
    const rejecting = new OtlpReceiver(400);
    const rejectingEndpoint = await rejecting.start();
    try {
      const file = await writeLines(dir, 'progress-dropped.jsonl', [...numberedRows(30), ...Array.from({ length: 50 }, () => 'nope')]);
      const { stderr } = await cli(['replay', file, '--endpoint', rejectingEndpoint], { tty: true });
      expect(stderr).toMatch(/replay \[█+\] 100% \| 30 rows \| ETA/);
    } finally {
      await rejecting.close();
    }
  });

  it('draws no progress bar when stderr is not a terminal', async () => {
    const file = await writeLines(dir, 'pipe.jsonl', numberedRows(1200));
    expect((await cli(['replay', file, '--endpoint', endpoint])).stderr).toBe('');
  });

  it('draws no progress bar on a terminal with --no-progress', async () => {
    const file = await writeLines(dir, 'quiet.jsonl', numberedRows(10));
    expect((await cli(['replay', file, '--endpoint', endpoint, '--no-progress'], { tty: true })).stderr).toBe('');
  });
});

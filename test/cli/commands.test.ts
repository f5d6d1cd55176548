/*
 * The command line as users run it: the real bin in its own process, with
 * real files, a real OTLP/HTTP receiver on 127.0.0.1 and Debian's
 * docker-compose. Each command's logic is tested in this process by
 * test/cli*.test.ts; here, what only a real process shows.
 */
import { execFile, spawnSync } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { processorRows, writeLines } from '../cliRun.js';
import { OtlpReceiver } from '../support/otlpReceiver.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** The bin, run as `node main.ts`; answers with its status and output. */
async function bin(args: string[], env: NodeJS.ProcessEnv = {}) {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: ROOT,
      env: { ...process.env, OTEL_EXPORTER_OTLP_ENDPOINT: '', OTEL_EXPORTER_OTLP_LOGS_ENDPOINT: '', OTEL_EXPORTER_OTLP_HEADERS: '', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

let dir: string;
let rowLines: string[];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cli-commands-'));
  rowLines = (await processorRows()).map(row => JSON.stringify(row));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('the bin', { timeout: 60_000 }, () => {
  it.each(['', 'codex-proxy', 'codex-replay', 'init-deploy', 'replay', 'summarize', 'validate'])(
    'answers %j --help with its usage and exit 0',
    async name => {
      const { code, stdout } = await bin([...(name ? [name] : []), '--help']);
      expect(code).toBe(0);
      expect(stdout).toMatch(new RegExp(`^Usage: agent-review-telemetry ${name}`));
    }
  );

  it('summarizes a rows file as JSON', async () => {
    const file = await writeLines(dir, 'rows.jsonl', rowLines);
    const { code, stdout } = await bin(['summarize', file, '--json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ rowsByEventType: { codex_guardian_review: 1, codex_review_event: 3 } });
  });

  it('exits 1 when validate finds an invalid row', async () => {
    const file = await writeLines(dir, 'invalid.jsonl', [rowLines[0]!, '[1]']);
    const { code, stdout } = await bin(['validate', file]);
    expect(code).toBe(1);
    expect(stdout).toBe('line 2: not a JSON object\n1 valid, 1 invalid\n');
  });
});

describe('replay, by the bin', { timeout: 60_000 }, () => {
  it('sends every row to OTEL_EXPORTER_OTLP_ENDPOINT with the headers of OTEL_EXPORTER_OTLP_HEADERS', async () => {
    const receiver = new OtlpReceiver();
    try {
      const endpoint = await receiver.start();
      const file = await writeLines(dir, 'replay.jsonl', rowLines);
      const { code, stdout, stderr } = await bin(['replay', file], {
        OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
        OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer t0k',
      });
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
      expect(stdout).toBe(`4 rows of ${file} to ${endpoint}/v1/logs: 4 written, 0 dropped, 0 bad line(s)\n`);
      expect(receiver.names('/v1/logs')).toEqual(rowLines.map(line => (JSON.parse(line) as { event_type: string }).event_type));
      expect(receiver.requests.map(request => request.headers.authorization)).toEqual(
        receiver.requests.map(() => 'Bearer t0k')
      );
    } finally {
      await receiver.close();
    }
  });

  it('exits 1 with the count when the receiver rejects the rows', async () => {
    const receiver = new OtlpReceiver(400);
    try {
      const endpoint = await receiver.start();
      const file = await writeLines(dir, 'rejected.jsonl', rowLines);
      const { code, stderr } = await bin(['replay', file, '--endpoint', endpoint]);
      expect(code).toBe(1);
      expect(stderr).toMatch(/^replay: 4 row\(s\) dropped \(sink_failure 4\)/);
    } finally {
      await receiver.close();
    }
  });
});

/** Debian's docker-compose, installed when missing and possible; else why it cannot be had. */
function dockerComposeMissing(): string | undefined {
  const has = () => spawnSync('docker-compose', ['version'], { encoding: 'utf8' }).status === 0;
  if (has()) return undefined;
  if (process.getuid?.() !== 0) return 'docker-compose is missing, and installing it needs root';
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { env });
  const install = spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'docker-compose'], { env, encoding: 'utf8' });
  return has() ? undefined : `docker-compose could not be installed: ${install.stderr || install.error?.message}`;
}

async function filesUnder(folder: string): Promise<string[]> {
  const files = [];
  for (const name of await readdir(folder, { recursive: true })) if ((await stat(join(folder, name))).isFile()) files.push(name);
  return files.sort();
}

describe('init-deploy, by the bin', { timeout: 300_000 }, () => {
  let kit: string;
  beforeAll(async () => {
    kit = join(dir, 'kit');
    const { code, stdout } = await bin(['init-deploy', kit]);
    expect(code).toBe(0);
    expect(stdout).toContain(join(kit, 'docker-compose.yaml'));
  });

  it('writes a kit that docker-compose config accepts, every mounted path inside the folder', ({ skip }) => {
    const missing = dockerComposeMissing();
    if (missing !== undefined) {
      console.warn(`init-deploy: docker-compose check skipped: ${missing}`);
      skip(missing);
    }
    const run = spawnSync('docker-compose', ['--file', join(kit, 'docker-compose.yaml'), 'config'], { encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const config = parseYaml(run.stdout) as { services: Record<string, { volumes?: (string | { source: string })[] }> };
    const sources = Object.values(config.services).flatMap(service =>
      (service.volumes ?? []).map(volume => (typeof volume === 'string' ? volume.split(':')[0]! : volume.source))
    );
    expect(sources).toHaveLength(7);
    for (const source of sources) expect(source.startsWith(`${kit}/`), source).toBe(true);
  });

  it('ships every file of the kit in the package', async () => {
    const pack = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: ROOT, encoding: 'utf8' });
    expect(pack.status, pack.stderr).toBe(0);
    const [{ files }] = JSON.parse(pack.stdout) as [{ files: { path: string }[] }];
    const shipped = new Set(files.map(file => file.path));
    const kitFiles = await filesUnder(kit);
    expect(kitFiles.filter(file => !shipped.has(file))).toEqual([]);
  });
});

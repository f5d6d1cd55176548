/*
 * What codex-proxy adds per message (issue 11). A client sends real
 * app-server messages (the lines of the two recorded sessions) one at a
 * time to an echo server and waits for each to come back:
 *
 *   (p0) straight to the echo server (the baseline, same run)
 *   (p)  through `agent-review-telemetry codex-proxy -- <echo server>`, which
 *        observes both directions through the bridge with the real SDK
 *
 * A round trip passes the proxy twice, so the proxy's cost per message is
 * half the difference of the median round trips. The proxy's CPU time
 * (utime + stime from /proc) is read beside the wall time.
 */
import { type ChildProcessByStdio, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable, Writable } from 'node:stream';

const ROOT = join(import.meta.dirname, '..');
const ECHO = 'process.stdin.pipe(process.stdout)';
const CLOCK_TICKS_PER_SECOND = 100;

export interface ProxyBenchConfig {
  /** Round trips per timed run. */
  messages: number;
  /** Untimed round trips first (JIT, SDK start). */
  warmup: number;
  /** Runs of each; (p0) and (p) alternate. */
  rounds: number;
}

export interface ProxyBenchResult {
  /** Median round trip per run, ns. */
  direct: number[];
  proxied: number[];
  /** Proxy CPU per message (both directions observed), ns, per proxied run. */
  proxyCpu: number[];
  messageBytes: number;
}

function transcriptLines(): string[] {
  const lines: string[] = [];
  for (const name of ['1-user-approvals', '2-guardian']) {
    const file = join(ROOT, 'test', 'codex', 'captures', `${name}.transcript.jsonl`);
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      if (line === '') continue;
      const record = JSON.parse(line) as { dir: string; msg: unknown };
      if (record.dir !== 'meta') lines.push(`${JSON.stringify(record.msg)}\n`);
    }
  }
  return lines;
}

/** utime + stime of a process, in ns. */
function cpuNs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS_PER_SECOND) * 1e9;
}

class PingPong {
  private readonly _child: ChildProcessByStdio<Writable, Readable, null>;
  private _waiting: { bytes: number; resolve: () => void } | undefined;

  constructor(command: string, args: string[]) {
    this._child = spawn(command, args, { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
    this._child.stdout.on('data', (chunk: Buffer) => {
      const waiting = this._waiting;
      if (waiting === undefined) return;
      waiting.bytes -= chunk.length;
      if (waiting.bytes <= 0) {
        this._waiting = undefined;
        waiting.resolve();
      }
    });
  }

  get pid(): number {
    return this._child.pid as number;
  }

  /** Sends one line and resolves when all its bytes came back; returns ns. */
  async roundTrip(line: string): Promise<number> {
    const bytes = Buffer.byteLength(line);
    const start = process.hrtime.bigint();
    const back = new Promise<void>(resolve => {
      this._waiting = { bytes, resolve };
    });
    this._child.stdin.write(line);
    await back;
    return Number(process.hrtime.bigint() - start);
  }

  close(): Promise<void> {
    this._child.stdin.end();
    return new Promise(resolve => this._child.on('close', () => resolve()));
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
};

async function timedRun(pingPong: PingPong, lines: string[], config: ProxyBenchConfig, cpuPid?: number) {
  for (let i = 0; i < config.warmup; i++) await pingPong.roundTrip(lines[i % lines.length] as string);
  const cpuBefore = cpuPid === undefined ? 0 : cpuNs(cpuPid);
  const times: number[] = [];
  for (let i = 0; i < config.messages; i++) times.push(await pingPong.roundTrip(lines[i % lines.length] as string));
  const cpu = cpuPid === undefined ? 0 : (cpuNs(cpuPid) - cpuBefore) / (2 * config.messages);
  return { median: median(times), cpu };
}

export async function runProxyBench(config: ProxyBenchConfig): Promise<ProxyBenchResult> {
  const lines = transcriptLines();
  const result: ProxyBenchResult = {
    direct: [],
    proxied: [],
    proxyCpu: [],
    messageBytes: lines.reduce((sum, line) => sum + Buffer.byteLength(line), 0) / lines.length,
  };
  for (let round = 0; round < config.rounds; round++) {
    const order = round % 2 === 0 ? (['p0', 'p'] as const) : (['p', 'p0'] as const);
    for (const which of order) {
      if (which === 'p0') {
        const direct = new PingPong(process.execPath, ['-e', ECHO]);
        result.direct.push((await timedRun(direct, lines, config)).median);
        await direct.close();
      } else {
        const proxied = new PingPong(process.execPath, [
          '--import', 'tsx', 'src/cli/main.ts', 'codex-proxy', '--', process.execPath, '-e', ECHO,
        ]);
        const run = await timedRun(proxied, lines, config, proxied.pid);
        result.proxied.push(run.median);
        result.proxyCpu.push(run.cpu);
        await proxied.close();
      }
    }
  }
  return result;
}

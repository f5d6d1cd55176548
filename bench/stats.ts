/* Sample statistics, CPU accounting, formatting and the markdown tables the bench prints. */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Task } from 'tinybench';

export const gc: () => void = (() => {
  if (globalThis.gc) return globalThis.gc;
  console.warn('no global.gc (run with node --expose-gc); enabling it at run time');
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

export function quantile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((x, y) => x - y);
  if (sorted.length === 0) return Number.NaN;
  const at = (sorted.length - 1) * p;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return (sorted[low] as number) + ((sorted[high] as number) - (sorted[low] as number)) * (at - low);
}

/** Process CPU (user + system, all threads: GC helpers included) in ns since `from`. */
export function cpuSince(from: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(from);
  return (used.user + used.system) * 1000;
}

/**
 * One configuration's figures, pooled over rounds: wall time as per-sample
 * means in ns per unit (tinybench samples), and CPU time as total process
 * CPU over total units, warm-up included (process.cpuUsage around each
 * sample; its resolution needs the total, not single samples).
 */
export class Samples {
  readonly values: number[] = [];
  readonly roundMedians: number[] = [];
  cpuNs = 0;
  units = 0;

  /** Wraps a sample function that runs `units` units so that its CPU time is counted. */
  timed(units: number, sample: () => Promise<void>): () => Promise<void> {
    return async () => {
      const from = process.cpuUsage();
      await sample();
      this.cpuNs += cpuSince(from);
      this.units += units;
    };
  }

  add(task: Task, unitsPerSample: number): void {
    const result = task.result;
    if (result.state !== 'completed') {
      throw new Error(`task ${task.name} ended ${result.state}: ${'error' in result ? String(result.error) : ''}`);
    }
    const samples = result.latency.samples;
    if (samples === undefined) throw new Error('tinybench kept no samples');
    const perUnit = samples.map(ms => (ms * 1e6) / unitsPerSample);
    this.values.push(...perUnit);
    this.roundMedians.push(quantile(perUnit, 0.5));
  }

  q(p: number): number {
    return quantile(this.values, p);
  }

  /** Mean process CPU ns per unit. */
  get cpu(): number {
    return this.units === 0 ? Number.NaN : this.cpuNs / this.units;
  }

  get empty(): boolean {
    return this.values.length === 0;
  }
}

export const fmtInt = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '-');
export const fmtMiB = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MiB`;
export const fmtRatio = (n: number) => (Number.isFinite(n) ? n.toFixed(3) : '-');

/** A markdown table, numbers right-aligned: paste it into docs/benchmarks.md as it is. */
export function printTable(header: string[], body: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map(r => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    '| ' +
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i] as number) : cell.padStart(widths[i] as number))).join(' | ') +
    ' |';
  console.log(line(header));
  console.log('|' + widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : '-'.repeat(w + 1) + ':')).join('|') + '|');
  for (const row of body) console.log(line(row));
}

/** Heap used after forced GCs, with one event-loop turn first so exporters and timers settle. */
export async function heapAfterGc(): Promise<number> {
  await new Promise(resolve => setImmediate(resolve));
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

/* The command line run in this process, on captured streams, and a rows file to run it on. */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import type { ReviewRow } from '../src/index.js';
import { createPipeline, THREAD } from './pipeline.js';
import { runCli } from './support/internals.js';

/** A stream that keeps what is written to it, a terminal `columns` wide when `isTTY`; it pushes back past `highWaterMark` bytes. */
export class Captured extends Writable {
  text = '';
  constructor(
    readonly isTTY = false,
    readonly columns = 80,
    highWaterMark?: number
  ) {
    super(highWaterMark === undefined ? {} : { highWaterMark });
  }
  override _write(chunk: Buffer, _encoding: string, done: () => void): void {
    this.text += String(chunk);
    done();
  }
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** `tty`: stderr says it is a terminal. `stdin`: what codex-proxy reads; `stdout` to watch it as it runs. */
export async function cli(
  args: string[],
  { tty = false, stdin = new PassThrough().end() as NodeJS.ReadableStream, stdout = new Captured() } = {}
): Promise<CliRun> {
  const stderr = new Captured(tty);
  const code = await runCli(args, { stdin, stdout, stderr });
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** Rows the processor wrote: two user reviews and a guardian review that failed closed. */
export async function processorRows(): Promise<ReviewRow[]> {
  const pipeline = createPipeline();
  pipeline.reviews.startUserReview({ ...THREAD, requestId: 1, request: { kind: 'command_execution' } }).resolve('accept');
  pipeline.reviews.startUserReview({ ...THREAD, requestId: 2, request: { kind: 'file_change' } }).resolve('decline');
  pipeline.reviews
    .startGuardianReview({ ...THREAD, reviewId: 'g', timeoutMs: 10, action: { type: 'apply_patch' } })
    .failClosed('parse_error');
  const rows = await pipeline.rows();
  await pipeline.shutdown();
  return rows;
}

export async function writeLines(dir: string, name: string, lines: string[]): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, lines.map(line => `${line}\n`).join(''));
  return path;
}

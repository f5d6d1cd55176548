/* How `replay` hands a rows file to a sink: batches, the window of unanswered batches, progress and drops. */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExportResultCode } from '@opentelemetry/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReviewRow, RowExportResult, RowSink } from '../src/index.js';
import { processorRows, writeLines } from './cliRun.js';
import { replayRows } from './support/internals.js';

/** A sink that answers each batch on a later turn, with the result `answer` gives, and records what it saw. */
class AnsweringSink implements RowSink {
  readonly batches: ReviewRow[][] = [];
  unanswered = 0;
  mostUnanswered = 0;
  constructor(private readonly _answer: (rows: ReviewRow[]) => RowExportResult = () => ({ code: ExportResultCode.SUCCESS })) {}
  export(rows: ReviewRow[], resultCallback: (result: RowExportResult) => void): void {
    this.batches.push(rows);
    this.mostUnanswered = Math.max(this.mostUnanswered, ++this.unanswered);
    setTimeout(() => {
      this.unanswered--;
      resultCallback(this._answer(rows));
    }, 1);
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

let dir: string;
let lines: string[];
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'replay-rows-'));
  const rowLines = (await processorRows()).map(row => JSON.stringify(row));
  lines = Array.from({ length: 25 }, (_, index) => rowLines[index % rowLines.length]!);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const options = { batchSize: 10, maxPendingBatches: 2, badLinesListed: 5 };

describe('replayRows', () => {
  it('hands the rows over in full batches and one last partial batch, never an empty one', async () => {
    const sink = new AnsweringSink();
    const file = await writeLines(dir, 'batches.jsonl', lines);
    const report = await replayRows({ ...options, file, sink });
    expect(sink.batches.map(batch => batch.length)).toEqual([10, 10, 5]);
    expect(report).toEqual({ rows: 25, written: 25, dropped: {}, firstError: undefined, badLines: 0, listedBadLines: [] });
  });

  it('hands over an exact number of batches without an empty one after them', async () => {
    const sink = new AnsweringSink();
    const file = await writeLines(dir, 'exact.jsonl', lines.slice(0, 20));
    await replayRows({ ...options, file, sink });
    expect(sink.batches.map(batch => batch.length)).toEqual([10, 10]);
  });

  it('keeps at most maxPendingBatches batches unanswered', async () => {
    const sink = new AnsweringSink();
    const file = await writeLines(dir, 'window.jsonl', [...lines, ...lines, ...lines]);
    await replayRows({ ...options, file, sink });
    expect(sink.batches).toHaveLength(8);
    expect(sink.mostUnanswered).toBe(2);
  });

  it('reports progress after each answer: the bytes up to the batch, the rows answered', async () => {
    const sink = new AnsweringSink();
    const file = await writeLines(dir, 'progress.jsonl', lines);
    const progress: [number, number][] = [];
    await replayRows({ ...options, file, sink, onProgress: (bytes, rows) => progress.push([bytes, rows]) });
    expect(progress.map(([, rows]) => rows)).toEqual([10, 20, 25]);
    expect(progress.at(-1)?.[0]).toBe((await stat(file)).size);
  });

  it('counts dropped rows by reason, with the first error, and their progress too', async () => {
    let answers = 0;
    const sink = new AnsweringSink(rows =>
      ++answers === 1
        ? { code: ExportResultCode.SUCCESS, droppedRows: { unserializable: 1 }, error: new Error('first') }
        : { code: ExportResultCode.FAILED, error: new Error(`failed ${rows.length}`) }
    );
    const file = await writeLines(dir, 'dropped.jsonl', lines);
    const progress: number[] = [];
    const report = await replayRows({ ...options, file, sink, onProgress: (_, rows) => progress.push(rows) });
    expect(report).toMatchObject({ rows: 25, written: 9, dropped: { unserializable: 1, sink_failure: 15 }, firstError: 'first' });
    expect(progress).toEqual([10, 20, 25]);
  });

  it('keeps no error when no row was dropped', async () => {
    const sink = new AnsweringSink(() => ({ code: ExportResultCode.SUCCESS, error: new Error('not a drop') }));
    const file = await writeLines(dir, 'kept.jsonl', lines.slice(0, 3));
    expect((await replayRows({ ...options, file, sink })).firstError).toBeUndefined();
  });

  it('counts a drop without an error as a drop without a message', async () => {
    const sink = new AnsweringSink(() => ({ code: ExportResultCode.FAILED }));
    const file = await writeLines(dir, 'no-error.jsonl', lines.slice(0, 3));
    expect(await replayRows({ ...options, file, sink })).toMatchObject({ dropped: { sink_failure: 3 }, firstError: undefined });
  });

  it('lists the first badLinesListed bad lines and counts all of them', async () => {
    const sink = new AnsweringSink();
    const file = await writeLines(dir, 'bad.jsonl', [lines[0]!, ...Array.from({ length: 7 }, () => 'nope'), 'null']);
    const report = await replayRows({ ...options, file, sink });
    expect(report.badLines).toBe(8);
    expect(report.listedBadLines).toEqual([2, 3, 4, 5, 6].map(line => ({ line, problem: 'not JSON' })));
  });
});

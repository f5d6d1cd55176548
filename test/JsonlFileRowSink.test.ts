/*
 * The JSONL sink: one row per line, in order; bad rows, a failed open, a
 * full backlog, a file that ends mid-line, options and misuse. Rotation, a
 * stuck disk, a full disk and shutdown have files of their own.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiagLogLevel, diag } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonlFileRowSink } from '../src/index.js';
import { exportRows, reviewIdsIn as reviewIds, row, unwritableRows } from './rowFixtures.js';
import { CapturingLogger } from './support/diagCapture.js';
import { descriptorsOn } from './support/openFiles.js';

describe('JsonlFileRowSink', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'jsonl-sink-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('writes one JSON row per line, in export order, creating the folder', async () => {
    const path = join(dir, 'nested', 'rows.jsonl');
    const sink = new JsonlFileRowSink({ path });
    sink.export([row('a'), row('b')], () => {});
    sink.export([row('c')], () => {});
    await sink.forceFlush();
    expect(await reviewIds(path)).toEqual(['a', 'b', 'c']);
    await sink.shutdown();
  });

  it('appends by default and empties the file when asked to truncate', async () => {
    const path = join(dir, 'rows.jsonl');
    for (const truncate of [false, false, true]) {
      const sink = new JsonlFileRowSink({ path, truncate });
      await exportRows(sink, [row('x')]);
      await sink.shutdown();
    }
    expect((await readFile(path, 'utf8')).trimEnd().split('\n')).toHaveLength(1);
  });

  it('drops each row that cannot be serialised alone and writes the others', async () => {
    const path = join(dir, 'rows.jsonl');
    const sink = new JsonlFileRowSink({ path });
    const bad = unwritableRows();
    const result = await exportRows(sink, [row('first'), ...bad, row('last')]);
    expect(result.code).toBe(ExportResultCode.SUCCESS);
    expect(result.droppedRows).toEqual({ unserializable: bad.length });
    expect(await reviewIds(path)).toEqual(['first', 'last']);
    await sink.shutdown();
  });

  it('reports a failed open through the callback', async () => {
    const sink = new JsonlFileRowSink({ path: dir });
    const result = await exportRows(sink, [row('a')]);
    expect(result.code).toBe(ExportResultCode.FAILED);
    expect(result.droppedRows).toEqual({ sink_failure: 1 });
    expect(result.error?.message).toMatch(/EISDIR/);
    await sink.shutdown();
  });

  it.runIf(process.platform === 'linux')('drops the rows with the error of a file it opened but cannot empty, and closes it', async () => {
    // A FIFO opens like a file but cannot be truncated.
    const path = join(dir, 'fifo.jsonl');
    execFileSync('mkfifo', [path]);
    const sink = new JsonlFileRowSink({ path, truncate: true });
    const result = await exportRows(sink, [row('a')]);
    expect(result).toMatchObject({ code: ExportResultCode.FAILED, droppedRows: { sink_failure: 1 } });
    expect((result.error as NodeJS.ErrnoException).code).toBe('EINVAL');
    expect(descriptorsOn(path)).toEqual([]);
    await sink.shutdown();
  });

  it('drops the newest rows, counted, once the unwritten backlog is at its bound', async () => {
    const path = join(dir, 'rows.jsonl');
    const lineBytes = Buffer.byteLength(JSON.stringify(row('a')) + '\n');
    const sink = new JsonlFileRowSink({ path, maxPendingBytes: 2 * lineBytes });
    const first = exportRows(sink, [row('a')]);
    const second = await exportRows(sink, [row('b'), row('c'), row('d')]);
    expect(second.code).toBe(ExportResultCode.SUCCESS);
    expect(second.droppedRows).toEqual({ sink_overflow: 2 });
    expect((await first).code).toBe(ExportResultCode.SUCCESS);
    await sink.forceFlush();
    expect(await reviewIds(path)).toEqual(['a', 'b']);
    await sink.shutdown();
  });

  it('names the bound and the file in the error of a row dropped over the backlog', async () => {
    const path = join(dir, 'rows.jsonl');
    const sink = new JsonlFileRowSink({ path, maxPendingBytes: 1 });
    const result = await exportRows(sink, [row('a')]);
    expect(result.error?.message).toBe(`JsonlFileRowSink: over 1 bytes waiting for ${path}`);
    await sink.shutdown();
  });

  it('frees the backlog as lines are written, so rows beyond the bound in total all fit in turn', async () => {
    const path = join(dir, 'rows.jsonl');
    const lineBytes = Buffer.byteLength(JSON.stringify(row('a')) + '\n');
    const sink = new JsonlFileRowSink({ path, maxPendingBytes: 2 * lineBytes });
    const ids = ['a', 'b', 'c', 'd', 'e', 'f'];
    for (const id of ids) expect((await exportRows(sink, [row(id)])).droppedRows).toBeUndefined();
    expect(await reviewIds(path)).toEqual(ids);
    await sink.shutdown();
  });

  it.each([
    ['maxPendingBytes', { maxPendingBytes: 0 }, 'maxPendingBytes must be a number from 1 to 9007199254740991, got 0; using 67108864'],
    ['rotationCheckMillis', { rotationCheckMillis: -1 }, 'rotationCheckMillis must be a number from 0 to 9007199254740991, got -1; using 0'],
    ['flushTimeoutMillis', { flushTimeoutMillis: 2 ** 31 }, 'flushTimeoutMillis must be a number from 0 to 2147483647, got 2147483648; using 30000'],
  ])('warns with the name, the range and the default taken when %s is out of range', async (_name, options, warning) => {
    const logger = new CapturingLogger();
    diag.setLogger(logger, DiagLogLevel.WARN);
    try {
      await new JsonlFileRowSink({ path: join(dir, 'rows.jsonl'), ...options }).shutdown();
    } finally {
      diag.disable();
    }
    expect(logger.lines).toEqual([`JsonlFileRowSink ${warning}`]);
  });

  it('resolves forceFlush only once every row handed over is in the file', async () => {
    const path = join(dir, 'rows.jsonl');
    const sink = new JsonlFileRowSink({ path });
    const ids = Array.from({ length: 20_000 }, (_, i) => `r${i}`);
    for (let i = 0; i < ids.length; i += 500) sink.export(ids.slice(i, i + 500).map(row), () => {});
    await sink.forceFlush();
    expect(await reviewIds(path)).toEqual(ids);
    await sink.shutdown();
  });

  it('starts on a new line when the file it appends to ends mid-line, once', async () => {
    const path = join(dir, 'rows.jsonl');
    await writeFile(path, '{"cut":');
    const sink = new JsonlFileRowSink({ path });
    await exportRows(sink, [row('a')]);
    await exportRows(sink, [row('b')]);
    await sink.shutdown();
    expect((await readFile(path, 'utf8')).split('\n')).toEqual(['{"cut":', JSON.stringify(row('a')), JSON.stringify(row('b')), '']);
  });

  it('appends right after the last line of a file that ends with one', async () => {
    const path = join(dir, 'rows.jsonl');
    await writeFile(path, '{"earlier":1}\n');
    const sink = new JsonlFileRowSink({ path });
    await exportRows(sink, [row('a')]);
    await sink.shutdown();
    expect((await readFile(path, 'utf8')).split('\n')).toEqual(['{"earlier":1}', JSON.stringify(row('a')), '']);
  });

  it('keeps writing after an export callback throws', async () => {
    const path = join(dir, 'rows.jsonl');
    const sink = new JsonlFileRowSink({ path });
    sink.export([row('a')], () => {
      throw new Error('callback bug');
    });
    expect((await exportRows(sink, [row('b')])).code).toBe(ExportResultCode.SUCCESS);
    expect(await reviewIds(path)).toEqual(['a', 'b']);
    await sink.shutdown();
  });

  it('fails exports after shutdown', async () => {
    const sink = new JsonlFileRowSink({ path: join(dir, 'rows.jsonl') });
    await sink.shutdown();
    const result = await exportRows(sink, [row('a')]);
    expect(result.code).toBe(ExportResultCode.FAILED);
    expect(result.error?.message).toBe('JsonlFileRowSink is shut down');
  });
});

/* The JSONL sink: one row per line, in order; bad rows, a full backlog, a full disk and log rotation. */
import { execFileSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, readFile, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiagLogLevel, diag } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { JsonlFileRowSink } from '../src/index.js';
import type { ReviewEventRow } from '../src/index.js';
import { exportRows, row, unwritableRows } from './rowFixtures.js';
import { CapturingLogger } from './support/diagCapture.js';

async function reviewIds(path: string): Promise<string[]> {
  const lines = (await readFile(path, 'utf8')).trimEnd().split('\n');
  return lines.map(line => (JSON.parse(line) as ReviewEventRow).event_params.review_id as string);
}

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

  it('with truncate, empties only the file it opens first, not one it reopens after a rotation', async () => {
    const path = join(dir, 'rows.jsonl');
    await writeFile(path, '{"earlier":1}\n');
    const sink = new JsonlFileRowSink({ path, truncate: true });
    await exportRows(sink, [row('a')]);
    await rename(path, `${path}.1`);
    await writeFile(path, '{"rotated":1}\n');
    await exportRows(sink, [row('b')]);
    await sink.shutdown();
    expect((await readFile(`${path}.1`, 'utf8')).split('\n')).toEqual([JSON.stringify(row('a')), '']);
    expect((await readFile(path, 'utf8')).split('\n')).toEqual(['{"rotated":1}', JSON.stringify(row('b')), '']);
  });

  it('reopens the file when it is removed', async () => {
    const path = join(dir, 'rows.jsonl');
    const sink = new JsonlFileRowSink({ path });
    await exportRows(sink, [row('before')]);
    await unlink(path);
    expect((await exportRows(sink, [row('after')])).code).toBe(ExportResultCode.SUCCESS);
    expect(await reviewIds(path)).toEqual(['after']);
    await sink.shutdown();
  });

  it('reopens the file when it is renamed, leaving earlier rows in the renamed one', async () => {
    const path = join(dir, 'rows.jsonl');
    const sink = new JsonlFileRowSink({ path });
    await exportRows(sink, [row('before')]);
    await rename(path, `${path}.1`);
    await exportRows(sink, [row('after')]);
    expect(await reviewIds(`${path}.1`)).toEqual(['before']);
    expect(await reviewIds(path)).toEqual(['after']);
    await sink.shutdown();
  });

  it('reopens the file when a new one was made in its place after a rename', async () => {
    const path = join(dir, 'rows.jsonl');
    const sink = new JsonlFileRowSink({ path });
    await exportRows(sink, [row('before')]);
    await rename(path, `${path}.1`);
    await writeFile(path, '');
    await exportRows(sink, [row('after')]);
    expect(await reviewIds(`${path}.1`)).toEqual(['before']);
    expect(await reviewIds(path)).toEqual(['after']);
    await sink.shutdown();
  });

  it('tells at info level when it reopens a moved file, and says nothing while the file stays', async () => {
    const path = join(dir, 'rows.jsonl');
    const logger = new CapturingLogger();
    diag.setLogger(logger, DiagLogLevel.INFO);
    try {
      const sink = new JsonlFileRowSink({ path });
      for (const id of ['a', 'b', 'c']) await exportRows(sink, [row(id)]);
      expect(logger.lines).toEqual([]);
      await rename(path, `${path}.1`);
      await exportRows(sink, [row('d')]);
      await sink.shutdown();
    } finally {
      diag.disable();
    }
    expect(logger.lines).toEqual([`JsonlFileRowSink ${path} was removed or renamed; reopening it`]);
  });

  it('keeps writing to the open file between rotation checks', async () => {
    const path = join(dir, 'rows.jsonl');
    const sink = new JsonlFileRowSink({ path, rotationCheckMillis: 3_600_000 });
    await exportRows(sink, [row('before')]);
    await rename(path, `${path}.1`);
    await exportRows(sink, [row('after')]);
    expect(await reviewIds(`${path}.1`)).toEqual(['before', 'after']);
    await sink.shutdown();
  });

  it('bounds forceFlush and shutdown when a write never returns, dropping the rows not yet in a write', async () => {
    // A FIFO nobody reads: once its buffer is full, the write blocks like a stuck disk.
    const path = join(dir, 'stuck.jsonl');
    execFileSync('mkfifo', [path]);
    const warnings = new CapturingLogger();
    diag.setLogger(warnings, DiagLogLevel.WARN);
    const sink = new JsonlFileRowSink({ path, flushTimeoutMillis: 50 });
    const stuck = exportRows(sink, Array.from({ length: 1_000 }, (_, i) => row(`stuck-${i}`)));
    await sink.forceFlush();
    const waiting = exportRows(sink, [row('waiting')]);
    await sink.forceFlush();
    await sink.shutdown();
    diag.disable();
    expect(warnings.lines).toEqual([
      `JsonlFileRowSink 1000 rows still waiting for ${path} after 50 ms`,
      `JsonlFileRowSink 1001 rows still waiting for ${path} after 50 ms`,
      `JsonlFileRowSink 1001 rows still waiting for ${path} after 50 ms`,
    ]);
    expect(await waiting).toMatchObject({ code: ExportResultCode.FAILED, droppedRows: { sink_failure: 1 } });
    expect((await waiting).error?.message).toBe(`JsonlFileRowSink shut down before the rows reached ${path}`);
    // Reading the FIFO lets the stuck write finish: its rows were written after all.
    const reader = createReadStream(path);
    reader.resume();
    expect(await stuck).toEqual({ code: ExportResultCode.SUCCESS });
    reader.destroy();
  });

  it('writes at most 4 MiB at once, so rows past a stuck write are not held in it', async () => {
    const path = join(dir, 'stuck.jsonl');
    execFileSync('mkfifo', [path]);
    const lineBytes = Buffer.byteLength(JSON.stringify(row('r0000000')) + '\n');
    // 6 MiB of lines of one length: the first write takes 4 MiB of them.
    const rows = Array.from({ length: Math.ceil((6 * 1024 * 1024) / lineBytes) }, (_, i) => row(`r${String(i).padStart(7, '0')}`));
    const sink = new JsonlFileRowSink({ path, flushTimeoutMillis: 50 });
    const result = exportRows(sink, rows);
    diag.setLogger(new CapturingLogger(), DiagLogLevel.NONE);
    await sink.shutdown();
    diag.disable();
    const reader = createReadStream(path);
    reader.resume();
    const inFirstWrite = Math.ceil((4 * 1024 * 1024) / lineBytes);
    expect(await result).toMatchObject({ droppedRows: { sink_failure: rows.length - inFirstWrite } });
    reader.destroy();
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

/** A 64 KiB tmpfs, when this machine lets the tests mount one. */
function mountSmallDisk(): { path: string } | { skip: string } {
  if (process.platform !== 'linux') return { skip: 'tmpfs needs Linux' };
  if (process.getuid?.() !== 0) return { skip: 'mounting a tmpfs needs root' };
  const path = execFileSync('mktemp', ['-d'], { encoding: 'utf8' }).trim();
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', path], { stdio: 'pipe' });
    return { path };
  } catch (error) {
    execFileSync('rmdir', [path]);
    return { skip: `mount -t tmpfs failed: ${(error as Error).message.split('\n')[0]}` };
  }
}

describe('JsonlFileRowSink on a full disk', () => {
  // Mounted only when a test here runs, so a filtered run leaves no mount behind.
  let disk: { path: string } | { skip: string } = { skip: 'not mounted' };
  beforeAll(() => {
    disk = mountSmallDisk();
    if ('skip' in disk) console.warn(`skipping the full-disk test: ${disk.skip}`);
  });
  afterAll(() => {
    if ('path' in disk) execFileSync('sh', ['-c', `umount "${disk.path}" && rmdir "${disk.path}"`]);
  });

  it('counts as written exactly the rows whose whole line is in the file, and recovers on a new line', async context => {
    if ('skip' in disk) return context.skip(disk.skip);
    const { path: mount } = disk as { path: string };
    const ballast = join(mount, 'ballast');
    await writeFile(ballast, Buffer.alloc(16 * 1024));
    const path = join(mount, 'rows.jsonl');
    const sink = new JsonlFileRowSink({ path });
    let written = 0;
    let failed = 0;
    for (let batch = 0; failed === 0; batch++) {
      const result = await exportRows(sink, Array.from({ length: 50 }, (_, i) => row(`full-${batch}-${i}`)));
      failed = result.droppedRows?.sink_failure ?? 0;
      written += 50 - failed;
    }
    await rm(ballast);
    const after = await exportRows(sink, [row('after-1'), row('after-2')]);
    expect(after).toEqual({ code: ExportResultCode.SUCCESS });
    await sink.shutdown();

    const lines = (await readFile(path, 'utf8')).split('\n');
    expect(lines.pop()).toBe('');
    const rows = lines.flatMap(line => {
      try {
        return [(JSON.parse(line) as ReviewEventRow).event_params.review_id];
      } catch {
        return [];
      }
    });
    // At most the one line cut by the full disk stands alone, unparsable.
    expect(lines.length - rows.length).toBeLessThanOrEqual(1);
    expect(rows).toHaveLength(written + 2);
    expect(rows.slice(-2)).toEqual(['after-1', 'after-2']);
  });
});

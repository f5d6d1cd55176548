/*
 * JsonlFileRowSink on a full disk: a 64 KiB tmpfs, filled to its last block
 * by a ballast file that a test removes to free the disk again. A row counts
 * as written only when its whole line reached the file; a line cut by the
 * full disk is left alone on its line, and a write that put no byte of a
 * line in the file adds no empty line.
 */
import { mkdtemp, readdir, readFile, rm, rmdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ExportResultCode } from '@opentelemetry/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { JsonlFileRowSink, type ReviewEventRow } from '../src/index.js';
import { exportRows, row } from './rowFixtures.js';
import { blockSize, fillDisk, mountTmpfs, unmount } from './support/tmpfs.js';

/** A row's line in the file. */
function line(reviewId: string): string {
  return JSON.stringify(row(reviewId)) + '\n';
}

describe('JsonlFileRowSink on a full disk', () => {
  let mount: string;
  // Mounted only when a test here runs, so a filtered run leaves no mount behind.
  let skip: string | undefined;
  beforeAll(async () => {
    mount = await mkdtemp(join(tmpdir(), 'jsonl-full-disk-'));
    skip = mountTmpfs(mount);
    if (skip !== undefined) console.warn(`skipping the full-disk tests: ${skip}`);
  });
  afterEach(async () => {
    if (skip === undefined) for (const name of await readdir(mount)) await rm(join(mount, name), { recursive: true });
  });
  afterAll(async () => {
    if (skip === undefined) unmount(mount);
    await rmdir(mount);
  });

  /** rows.jsonl holding `content`, on a disk with no block left: what the file's last block still holds is all a write gets. */
  async function fullDiskAfter(content: string): Promise<{ path: string; ballast: string }> {
    const path = join(mount, 'rows.jsonl');
    await writeFile(path, content);
    return { path, ballast: await fillDisk(mount) };
  }

  it('counts as written exactly the rows whose whole line is in the file, and recovers on a new line', async context => {
    if (skip !== undefined) return context.skip(skip);
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

  it('adds no empty line after a write that failed before any byte of it reached the file', async context => {
    if (skip !== undefined) return context.skip(skip);
    const { path, ballast } = await fullDiskAfter('');
    const sink = new JsonlFileRowSink({ path });
    expect(await exportRows(sink, [row('lost')])).toMatchObject({ droppedRows: { sink_failure: 1 } });
    await rm(ballast);
    await exportRows(sink, [row('a')]);
    await sink.shutdown();
    expect(await readFile(path, 'utf8')).toBe(line('a'));
  });

  it('reports the rows a full disk cut off as dropped with its ENOSPC, and the whole lines before them as written', async context => {
    if (skip !== undefined) return context.skip(skip);
    // Room for the line of row a and 10 bytes of row b's.
    const { path } = await fullDiskAfter('x'.repeat((await blockSize(mount)) - line('a').length - 11) + '\n');
    const sink = new JsonlFileRowSink({ path });
    const result = await exportRows(sink, [row('a'), row('b'), row('c')]);
    await sink.shutdown();
    expect(result).toMatchObject({ code: ExportResultCode.SUCCESS, droppedRows: { sink_failure: 2 } });
    expect((result.error as NodeJS.ErrnoException).code).toBe('ENOSPC');
    expect((await readFile(path, 'utf8')).endsWith(line('a') + line('b').slice(0, 10))).toBe(true);
  });

  it('keeps a line cut by a full disk alone, even when the next write fails too', async context => {
    if (skip !== undefined) return context.skip(skip);
    const start = 'x'.repeat((await blockSize(mount)) - 11) + '\n';
    const { path, ballast } = await fullDiskAfter(start); // room for 10 bytes
    const sink = new JsonlFileRowSink({ path });
    expect(await exportRows(sink, [row('cut')])).toMatchObject({ droppedRows: { sink_failure: 1 } });
    expect(await exportRows(sink, [row('lost')])).toMatchObject({ droppedRows: { sink_failure: 1 } });
    await rm(ballast);
    await exportRows(sink, [row('a')]);
    await sink.shutdown();
    expect(await readFile(path, 'utf8')).toBe(start + line('cut').slice(0, 10) + '\n' + line('a'));
  });

  it('writes no second newline when only the newline ending a cut line fit before the disk was full', async context => {
    if (skip !== undefined) return context.skip(skip);
    // A file that ends mid-line, with room for one byte: the newline the sink writes first.
    const start = 'x'.repeat((await blockSize(mount)) - 1);
    const { path, ballast } = await fullDiskAfter(start);
    const sink = new JsonlFileRowSink({ path });
    expect(await exportRows(sink, [row('lost')])).toMatchObject({ droppedRows: { sink_failure: 1 } });
    await rm(ballast);
    await exportRows(sink, [row('a')]);
    await sink.shutdown();
    expect(await readFile(path, 'utf8')).toBe(start + '\n' + line('a'));
  });
});

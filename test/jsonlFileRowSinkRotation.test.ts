/*
 * JsonlFileRowSink and log rotation: before a write it checks that `path`
 * still names the open file (same device and inode) and reopens `path` when
 * it does not; with rotationCheckMillis it checks at most that often.
 */
import { mkdir, mkdtemp, readFile, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiagLogLevel, diag } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonlFileRowSink } from '../src/index.js';
import { exportRows, reviewIdsIn as reviewIds, row } from './rowFixtures.js';
import { CapturingLogger } from './support/diagCapture.js';
import { mountTmpfs, unmount } from './support/tmpfs.js';

describe('JsonlFileRowSink rotation', () => {
  let dir: string;
  /** Folders mounted on by the test, the last mounted last. */
  let mounts: string[];
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'jsonl-rotation-'));
    mounts = [];
  });
  afterEach(async () => {
    for (const folder of mounts.reverse()) unmount(folder);
    await rm(dir, { recursive: true, force: true });
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


  it('reopens the file when a file system mounted over its folder has a file of the same inode number there', async context => {
    // Inode numbers are unique per device only: two fresh tmpfs give their first file the same one.
    const folder = join(dir, 'logs');
    await mkdir(folder);
    const path = join(folder, 'rows.jsonl');
    const lower = mountTmpfs(folder);
    if (lower !== undefined) return context.skip(lower);
    mounts.push(folder);
    const sink = new JsonlFileRowSink({ path });
    await exportRows(sink, [row('before')]);
    const before = await stat(path);
    const upper = mountTmpfs(folder);
    if (upper !== undefined) {
      await sink.shutdown();
      return context.skip(upper);
    }
    mounts.push(folder);
    await writeFile(path, '');
    const after = await stat(path);
    if (after.ino !== before.ino) {
      await sink.shutdown();
      return context.skip(`the second tmpfs gave inode ${after.ino}, the first ${before.ino}`);
    }
    await exportRows(sink, [row('after')]);
    await sink.shutdown();
    expect(await reviewIds(path)).toEqual(['after']);
    unmount(mounts.pop() as string);
    expect(await reviewIds(path)).toEqual(['before']);
  });
});

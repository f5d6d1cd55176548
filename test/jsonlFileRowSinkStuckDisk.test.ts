/*
 * JsonlFileRowSink and a disk that stops answering, played by a FIFO nobody
 * reads: once the pipe's buffer is full, a write blocks like a stuck disk.
 * forceFlush and shutdown stay bounded, and rows not yet in a write are
 * dropped at shutdown, counted.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DiagLogLevel, diag } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JsonlFileRowSink } from '../src/index.js';
import { exportRows, row } from './rowFixtures.js';
import { CapturingLogger } from './support/diagCapture.js';

describe('JsonlFileRowSink on a stuck disk', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'jsonl-stuck-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

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

  it('puts lines into one write until they add up to 4 MiB, so rows past a stuck write are not held in it', async () => {
    const path = join(dir, 'stuck.jsonl');
    execFileSync('mkfifo', [path]);
    // Lines of exactly 1 KiB: 4,096 of them make the first write, the 4,097th would make it more than 4 MiB.
    const idLength = 1024 - Buffer.byteLength(JSON.stringify(row('')) + '\n');
    const rows = Array.from({ length: 6 * 1024 }, (_, i) => row(String(i).padStart(idLength, '0')));
    const sink = new JsonlFileRowSink({ path, flushTimeoutMillis: 50 });
    const result = exportRows(sink, rows);
    diag.setLogger(new CapturingLogger(), DiagLogLevel.NONE);
    await sink.shutdown();
    diag.disable();
    const reader = createReadStream(path);
    reader.resume();
    expect(await result).toMatchObject({ droppedRows: { sink_failure: 2 * 1024 } });
    reader.destroy();
  });
});

/*
 * JsonlFileRowSink's forceFlush and shutdown when the disk answers: a flush
 * that ended leaves no timer behind to warn later, one that timed out does
 * not end the wait of a later one, and shutdown resolves only once the file
 * is closed.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { diag } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { JsonlFileRowSink, type RowExportResult } from '../src/index.js';
import { exportRows, row } from './rowFixtures.js';
import { captureDiag } from './support/diagCapture.js';
import { descriptorsOn } from './support/openFiles.js';
import { threadPoolHold } from './support/threadPool.js';

describe('JsonlFileRowSink flush and shutdown', () => {
  let dir: string;
  let path: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'jsonl-shutdown-'));
    path = join(dir, 'rows.jsonl');
  });
  afterEach(async () => {
    vi.useRealTimers();
    diag.disable();
    await rm(dir, { recursive: true, force: true });
  });

  describe('with the flush timeout on a clock the test moves', () => {
    // Only the timers are fake: the file calls run for real.
    beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] }));

    it('leaves no warning behind after a forceFlush that ended in time', async () => {
      const logger = captureDiag();
      const sink = new JsonlFileRowSink({ path, flushTimeoutMillis: 1_000 });
      sink.export([row('a')], () => {});
      await sink.forceFlush();
      vi.advanceTimersByTime(1_000);
      expect(logger.warnings).toEqual([]);
      await sink.shutdown();
    });

    it('ends a forceFlush still waiting when the rows are written, after an earlier one timed out', async () => {
      const logger = captureDiag();
      const sink = new JsonlFileRowSink({ path, flushTimeoutMillis: 1_000 });
      const written = exportRows(sink, [row('a')]);
      const first = sink.forceFlush();
      vi.advanceTimersByTime(500);
      const second = sink.forceFlush();
      vi.advanceTimersByTime(500); // the first times out; the row is still on its way to the file
      await first;
      await written;
      await nextTurn(); // the sink counts the row as settled after its callback
      vi.advanceTimersByTime(1_000); // past the second's timeout, which must not come
      await second;
      expect(logger.warnings).toEqual([`JsonlFileRowSink 1 rows still waiting for ${path} after 1000 ms`]);
      await sink.shutdown();
    });
  });

  describe.runIf(process.platform === 'linux')('with the file calls held back', () => {
    /** Whether the file was still open when shutdown resolved; the file calls are held from `hold` to the next turn. */
    async function openWhenShutDown(sink: JsonlFileRowSink, hold: Promise<void>, pool: ReturnType<typeof threadPoolHold>) {
      const shutDown = sink.shutdown().then(() => descriptorsOn(path).length > 0);
      await hold;
      await nextTurn();
      await pool.release();
      return shutDown;
    }

    it('resolves shutdown only once the file is closed', async () => {
      const pool = threadPoolHold(dir);
      const sink = new JsonlFileRowSink({ path });
      sink.export([row('a')], () => {});
      await sink.forceFlush(); // nothing left to write when shutdown starts
      pool.hold();
      expect(await openWhenShutDown(sink, Promise.resolve(), pool)).toBe(false);
    });

    it('resolves shutdown only once the file is closed when rows were still on their way to it', async () => {
      const pool = threadPoolHold(dir);
      const sink = new JsonlFileRowSink({ path });
      // Held as the last row is reported written: the close shutdown then makes has to wait.
      const written = new Promise<RowExportResult>(resolve =>
        sink.export([row('a')], result => {
          pool.hold();
          resolve(result);
        })
      );
      expect(await openWhenShutDown(sink, written.then(() => undefined), pool)).toBe(false);
    });
  });
});

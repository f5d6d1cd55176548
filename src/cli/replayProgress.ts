/*
 * The replay's progress bar (cli-progress), drawn on stderr only when it is
 * a terminal: pipes, files and CI logs get no control characters.
 */
import { Presets, SingleBar } from 'cli-progress';
import type { CliIo } from './CliIo.js';

export interface ReplayProgress {
  update(bytes: number, rows: number): void;
  /** Draws the bar full and ends its line. */
  finish(rows: number): void;
}

export function replayProgress(stderr: CliIo['stderr'], totalBytes: number): ReplayProgress | undefined {
  if (stderr.isTTY !== true) return undefined;
  const bar = new SingleBar(
    {
      stream: stderr as NodeJS.WritableStream,
      format: 'replay [{bar}] {percentage}% | {rows} rows | ETA {eta_formatted}',
      hideCursor: true,
    },
    Presets.shades_classic
  );
  bar.start(totalBytes, 0, { rows: 0 });
  return {
    update: (bytes, rows) => bar.update(bytes, { rows }),
    finish: rows => {
      bar.update(totalBytes, { rows });
      bar.stop();
    },
  };
}

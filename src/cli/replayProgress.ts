/*
 * The replay's progress bar (cli-progress) on stderr. cli-progress draws
 * only when the stream is a terminal (noTTYOutput: false), so pipes, files
 * and CI logs get no control characters.
 */
import { Presets, SingleBar } from 'cli-progress';
import type { CliIo } from './CliIo.js';

export interface ReplayProgress {
  update(bytes: number, rows: number): void;
  /** Draws the bar full, ends its line and shows the cursor again. */
  finish(rows: number): void;
}

export function replayProgress(stderr: CliIo['stderr'], totalBytes: number): ReplayProgress {
  const bar = new SingleBar(
    {
      stream: stderr as NodeJS.WritableStream,
      format: 'replay [{bar}] {percentage}% | {rows} rows | ETA {eta_formatted}',
      hideCursor: true,
      noTTYOutput: false,
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

/*
 * Holds every thread of libuv's pool, which runs Node's file calls (open,
 * write, close, ...), in an open of a FIFO that nobody writes to. While it is
 * held, no file call of the test process can finish: a test can then see
 * whether a promise settles before a file call it should wait for, without
 * depending on which thread wins a race.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { join } from 'node:path';

export interface ThreadPoolHold {
  /** Occupies every thread of the pool; file calls made from now on wait. */
  hold(): void;
  /** Lets the held threads go and waits for their opens to end. */
  release(): Promise<void>;
}

/** Prepares a hold (a FIFO in `folder`); nothing is held before `hold()`. */
export function threadPoolHold(folder: string): ThreadPoolHold {
  const fifo = join(folder, 'thread-pool-hold');
  execFileSync('mkfifo', [fifo]);
  const threads = Number(process.env.UV_THREADPOOL_SIZE) || 4;
  let opens: ReturnType<typeof open>[] = [];
  return {
    hold() {
      // Opening a FIFO to read blocks its thread until someone opens it to write.
      opens = Array.from({ length: threads }, () => open(fifo, 'r'));
    },
    async release() {
      // Opening for reading and writing does not block (Linux); it ends every waiting open at once.
      const writer = openSync(fifo, 'r+');
      try {
        for (const handle of await Promise.all(opens)) await handle.close();
      } finally {
        closeSync(writer);
      }
    },
  };
}

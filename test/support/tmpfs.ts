/*
 * Small tmpfs file systems for the tests of a full disk and of a file system
 * mounted over the sink's folder, when this machine lets the tests mount them
 * (Linux, as root). A test that cannot mount one is skipped and says why.
 */
import { execFileSync } from 'node:child_process';
import { open, statfs } from 'node:fs/promises';
import { join } from 'node:path';

/** Mounts a tmpfs of `size` bytes (e.g. '64k') on the folder `on`; returns why not when it cannot. */
export function mountTmpfs(on: string, size = '64k'): string | undefined {
  if (process.platform !== 'linux') return 'tmpfs needs Linux';
  if (process.getuid?.() !== 0) return 'mounting a tmpfs needs root';
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', on], { stdio: 'pipe' });
    return undefined;
  } catch (error) {
    return `mount -t tmpfs failed: ${(error as Error).message.split('\n')[0]}`;
  }
}

/** Unmounts the file system last mounted on `on`, lazily: a file a failed test left open does not keep it busy. */
export function unmount(on: string): void {
  execFileSync('umount', ['-l', on]);
}

/** The block size of the file system at `path` (a page, for a tmpfs): the unit its space is given out in. */
export async function blockSize(path: string): Promise<number> {
  return (await statfs(path)).bsize;
}

/** Fills the file system of `folder` to its last block with a file; returns the file, whose removal frees the space. */
export async function fillDisk(folder: string): Promise<string> {
  const ballast = join(folder, 'ballast');
  const handle = await open(ballast, 'w');
  const block = Buffer.alloc(await blockSize(folder));
  try {
    for (;;) await handle.write(block);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    await handle.close();
  }
  return ballast;
}

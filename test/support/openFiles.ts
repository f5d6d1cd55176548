/* The descriptors this process holds open on a file, read from /proc (Linux only). */
import { readdirSync, readlinkSync, realpathSync } from 'node:fs';

/** The numbers of this process's descriptors open on `path`. */
export function descriptorsOn(path: string): string[] {
  const target = realpathSync(path);
  return readdirSync('/proc/self/fd').filter(fd => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === target;
    } catch {
      return false; // closed since the listing (e.g. the descriptor of the listing itself)
    }
  });
}

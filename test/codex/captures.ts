/* The recorded Codex sessions used as fixtures. */
import { join } from 'node:path';

export function captureFile(name: string): string {
  return join(import.meta.dirname, 'captures', name);
}

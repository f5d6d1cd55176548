/* Where the recorded Codex sessions live: CODEX_CAPTURES_DIR, else test/codex/captures. */
import { join } from 'node:path';

export function captureFile(name: string): string {
  return join(process.env.CODEX_CAPTURES_DIR ?? join(import.meta.dirname, 'captures'), name);
}

/*
 * Recorded app-server sessions, one `{t_ms, dir, msg}` per line (`dir`:
 * `client->server`, `server->client`, or `meta` for the recorder's own
 * notes). Replaying one gives each message an absolute time: the server's
 * `emittedAtMs` where it has one, else `t_ms` shifted by the offset between
 * the two clocks seen on the latest server message that had one. A client's
 * answer time is therefore derived, a few ms from the server's own record.
 */
import { DIRECTIONS, type Direction, isObject } from './jsonRpcMessage.js';

/** One message of a recorded session. */
export interface TranscriptEntry {
  /** Who sent it. */
  direction: Direction;
  /** The JSON-RPC message as recorded. */
  message: unknown;
  /** When it was sent, in Unix milliseconds, on the server's clock where known. */
  atMs: number;
}

/** A recorded session read back. */
export interface TranscriptReadResult {
  /** The messages, in order; the recorder's `meta` lines are left out. */
  entries: TranscriptEntry[];
  /** Lines that were not `{t_ms, dir, msg}` (1-based line numbers). */
  badLines: number[];
}

/** Reads a recorded session, one `{t_ms, dir, msg}` per line; bad lines are listed, not thrown. */
export function readTranscript(text: string): TranscriptReadResult {
  const entries: TranscriptEntry[] = [];
  const badLines: number[] = [];
  let offsetMs = 0;
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      // Not JSON: the record stays undefined and is listed as bad below.
    }
    if (!isObject(record) || typeof record.t_ms !== 'number') {
      badLines.push(index + 1);
      return;
    }
    if (record.dir === 'meta') return;
    const direction = DIRECTIONS.find(d => d === record.dir);
    if (direction === undefined) {
      badLines.push(index + 1);
      return;
    }
    const emitted = isObject(record.msg) ? record.msg.emittedAtMs : undefined;
    if (direction === 'server->client' && typeof emitted === 'number') {
      offsetMs = emitted - record.t_ms;
      entries.push({ direction, message: record.msg, atMs: emitted });
      return;
    }
    entries.push({ direction, message: record.msg, atMs: record.t_ms + offsetMs });
  });
  return { entries, badLines };
}

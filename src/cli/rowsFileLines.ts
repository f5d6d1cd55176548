/*
 * A JSONL rows file read as a stream, line by line, so a file of any size
 * costs one chunk and one line of memory. Each non-blank line is a row or a
 * bad line with its reason; an over-long line is a bad line, never buffered.
 */
import { createReadStream } from 'node:fs';
import type { ReviewRow } from '../index.js';
import { LineSplitter } from './LineSplitter.js';

/** Longest line read by default: far above any row, far below memory trouble. */
export const DEFAULT_MAX_LINE_BYTES = 16 * 1024 * 1024;

export type RowsFileLine =
  /** `offset`: bytes of the file read up to and including this line's chunk. */
  | { line: number; offset: number; row: ReviewRow }
  | { line: number; offset: number; problem: string };

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseLine(text: string): { row: ReviewRow } | { problem: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: 'not JSON' };
  }
  if (!isObject(value)) return { problem: 'not a JSON object' };
  if (typeof value.event_type !== 'string' || !isObject(value.event_params)) {
    return { problem: 'not a row (needs a string event_type and an object event_params)' };
  }
  return { row: value as unknown as ReviewRow };
}

export async function* rowsFileLines(
  path: string,
  maxLineBytes: number = DEFAULT_MAX_LINE_BYTES
): AsyncGenerator<RowsFileLine> {
  let line = 0;
  let offset = 0;
  let ready: RowsFileLine[] = [];
  const splitter = new LineSplitter(
    maxLineBytes,
    bytes => {
      line++;
      const text = bytes.toString('utf8');
      if (text.trim() !== '') ready.push({ line, offset, ...parseLine(text) });
    },
    () => ready.push({ line: ++line, offset, problem: `longer than ${maxLineBytes} bytes` })
  );
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    offset += chunk.length;
    splitter.push(chunk, 0);
    yield* ready.splice(0);
  }
  splitter.end(0);
  yield* ready.splice(0);
}

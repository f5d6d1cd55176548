/* A whole JSONL rows file in memory: its rows, and the lines that are not rows. */
import type { ReviewRow } from '../index.js';
import { rowsFileLines } from './rowsFileLines.js';

export interface RowsFile {
  rows: ReviewRow[];
  /** Each line that is not a row, 1-based, with why. */
  badLines: { line: number; problem: string }[];
}

export async function readRowsFile(path: string): Promise<RowsFile> {
  const result: RowsFile = { rows: [], badLines: [] };
  for await (const entry of rowsFileLines(path)) {
    if ('row' in entry) result.rows.push(entry.row);
    else result.badLines.push({ line: entry.line, problem: entry.problem });
  }
  return result;
}

/* A JSONL rows file, line by line: the rows, and the lines that are not JSON objects. */
import { readFile } from 'node:fs/promises';

export interface RowsFile {
  /** Each row with its 1-based line number. */
  rows: { line: number; row: unknown }[];
  /** Line numbers that are not a JSON object. */
  badLines: number[];
}

export async function readRowsFile(path: string): Promise<RowsFile> {
  const result: RowsFile = { rows: [], badLines: [] };
  const lines = (await readFile(path, 'utf8')).split('\n');
  lines.forEach((text, index) => {
    if (text.trim() === '') return;
    try {
      const row: unknown = JSON.parse(text);
      if (typeof row === 'object' && row !== null && !Array.isArray(row)) result.rows.push({ line: index + 1, row });
      else result.badLines.push(index + 1);
    } catch {
      result.badLines.push(index + 1);
    }
  });
  return result;
}

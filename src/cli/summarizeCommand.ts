/* `summarize ROWS.jsonl [--json]`: the demo's tables for any rows file. */
import { Command } from 'commander';
import type { ReviewRow } from '../index.js';
import { readRowsFile } from './readRowsFile.js';
import { rowsSummary, summarize } from './rowsSummary.js';

export function summarizeCommand(): Command {
  return new Command('summarize')
    .description('count the rows of a JSONL rows file by kind, reviewer and status, with the guardian figures')
    .argument('<rows>', 'the rows file, JSONL')
    .option('--json', 'print the figures as JSON')
    .action(async (file: string, flags: { json?: boolean }) => {
      const { rows, badLines } = await readRowsFile(file);
      if (badLines.length > 0) {
        process.stderr.write(`summarize: ${file}: ${badLines.length} line(s) are not JSON objects (first: line ${badLines[0]})\n`);
        process.exitCode = 2;
        return;
      }
      const all = rows.map(entry => entry.row as ReviewRow);
      process.stdout.write(flags.json ? `${JSON.stringify(rowsSummary(all), null, 2)}\n` : `${summarize(all)}\n`);
    });
}

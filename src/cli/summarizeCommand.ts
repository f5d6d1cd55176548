/* `summarize ROWS.jsonl [--json]`: the demo's tables for any rows file. */
import { Command } from 'commander';
import type { CliIo } from './CliIo.js';
import { readRowsFile } from './readRowsFile.js';
import { rowsSummary, summarize } from './rowsSummary.js';

export function summarizeCommand(io: CliIo): Command {
  return new Command('summarize')
    .description('count the rows of a JSONL rows file by kind, reviewer and status, with the guardian figures')
    .argument('<rows>', 'the rows file, JSONL')
    .option('--json', 'print the figures as JSON')
    .action(async (file: string, flags: { json?: boolean }) => {
      const { rows, badLines } = await readRowsFile(file);
      const [first] = badLines;
      if (first !== undefined) {
        io.stderr.write(`summarize: ${file}: ${badLines.length} line(s) are not rows (first: line ${first.line}, ${first.problem})\n`);
        io.exitCode = 2;
        return;
      }
      io.stdout.write(flags.json ? `${JSON.stringify(rowsSummary(rows), null, 2)}\n` : `${summarize(rows)}\n`);
    });
}

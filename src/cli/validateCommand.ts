/*
 * `validate ROWS.jsonl`: every row against the shipped JSON Schema of its
 * kind, with line numbers; a non-zero exit when any row is invalid.
 */
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import { Command } from 'commander';
import { GUARDIAN_REVIEW_EVENT_TYPE, REVIEW_EVENT_TYPE, type ReviewRow, TOOL_ITEM_EVENT_TYPES } from '../index.js';
import type { CliIo } from './CliIo.js';
import { rowsFileLines } from './rowsFileLines.js';

const requireSchema = createRequire(import.meta.url);
const KNOWN_EVENT_TYPES: ReadonlySet<string> = new Set([
  GUARDIAN_REVIEW_EVENT_TYPE,
  REVIEW_EVENT_TYPE,
  ...Object.values(TOOL_ITEM_EVENT_TYPES),
]);

/**
 * The shipped schema of a row's own kind (of any row when the kind is
 * unknown), resolved through the package's own exports, compiled once.
 */
function rowValidators() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  const compiled = new Map<string, ValidateFunction>();
  const load = (name: string) => {
    let validate = compiled.get(name);
    if (validate === undefined) {
      validate = ajv.compile(requireSchema(`agent-review-telemetry/schemas/${name}.schema.json`) as object);
      compiled.set(name, validate);
    }
    return validate;
  };
  return (row: ReviewRow): ValidateFunction => load(KNOWN_EVENT_TYPES.has(row.event_type) ? row.event_type : 'review-row');
}

export function validateCommand(io: CliIo): Command {
  return new Command('validate')
    .description('check every row of a JSONL rows file against the shipped JSON Schemas')
    .argument('<rows>', 'the rows file, JSONL')
    .action(async (file: string) => {
      const validatorFor = rowValidators();
      let valid = 0;
      let invalid = 0;
      for await (const entry of rowsFileLines(file)) {
        if ('problem' in entry) {
          invalid++;
          io.stdout.write(`line ${entry.line}: ${entry.problem}\n`);
          continue;
        }
        const validate = validatorFor(entry.row);
        if (validate(entry.row)) {
          valid++;
          continue;
        }
        invalid++;
        const errors = (validate.errors ?? []).map(error => `${error.instancePath || '/'} ${error.message ?? ''}`);
        io.stdout.write(`line ${entry.line}: ${errors.slice(0, 5).join('; ')}\n`);
      }
      io.stdout.write(`${valid} valid, ${invalid} invalid\n`);
      if (invalid > 0) io.exitCode = 1;
    });
}

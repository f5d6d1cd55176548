/*
 * `validate ROWS.jsonl`: every row against the shipped JSON Schema of its
 * kind, with line numbers; a non-zero exit when any row is invalid.
 */
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import { Command } from 'commander';
import { GUARDIAN_REVIEW_EVENT_TYPE, REVIEW_EVENT_TYPE, TOOL_ITEM_EVENT_TYPES } from '../index.js';
import { readRowsFile } from './readRowsFile.js';

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
  return (row: unknown): ValidateFunction => {
    const eventType = (row as { event_type?: unknown }).event_type;
    return typeof eventType === 'string' && KNOWN_EVENT_TYPES.has(eventType) ? load(eventType) : load('review-row');
  };
}

export function validateCommand(): Command {
  return new Command('validate')
    .description('check every row of a JSONL rows file against the shipped JSON Schemas')
    .argument('<rows>', 'the rows file, JSONL')
    .action(async (file: string) => {
      const { rows, badLines } = await readRowsFile(file);
      const validatorFor = rowValidators();
      let invalid = badLines.length;
      for (const line of badLines) process.stdout.write(`line ${line}: not a JSON object\n`);
      for (const { line, row } of rows) {
        const validate = validatorFor(row);
        if (validate(row)) continue;
        invalid++;
        const errors = (validate.errors ?? []).map(error => `${error.instancePath || '/'} ${error.message ?? ''}`);
        process.stdout.write(`line ${line}: ${errors.slice(0, 5).join('; ')}\n`);
      }
      process.stdout.write(`${rows.length + badLines.length - invalid} valid, ${invalid} invalid\n`);
      if (invalid > 0) process.exitCode = 1;
    });
}

/*
 * The shipped JSON Schema of any row, compiled once: every row the suite
 * makes through test/pipeline.ts is checked against it.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';

const schema = JSON.parse(
  readFileSync(new URL('../../schemas/review-row.schema.json', import.meta.url), 'utf8')
) as object;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

/** The schema's complaints about a row, empty when it is valid. */
export function rowSchemaErrors(row: unknown): string[] {
  if (validate(row)) return [];
  return (validate.errors ?? []).map(error => `${error.instancePath} ${error.message ?? ''}`);
}

/*
 * One row to one line of JSON, or the reason it cannot be written. Every
 * sink encodes row by row through this, so a row that cannot be encoded
 * (a BigInt, a cycle, a throwing toJSON, nesting deep enough to overflow the
 * stack, a non-finite number that JSON would turn into null) costs only
 * itself. So does something that is not a row at all (no string
 * `event_type`, no object `event_params`), which readers of the line could
 * not place.
 */
import type { ReviewRow } from '../rows/ReviewRow.js';

export type SerializedRow = { json: string } | { error: Error };

export function serializeRow(row: ReviewRow): SerializedRow {
  try {
    const params = row.event_params as unknown as Record<string, unknown> | null | undefined;
    if (typeof row.event_type !== 'string' || typeof params !== 'object' || params === null) {
      return { error: new Error('not a row: needs a string event_type and an object event_params') };
    }
    // Times and counts sit at the top of event_params; JSON would write NaN or Infinity as null.
    for (const key in params) {
      const value = params[key];
      if (typeof value === 'number' && !Number.isFinite(value)) {
        return { error: new Error(`${row.event_type}.${key} is ${value}`) };
      }
    }
    const json = JSON.stringify(row);
    if (typeof json !== 'string') return { error: new Error('row is not JSON') };
    return { json };
  } catch (error) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }
}

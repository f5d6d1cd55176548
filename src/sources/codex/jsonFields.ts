/*
 * Readers of one field of a loosely typed payload: the value when it has the
 * expected type, undefined otherwise, so a payload is read field by field.
 */

export const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

// Number.isFinite is false for anything that is not a number.
export const num = (value: unknown): number | undefined => (Number.isFinite(value) ? (value as number) : undefined);

export const strings = (value: unknown): string[] | undefined =>
  Array.isArray(value) && value.every(v => typeof v === 'string') ? (value as string[]) : undefined;

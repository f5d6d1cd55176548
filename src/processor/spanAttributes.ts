/*
 * Typed reads of span attributes. A value of the wrong type or outside its
 * closed set makes the span malformed: the processor drops it, counts it and
 * logs the message, so one bad attribute never becomes a wrong row.
 */
import type { Attributes } from '@opentelemetry/api';

export class MalformedSpanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedSpanError';
  }
}

function malformed(key: string, expected: string, value: unknown): never {
  throw new MalformedSpanError(
    `attribute ${key} must be ${expected}, got ${JSON.stringify(value)}`
  );
}

export function requiredString(attrs: Attributes, key: string): string {
  const value = attrs[key];
  if (typeof value !== 'string' || value.length === 0) {
    malformed(key, 'a non-empty string', value);
  }
  return value;
}

export function optionalString(attrs: Attributes, key: string): string | null {
  const value = attrs[key];
  if (value === undefined) return null;
  if (typeof value !== 'string') malformed(key, 'a string', value);
  return value;
}

/** A string or an integer id (JSON-RPC request ids are either). */
export function requiredId(attrs: Attributes, key: string): string {
  const value = attrs[key];
  if (typeof value === 'number' && Number.isSafeInteger(value)) {
    return String(value);
  }
  return requiredString(attrs, key);
}

export function optionalInteger(attrs: Attributes, key: string): number | null {
  const value = attrs[key];
  if (value === undefined) return null;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
    malformed(key, 'an integer', value);
  }
  return value;
}

export function optionalCount(attrs: Attributes, key: string): number | null {
  const value = optionalInteger(attrs, key);
  if (value !== null && value < 0) malformed(key, 'a count (>= 0)', value);
  return value;
}

export function optionalNumber(attrs: Attributes, key: string): number | null {
  const value = attrs[key];
  if (value === undefined) return null;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    malformed(key, 'a finite number >= 0', value);
  }
  return value;
}

export function optionalBoolean(attrs: Attributes, key: string): boolean | null {
  const value = attrs[key];
  if (value === undefined) return null;
  if (typeof value !== 'boolean') malformed(key, 'a boolean', value);
  return value;
}

/** A boolean that means `false` when absent. */
export function flag(attrs: Attributes, key: string): boolean {
  return optionalBoolean(attrs, key) ?? false;
}

export function optionalStringArray(
  attrs: Attributes,
  key: string
): string[] | null {
  const value = attrs[key];
  if (value === undefined) return null;
  if (!Array.isArray(value) || !value.every(v => typeof v === 'string')) {
    malformed(key, 'an array of strings', value);
  }
  return value as string[];
}

export function optionalEnum<T extends string>(
  attrs: Attributes,
  key: string,
  values: ReadonlySet<T>
): T | null {
  const value = attrs[key];
  if (value === undefined) return null;
  if (!values.has(value as T)) {
    malformed(key, `one of ${[...values].join('|')}`, value);
  }
  return value as T;
}

export function requiredEnum<T extends string>(
  attrs: Attributes,
  key: string,
  values: ReadonlySet<T>
): T {
  const value = optionalEnum(attrs, key, values);
  if (value === null) malformed(key, `one of ${[...values].join('|')}`, undefined);
  return value;
}

/*
 * Typed reads of span attributes through their definitions. A value of the
 * wrong type or outside its closed set makes the span malformed: the
 * processor drops it, counts it and logs the message, so one bad attribute
 * never becomes a wrong row.
 */
import type { Attributes } from '@opentelemetry/api';
import type { ContentRule } from '../rules/contentRule.js';
import { MalformedSpanError } from '../rules/MalformedSpanError.js';
import { scrubValue } from '../rules/secrets.js';
import type { AttributeDefinition } from '../schema/AttributeDefinition.js';

/** Longest quote of a bad value in a message: the value may be huge. */
const MAX_QUOTE = 80;

function quote(value: unknown): string {
  let text: string;
  try {
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = typeof value;
  }
  return text.length > MAX_QUOTE ? `${text.slice(0, MAX_QUOTE)}…` : text;
}

/** The span is malformed; a content value is described by its type only, never quoted. */
function malformed(definition: AttributeDefinition, expected: string, value: unknown): never {
  const got = definition.content ? `a ${Array.isArray(value) ? 'array' : typeof value}` : quote(value);
  throw new MalformedSpanError(`attribute ${definition.key} must be ${expected}, got ${got}`);
}

function isCount(value: unknown, max: number | undefined): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0 && (max === undefined || (value as number) <= max);
}

function checkLength(definition: AttributeDefinition, value: string): void {
  if (definition.maxLength !== undefined && value.length > definition.maxLength) {
    malformed(definition, `at most ${definition.maxLength} characters long`, value);
  }
}

/** The value read as its definition says, or null when absent (false for a flag). */
export function read<V>(attrs: Attributes, definition: AttributeDefinition<V>): V | null {
  const { key } = definition;
  const value: unknown = attrs[key];
  if (value === undefined) return definition.type === 'flag' ? (false as V) : null;
  switch (definition.type) {
    case 'string':
    case 'json':
      if (typeof value !== 'string') malformed(definition, 'a string', value);
      checkLength(definition, value);
      break;
    case 'id':
      if (Number.isSafeInteger(value)) return String(value) as V;
      if (typeof value !== 'string' || value.length === 0) {
        malformed(definition, 'a non-empty string or an integer', value);
      }
      checkLength(definition, value);
      break;
    case 'integer':
      if (!Number.isSafeInteger(value)) malformed(definition, 'an integer', value);
      break;
    case 'count':
      if (!isCount(value, definition.max)) {
        malformed(definition, `a count (0..${definition.max ?? 'n'})`, value);
      }
      break;
    case 'seconds':
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        malformed(definition, 'a finite number >= 0', value);
      }
      break;
    case 'boolean':
    case 'flag':
      if (typeof value !== 'boolean') malformed(definition, 'a boolean', value);
      break;
    case 'string[]':
      if (!Array.isArray(value) || !value.every(v => typeof v === 'string')) {
        malformed(definition, 'an array of strings', value);
      }
      break;
    case 'enum':
      if (!(definition.valueSet as ReadonlySet<unknown>).has(value)) {
        malformed(definition, `one of ${(definition.values ?? []).join('|')}`, value);
      }
      break;
  }
  return value as V;
}

/** The value, which the span must carry (a required string is also non-empty). */
export function readRequired<V>(attrs: Attributes, definition: AttributeDefinition<V>): V {
  const value = read(attrs, definition);
  if (value === null || value === '') {
    const expected =
      definition.type === 'enum'
        ? `one of ${(definition.values ?? []).join('|')}`
        : `present${definition.type === 'string' ? ' and non-empty' : ''}`;
    malformed(definition, expected, value ?? undefined);
  }
  return value;
}

/** A flag: false when absent. */
export function readFlag(attrs: Attributes, definition: AttributeDefinition<boolean>): boolean {
  return read(attrs, definition) ?? false;
}

/**
 * The content rule for this span: the processor's rule when the span says
 * content was recorded and the rule records content, else null (content is
 * not read at all, however the span was made).
 */
export function contentOf(
  attrs: Attributes,
  recorded: AttributeDefinition<boolean>,
  rule: ContentRule
): ContentRule | null {
  return rule.record && readFlag(attrs, recorded) ? rule : null;
}

/** A content attribute: null unless content is let in, its secret shapes masked when the rule scrubs. */
export function readContent<V>(
  attrs: Attributes,
  definition: AttributeDefinition<V>,
  content: ContentRule | null
): V | null {
  if (content === null) return null;
  const value = read(attrs, definition);
  return content.scrub ? scrubValue(value) : value;
}

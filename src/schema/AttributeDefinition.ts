/*
 * One attribute of one kind of span, defined once: its key, its type, the
 * helper option it comes from, the row field it feeds and whether it is
 * content. The helpers write from these definitions, the mappers read through
 * them, the privacy rule is applied from them, and the attribute tables of
 * docs/span-model.md are generated from them.
 */
import type { AttributeValue } from '@opentelemetry/api';

/**
 * How a value is carried and checked when read:
 * - `string`: a non-empty string when required, any string otherwise;
 * - `id`: a string, or a safe integer read as its decimal text;
 * - `integer`, `count` (>= 0, at most `max`), `seconds` (finite, >= 0);
 * - `boolean`; `flag`: a boolean that reads as false when absent;
 * - `string[]`; `enum`: a string of `values`;
 * - `json`: JSON text of any value (content that is a structure).
 */
export type AttributeType =
  | 'string'
  | 'id'
  | 'integer'
  | 'count'
  | 'seconds'
  | 'boolean'
  | 'flag'
  | 'string[]'
  | 'enum'
  | 'json';

/** When a helper sets the attribute. */
export type AttributeTime = 'start' | 'session' | 'any' | 'first token' | 'end';

export interface AttributeDefinition<V = unknown> {
  readonly key: string;
  readonly type: AttributeType;
  /** The closed value set of an `enum`. */
  readonly values?: readonly string[];
  /** `values` as a Set, for the mappers' checks. */
  readonly valueSet?: ReadonlySet<unknown>;
  /** Largest value of a `count`. */
  readonly max?: number;
  /** Longest `string` or `id`, in UTF-16 code units. */
  readonly maxLength?: number;
  /** A span without it is malformed. */
  readonly required?: boolean;
  /** Can carry secrets or personal data: recorded only with content on. */
  readonly content?: boolean;
  readonly when: AttributeTime;
  /**
   * The helper option the value comes from (a property of the options object
   * named in the table). In an `attributeTable`, the entry's own name unless
   * it says otherwise; false: the helper sets it without an option.
   */
  readonly option?: string | false;
  /** The row field it feeds. */
  readonly field?: string;
  /** How a helper turns the option's value into an attribute value. Default: as it is. */
  readonly encode?: (value: never) => AttributeValue | undefined;
  readonly meaning: string;
  /** Type only: what reading it yields. */
  readonly __value?: V;
}

/**
 * Ids key the processor's bounded state, so their length bounds its bytes:
 * a longer id makes the span malformed.
 */
export const MAX_ID_LENGTH = 1024;

type Spec = Omit<AttributeDefinition, 'key' | 'type' | 'values' | 'valueSet' | '__value'>;

/**
 * Every definition has every property, in one order, so the mappers' reads
 * through them stay monomorphic (one hidden class) on the hot path.
 */
function definition<V>(key: string, type: AttributeType, spec: Spec, values?: readonly string[]): AttributeDefinition<V> {
  return {
    key,
    type,
    values,
    valueSet: values === undefined ? undefined : new Set<unknown>(values),
    max: spec.max,
    maxLength: spec.maxLength,
    required: spec.required ?? false,
    content: spec.content ?? false,
    when: spec.when,
    option: spec.option,
    field: spec.field,
    encode: spec.encode,
    meaning: spec.meaning,
  };
}

/** A factory of definitions of one type. */
function definitions<V>(type: AttributeType) {
  return (key: string, spec: Spec): AttributeDefinition<V> => definition<V>(key, type, spec);
}

export const stringAttribute = definitions<string>('string');
export const idAttribute = definitions<string>('id');
export const integerAttribute = definitions<number>('integer');
export const countAttribute = definitions<number>('count');
export const secondsAttribute = definitions<number>('seconds');
export const booleanAttribute = definitions<boolean>('boolean');
export const flagAttribute = definitions<boolean>('flag');
export const stringArrayAttribute = definitions<string[]>('string[]');
export const jsonAttribute = definitions<unknown>('json');

export function enumAttribute<T extends string>(
  key: string,
  values: readonly T[],
  spec: Spec
): AttributeDefinition<T> {
  return definition<T>(key, 'enum', spec, values);
}

/** A table of one span kind: definitions by name. */
export type AttributeTable = Readonly<Record<string, AttributeDefinition>>;

/** Gives each entry without an `option` its own name as its option. */
export function attributeTable<T extends Record<string, AttributeDefinition>>(entries: T): T {
  for (const [name, definition] of Object.entries(entries)) {
    if (definition.option === undefined) (definition as { option?: string }).option = name;
  }
  return entries;
}

/*
 * Metric attribute sets cached by their values, so that recording allocates
 * nothing once the closed value sets have been seen, and each set of values
 * has one object: the processor-side counters key their sums by it.
 */
import type { Attributes } from '@opentelemetry/api';

type Value = string | null;

/** One level of the attribute-set cache: the sets below it, by the next value. */
export class SetNode {
  readonly next = new Map<Value, SetNode>();
  attributes: Attributes | undefined;
}

/** What every new set becomes once the cache is full, as in the SDK's own cardinality limit. */
export const OVERFLOW_ATTRIBUTES: Attributes = { 'otel.metric.overflow': true };

/**
 * Sets per tree: with the overflow set, one instrument's series stay within
 * the SDK's default cardinality limit (2000), past which it loses values.
 */
const MAX_SETS_PER_TREE = 1999;

/**
 * Attribute sets by their values, one tree level per value, so a hit costs a
 * few Map lookups on strings the spans already carry, and no key string or
 * closure is built (the string keys this replaced were a top self-time entry
 * in the benchmark profile). Each set of values has one object, which the
 * processor-side counters use as their key. Bounded because model names are
 * open: once full, new sets fold into OVERFLOW_ATTRIBUTES.
 */
export class AttributeSets {
  readonly root = new SetNode();
  private _size = 0;
  private readonly _overflow = new SetNode();

  constructor() {
    this._overflow.attributes = OVERFLOW_ATTRIBUTES;
  }

  /**
   * The node for these values, one tree level each (positional parameters,
   * so a lookup allocates nothing); `undefined` ends the path.
   */
  node(a: Value, b?: Value, c?: Value, d?: Value, e?: Value, f?: Value, g?: Value): SetNode {
    let node = this._at(this.root, a);
    if (b !== undefined) node = this._at(node, b);
    if (c !== undefined) node = this._at(node, c);
    if (d !== undefined) node = this._at(node, d);
    if (e !== undefined) node = this._at(node, e);
    if (f !== undefined) node = this._at(node, f);
    if (g !== undefined) node = this._at(node, g);
    return node;
  }

  private _at(node: SetNode, value: Value): SetNode {
    let next = node.next.get(value);
    if (next === undefined) {
      if (this._size >= MAX_SETS_PER_TREE) return this._overflow;
      next = new SetNode();
      node.next.set(value, next);
    }
    return next;
  }

  /** Keeps `attributes` as the set at `node` while there is room. */
  keep(node: SetNode, attributes: Attributes): Attributes {
    if (this._size >= MAX_SETS_PER_TREE) return OVERFLOW_ATTRIBUTES;
    node.attributes = attributes;
    this._size++;
    return attributes;
  }
}

export function byValue<T extends string>(values: readonly T[], key: string): Record<T, Attributes> {
  const sets = {} as Record<T, Attributes>;
  for (const value of values) sets[value] = { [key]: value };
  return sets;
}

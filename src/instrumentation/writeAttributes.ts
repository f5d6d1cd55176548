/*
 * Span attributes written through their definitions: the helpers never
 * spell a key, and the content rule is applied here, once: a content value
 * is neither encoded nor recorded while content recording is off.
 */
import type { Attributes, AttributeValue } from '@opentelemetry/api';
import type { AttributeDefinition, AttributeTable } from '../schema/AttributeDefinition.js';

/** Sets the attribute unless the value is missing, or content while content is off. */
export function putAttribute(
  target: Attributes,
  definition: AttributeDefinition,
  value: unknown,
  recordContent = false
): void {
  if (value === undefined || value === null) return;
  if (definition.content === true && !recordContent) return;
  const encoded = definition.encode ? definition.encode(value as never) : (value as AttributeValue);
  if (encoded !== undefined) target[definition.key] = encoded;
}

/** Sets every attribute of `definitions` whose option is a property of `options`. */
export function putOptions(
  target: Attributes,
  definitions: AttributeTable | readonly AttributeDefinition[],
  options: object,
  recordContent = false
): Attributes {
  const source = options as Record<string, unknown>;
  for (const definition of Object.values(definitions)) {
    if (typeof definition.option === 'string') {
      putAttribute(target, definition, source[definition.option], recordContent);
    }
  }
  return target;
}

/** The attributes of these definition and value pairs (none of them content). */
export function attributesOf(...pairs: [AttributeDefinition, unknown][]): Attributes {
  const attributes: Attributes = {};
  for (const [definition, value] of pairs) putAttribute(attributes, definition, value);
  return attributes;
}

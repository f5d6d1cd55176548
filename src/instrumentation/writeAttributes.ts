/*
 * Span attributes written through their definitions: the helpers never
 * spell a key, and the content rule is applied here, once: a content value
 * is neither encoded nor recorded while content recording is off, and is
 * scrubbed of secret shapes when it is recorded.
 */
import type { Attributes, AttributeValue } from '@opentelemetry/api';
import { type ContentRule, NO_CONTENT } from '../rules/contentRule.js';
import { scrubValue } from '../rules/secrets.js';
import type { AttributeDefinition, AttributeTable } from '../schema/AttributeDefinition.js';

/** Sets the attribute unless the value is missing, or content the rule keeps out. */
export function putAttribute(
  target: Attributes,
  definition: AttributeDefinition,
  value: unknown,
  content: ContentRule = NO_CONTENT
): void {
  if (value === undefined || value === null) return;
  if (definition.content === true && !content.record) return;
  let encoded = definition.encode ? definition.encode(value as never) : (value as AttributeValue);
  if (encoded === undefined) return;
  if (definition.content === true && content.scrub) encoded = scrubValue(encoded);
  target[definition.key] = encoded;
}

/** Sets every attribute of `definitions` whose option is a property of `options`. */
export function putOptions(
  target: Attributes,
  definitions: AttributeTable | readonly AttributeDefinition[],
  options: object,
  content: ContentRule = NO_CONTENT
): Attributes {
  const source = options as Record<string, unknown>;
  for (const definition of Object.values(definitions)) {
    if (typeof definition.option === 'string') {
      putAttribute(target, definition, source[definition.option], content);
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

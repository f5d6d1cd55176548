/*
 * The `reviewed_action` of a guardian review, read from its span in seed
 * 000's key order. Content keys (command, cwd, argv, files, patch, targets,
 * arguments, justification) appear only when the span says content was
 * recorded and the content rule lets it in: with their value (secret shapes
 * masked when the rule scrubs), or null when the span lacks it.
 */
import type { Attributes } from '@opentelemetry/api';
import type { ContentRule } from '../rules/contentRule.js';
import type { GuardianReviewedAction } from '../rows/guardianReviewRow.js';
import type { JsonValue } from '../rows/JsonValue.js';
import type { AttributeDefinition } from '../schema/AttributeDefinition.js';
import { GUARDIAN_ACTION_FIELDS } from '../schema/guardianActionAttributes.js';
import type { GuardianActionType } from '../semconv/values.js';
import { read, readContent, readRequired } from './readAttribute.js';

export interface ReviewedActionRead {
  action: GuardianReviewedAction;
  /**
   * A JSON content attribute no longer parses (cut by the SDK's attribute
   * length limit): the review keeps its rows, the field is dropped and the
   * action is marked truncated.
   */
  truncated: boolean;
}

/** `content`: the rule when the span's content is let in, else null. */
export function readReviewedAction(
  attrs: Attributes,
  type: GuardianActionType,
  content: ContentRule | null
): ReviewedActionRead {
  const action: GuardianReviewedAction = { type };
  let truncated = false;
  for (const definition of GUARDIAN_ACTION_FIELDS[type]) {
    const field = definition.field as string;
    if (definition.required) {
      action[field] = readRequired(attrs, definition) as JsonValue;
      continue;
    }
    if (definition.content && content === null) continue;
    let value = definition.content
      ? readContent(attrs, definition as AttributeDefinition<JsonValue>, content)
      : read(attrs, definition as AttributeDefinition<JsonValue>);
    if (definition.type === 'json' && value !== null) {
      try {
        value = JSON.parse(value as string) as JsonValue;
      } catch {
        truncated = true;
        value = null;
      }
    }
    action[field] = value;
  }
  return { action, truncated };
}

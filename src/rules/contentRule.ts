/*
 * The content rule, applied where attributes are written and again where
 * rows are read: content that can carry secrets is recorded only when asked
 * for, and when it is, well-known secret shapes in it are masked unless that
 * is turned off too.
 */
import { getBooleanFromEnv } from '@opentelemetry/core';
import { RECORD_CONTENT_ENV } from '../semconv/attributes.js';

export interface ContentRule {
  /** Record content at all. */
  readonly record: boolean;
  /** Mask well-known secret shapes in recorded content. */
  readonly scrub: boolean;
}

/** No content: the default everywhere. */
export const NO_CONTENT: ContentRule = { record: false, scrub: true };

/**
 * The rule a component is configured with: `recordContent` defaults to the
 * GenAI conventions' environment switch, else false; `scrubSecrets` to true.
 */
export function contentRuleOf(config: { recordContent?: boolean; scrubSecrets?: boolean }): ContentRule {
  return {
    record: config.recordContent ?? getBooleanFromEnv(RECORD_CONTENT_ENV) ?? false,
    scrub: config.scrubSecrets ?? true,
  };
}

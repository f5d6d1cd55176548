/* Finished spans of a pipeline, found by an attribute value. */
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import type { Pipeline } from '../pipeline.js';

export function finishedSpan(pipeline: Pipeline, key: string, value: unknown): ReadableSpan {
  const span = pipeline.spans.getFinishedSpans().find(s => s.attributes[key] === value);
  if (span === undefined) throw new Error(`no finished span with ${key}=${String(value)}`);
  return span;
}

/*
 * A TracerProvider that records every attribute map the helpers hand to the
 * OpenTelemetry API (start attributes, setAttribute(s), event attributes),
 * as another API implementation would receive them, before any SDK cleans
 * them up.
 */
import {
  type Attributes,
  type AttributeValue,
  type Span,
  type SpanContext,
  type SpanOptions,
  type Tracer,
  type TracerProvider,
  INVALID_SPAN_CONTEXT,
} from '@opentelemetry/api';

export class RecordingTracerProvider implements TracerProvider {
  /** Every attribute map handed over, in order, by where it went. */
  readonly handed: Array<{ to: string; attributes: Record<string, unknown> }> = [];

  getTracer(): Tracer {
    const record = (to: string, attributes: Record<string, unknown> | undefined) => {
      if (attributes !== undefined) this.handed.push({ to, attributes: { ...attributes } });
    };
    const span = (): Span => {
      const self: Span = {
        spanContext: (): SpanContext => INVALID_SPAN_CONTEXT,
        setAttribute: (key: string, value: AttributeValue) => (record('setAttribute', { [key]: value }), self),
        setAttributes: (attributes: Attributes) => (record('setAttributes', attributes), self),
        addEvent: (name: string, attributes?: unknown) => (
          record(`event ${name}`, typeof attributes === 'object' && !Array.isArray(attributes) ? (attributes as Attributes) : undefined),
          self
        ),
        addLink: () => self,
        addLinks: () => self,
        setStatus: () => self,
        updateName: () => self,
        end: () => {},
        isRecording: () => true,
        recordException: () => {},
      };
      return self;
    };
    return {
      startSpan: (_name: string, options?: SpanOptions) => {
        record('startSpan', options?.attributes);
        return span();
      },
      startActiveSpan: (() => {
        throw new Error('not used by the helpers');
      }) as Tracer['startActiveSpan'],
    };
  }

  /** The keys handed over with an undefined or null value. */
  emptyValues(): string[] {
    return this.handed.flatMap(({ to, attributes }) =>
      Object.entries(attributes)
        .filter(([, value]) => value === undefined || value === null)
        .map(([key]) => `${to}: ${key}`)
    );
  }
}

/* A span that cannot be mapped: a missing required value, a wrong type, a value outside its set. */
/** Thrown by the mappers for a span that cannot be mapped; the processor counts it as `malformed`. */
export class MalformedSpanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedSpanError';
  }
}

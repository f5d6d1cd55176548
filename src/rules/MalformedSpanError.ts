/* A span that cannot be mapped: a missing required value, a wrong type, a value outside its set. */
export class MalformedSpanError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MalformedSpanError';
  }
}

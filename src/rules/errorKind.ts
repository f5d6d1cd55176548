/** What a failure may say of its error: its kind only, since error messages can quote content. */
export function errorKind(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}

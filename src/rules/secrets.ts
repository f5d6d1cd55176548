/*
 * Well-known secret shapes, masked in content before it is recorded: a
 * command or an argument list can carry an API key, a token or a password
 * even when recording content is what the operator wants. The patterns
 * never match a double quote, so masking JSON text keeps it JSON.
 */
export const REDACTED = '[REDACTED]';

const SECRET_PATTERNS: readonly RegExp[] = [
  // Private key blocks, whole.
  /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----[^"]*?-----END [A-Z0-9 ]*PRIVATE KEY-----/g,
  // OpenAI and Anthropic style keys: sk-..., sk-proj-..., sk-ant-...
  /\bsk-[A-Za-z0-9_-]{16,}/g,
  // GitHub tokens: ghp_, gho_, ghu_, ghs_, ghr_, github_pat_.
  /\b(?:gh[pousr]_[A-Za-z0-9]{20,}|github_pat_[A-Za-z0-9_]{20,})/g,
  // AWS access key ids.
  /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g,
  // Slack tokens.
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/g,
  // Google API keys.
  /\bAIza[0-9A-Za-z_-]{35}/g,
  // JSON web tokens.
  /\beyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}/g,
];

/** Keeps the name, masks the value: `Bearer <token>`, `password=<value>`, `https://user:<password>@host`. */
const SECRET_VALUE_PATTERNS: readonly RegExp[] = [
  /\b((?:Bearer|Basic|Token)\s+)[A-Za-z0-9._~+/=-]{8,}/gi,
  /\b((?:authorization|x-api-key|api-key)\s*:\s*)(?!(?:Bearer|Basic|Token)\s)[^\s"',;]+/gi,
  /\b((?:password|passwd|pwd|secret|token|api_key|apikey|access_token|auth_token|client_secret)[=:]\s*)[^\s"&',;]+/gi,
  /(\b--(?:password|token|secret|api-key)[= ])[^\s"]+/gi,
  // JSON (MCP arguments, profiles): the string value of a secret-named key.
  /("(?:password|passwd|pwd|secret|token|api_key|apikey|api-key|access_token|auth_token|refresh_token|client_secret|authorization|private_key)"\s*:\s*")[^"]*(?=")/gi,
  /(\/\/[^/\s:@"]+:)[^/\s@"]+(?=@)/g,
];

/** The text with every well-known secret shape masked. */
export function scrubSecrets(text: string): string {
  let scrubbed = text;
  for (const pattern of SECRET_PATTERNS) scrubbed = scrubbed.replace(pattern, REDACTED);
  for (const pattern of SECRET_VALUE_PATTERNS) scrubbed = scrubbed.replace(pattern, `$1${REDACTED}`);
  return scrubbed;
}

/** argv flags whose next element is a secret. */
const SECRET_FLAG = /^--?(?:password|passwd|token|secret|api-key|apikey|access-token|client-secret)$/i;
/** argv flags whose next element is `user:password`. */
const CREDENTIALS_FLAG = /^(?:-u|--user|--proxy-user)$/;

/** An argv with every secret masked, also a secret that follows its flag as the next element. */
function scrubArgv(argv: readonly unknown[]): unknown[] {
  return argv.map((item, index) => {
    if (typeof item !== 'string') return item;
    const flag = index > 0 ? argv[index - 1] : undefined;
    if (typeof flag === 'string' && SECRET_FLAG.test(flag)) return REDACTED;
    if (typeof flag === 'string' && CREDENTIALS_FLAG.test(flag)) return item.replace(/:.*/, `:${REDACTED}`);
    return scrubSecrets(item);
  });
}

/** A content value with its strings scrubbed: a string or an array of strings (an argv). */
export function scrubValue<T>(value: T): T {
  if (typeof value === 'string') return scrubSecrets(value) as T;
  if (Array.isArray(value)) return scrubArgv(value) as T;
  return value;
}

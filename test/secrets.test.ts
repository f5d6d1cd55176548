/* Each well-known secret shape is masked; the text around it, and ordinary text, is kept. */
import { describe, expect, it } from 'vitest';
import { REDACTED, scrubSecrets, scrubValue } from './support/internals.js';

const CASES: [name: string, text: string, expected: string][] = [
  ['OpenAI keys', 'OPENAI_API_KEY=sk-proj-abcdefghijklmnop1234 run', `OPENAI_API_KEY=${REDACTED} run`],
  ['GitHub tokens', 'git clone https://ghp_abcdefghijklmnopqrstuvwxyz12@github.test/x', `git clone https://${REDACTED}@github.test/x`],
  ['fine-grained GitHub tokens', 'github_pat_11ABCDEFG0123456789_abcdef', REDACTED],
  ['AWS access key ids', 'aws_access_key_id AKIAIOSFODNN7EXAMPLE', `aws_access_key_id ${REDACTED}`],
  ['Slack tokens', 'xoxb-123456789012-abcdefghij', REDACTED],
  ['bearer authorization', 'curl -H "Authorization: Bearer abc.def-ghi_jkl"', `curl -H "Authorization: Bearer ${REDACTED}"`],
  ['API key headers', 'x-api-key: 0123456789abcdef', `x-api-key: ${REDACTED}`],
  ['basic authorization', 'Basic dXNlcjpwYXNzd29yZA==', `Basic ${REDACTED}`],
  ['passwords in URLs', 'psql postgres://admin:hunter2@db.test/app', `psql postgres://admin:${REDACTED}@db.test/app`],
  ['password arguments', 'mysql --password=hunter2 -u root', `mysql --password=${REDACTED} -u root`],
  ['token parameters', 'https://api.test/v1?token=abc123&page=2', `https://api.test/v1?token=${REDACTED}&page=2`],
  [
    'private key blocks',
    'key: -----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk\n-----END OPENSSH PRIVATE KEY----- end',
    `key: ${REDACTED} end`,
  ],
];

describe('scrubSecrets', () => {
  for (const [name, text, expected] of CASES) {
    it(`masks ${name}`, () => {
      expect(scrubSecrets(text)).toBe(expected);
    });
  }

  it('keeps ordinary commands as they are', () => {
    const text = 'git commit -m "tokenizer: fix skip-list" && ls --password-file-check';
    expect(scrubSecrets(text)).toBe(text);
  });

  it('masks the values of secret-named keys in JSON', () => {
    const json = JSON.stringify({ user: 'ann', password: 'hunter2', nested: { api_key: 'k-123456', token: 'abc' } });
    expect(JSON.parse(scrubSecrets(json))).toEqual({
      user: 'ann',
      password: REDACTED,
      nested: { api_key: REDACTED, token: REDACTED },
    });
  });

  it('masks the argv element that follows a secret flag, and the password of -u user:password', () => {
    expect(scrubValue(['mysql', '--password', 'hunter2', '-u', 'root'])).toEqual(['mysql', '--password', REDACTED, '-u', `root`]);
    expect(scrubValue(['curl', '-u', 'admin:hunter2', 'https://x.test'])).toEqual(['curl', '-u', `admin:${REDACTED}`, 'https://x.test']);
  });

  it('keeps argv elements that are not strings as they are, even after a secret flag', () => {
    expect(scrubValue(['tool', '--token', 42, null])).toEqual(['tool', '--token', 42, null]);
  });

  it('keeps JSON text JSON', () => {
    const json = JSON.stringify({ headers: { authorization: 'Bearer abcdefghijkl' }, key: 'sk-abcdefghijklmnopqrstu' });
    expect(JSON.parse(scrubSecrets(json))).toEqual({
      headers: { authorization: REDACTED },
      key: REDACTED,
    });
  });
});

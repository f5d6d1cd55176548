/*
 * A throw-away CODEX_HOME for one run: config.toml pointing every endpoint
 * at the scripted server, and a dummy ChatGPT-mode login (unsigned JWTs with
 * made-up claims), without which Codex sends no analytics rows. No real
 * account, token or service is involved.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

function unsignedJwt(claims: Record<string, unknown>): string {
  // Codex does not verify the signature, but wants the segment to be non-empty.
  return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.${Buffer.from('unsigned').toString('base64url')}`;
}

export async function writeCodexHome(home: string, port: number): Promise<void> {
  await mkdir(home, { recursive: true });
  const origin = `http://127.0.0.1:${port}`;
  await writeFile(
    join(home, 'config.toml'),
    `model = "gpt-5.5"
model_provider = "mock"
chatgpt_base_url = "${origin}/backend-api"
check_for_update_on_startup = false
suppress_unstable_features_warning = true

[model_providers.mock]
name = "mock"
base_url = "${origin}/v1"
wire_api = "responses"
env_key = "MOCK_API_KEY"
request_max_retries = 0
stream_max_retries = 0
stream_idle_timeout_ms = 20000

[analytics]
enabled = true
`
  );
  const exp = Math.floor(Date.now() / 1000) + 24 * 3600;
  const auth = {
    'https://api.openai.com/auth': {
      chatgpt_account_id: 'acct-offline-test',
      chatgpt_plan_type: 'plus',
      chatgpt_user_id: 'user-offline-test',
    },
  };
  await writeFile(
    join(home, 'auth.json'),
    JSON.stringify({
      auth_mode: 'chatgpt',
      OPENAI_API_KEY: null,
      tokens: {
        id_token: unsignedJwt({ email: 'offline@example.invalid', exp, ...auth }),
        access_token: unsignedJwt({ exp, ...auth }),
        refresh_token: 'offline-refresh-token',
        account_id: 'acct-offline-test',
      },
      last_refresh: new Date().toISOString(),
    })
  );
}

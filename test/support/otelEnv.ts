/*
 * Setup reads process.env when it starts: each test starts with no OTEL_*
 * variable set and gets the environment back as it was afterwards.
 */
import { afterEach, beforeEach } from 'vitest';

export function isolateOtelEnv(): void {
  const saved = { ...process.env };
  beforeEach(() => {
    for (const name of Object.keys(process.env)) if (name.startsWith('OTEL_')) delete process.env[name];
  });
  afterEach(() => {
    process.env = { ...saved };
  });
}

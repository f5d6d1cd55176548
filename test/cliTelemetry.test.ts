/* The command line's telemetry plumbing: its diag logger on stderr, the bounded shutdown, --rows-otlp. */
import { diag } from '@opentelemetry/api';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ReviewTelemetry } from '../src/setup/index.js';
import { cli } from './cliRun.js';
import { captureFile } from './codex/captures.js';
import { logToStderr, shutdownWithin } from './support/internals.js';
import { OtlpReceiver } from './support/otlpReceiver.js';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
  diag.disable();
});

function stderrLines(): string[] {
  const lines: string[] = [];
  vi.spyOn(process.stderr, 'write').mockImplementation(text => {
    lines.push(String(text));
    return true;
  });
  return lines;
}

describe('logToStderr', () => {
  it('writes diag messages at OTEL_LOG_LEVEL and above to stderr, one line each', () => {
    vi.stubEnv('OTEL_LOG_LEVEL', 'warn');
    const lines = stderrLines();
    logToStderr();
    diag.info('not shown');
    diag.warn('shown', 42);
    diag.error('also shown');
    expect(lines).toEqual(['agent-review-telemetry: shown 42\n', 'agent-review-telemetry: also shown\n']);
  });

  it('writes every level when OTEL_LOG_LEVEL is all', () => {
    vi.stubEnv('OTEL_LOG_LEVEL', 'all');
    const lines = stderrLines();
    logToStderr();
    diag.verbose('v');
    diag.debug('d');
    diag.info('i');
    // After the API's own debug line that a global logger was registered.
    expect(lines.slice(-3)).toEqual(['agent-review-telemetry: v\n', 'agent-review-telemetry: d\n', 'agent-review-telemetry: i\n']);
  });

  it('sets no logger without OTEL_LOG_LEVEL', () => {
    vi.stubEnv('OTEL_LOG_LEVEL', '');
    const lines = stderrLines();
    logToStderr();
    diag.error('nowhere');
    expect(lines).toEqual([]);
  });
});

describe('shutdownWithin', () => {
  const telemetry = (shutdown: () => Promise<void>) => ({ shutdown }) as ReviewTelemetry;

  it('is true when telemetry shut down in time', async () => {
    expect(await shutdownWithin(telemetry(() => Promise.resolve()), 1000)).toBe(true);
  });

  it('is false when the shutdown takes longer than the bound', async () => {
    expect(await shutdownWithin(telemetry(() => new Promise(() => {})), 10)).toBe(false);
  });

  it('is false when the shutdown fails', async () => {
    expect(await shutdownWithin(telemetry(() => Promise.reject(new Error('no'))), 1000)).toBe(false);
  });
});

describe('--rows-otlp', () => {
  it('sends the rows as OTLP log records to OTEL_EXPORTER_OTLP_ENDPOINT', async () => {
    const receiver = new OtlpReceiver();
    try {
      vi.stubEnv('OTEL_EXPORTER_OTLP_ENDPOINT', await receiver.start());
      const { code } = await cli(['codex-replay', captureFile('1-user-approvals.transcript.jsonl'), '--rows-otlp']);
      expect(code).toBe(0);
      expect(receiver.names('/v1/logs')).toContain('codex_review_event');
    } finally {
      await receiver.close();
    }
  });

  it('sends no rows as log records without it', async () => {
    const receiver = new OtlpReceiver();
    try {
      vi.stubEnv('OTEL_EXPORTER_OTLP_ENDPOINT', await receiver.start());
      expect((await cli(['codex-replay', captureFile('1-user-approvals.transcript.jsonl')])).code).toBe(0);
      expect(receiver.paths()).not.toContain('/v1/logs');
    } finally {
      await receiver.close();
    }
  });
});

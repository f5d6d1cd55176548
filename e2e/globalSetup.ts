/*
 * Starts Jaeger, the Collector and Prometheus on 127.0.0.1, runs the demo
 * against the Collector over OTLP/HTTP, and hands the tests what they need.
 * The teardown stops every component, also when a test or this setup fails.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { assertPortsFree, httpOk, portOpen, readComponentsEnv, ServiceGroup } from './services.js';

export interface E2eContext {
  workDir: string;
  serviceName: string;
  rowsFile: string;
  collectorRowsFile: string;
  demoStartedAtMs: number;
  demoEndedAtMs: number;
  otelcol: string;
  jaeger: string;
  prometheus: string;
  promtool: string;
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2e: E2eContext;
  }
}

export const JAEGER_URL = 'http://127.0.0.1:16686';
export const PROMETHEUS_URL = 'http://127.0.0.1:9090';
const COLLECTOR_OTLP_HTTP = 'http://127.0.0.1:4318';
const PORTS = [4317, 4318, 8888, 8889, 9090, 13132, 13133, 14269, 14317, 14318, 16685, 16686];

function runDemo(workDir: string, env: Record<string, string>, args: string[]): Promise<void> {
  const log = openSync(join(workDir, 'demo.log'), 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', 'demo/main.ts', ...args], {
    stdio: ['ignore', log, log],
    env: { ...process.env, ...env },
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', code =>
      code === 0 ? resolve() : reject(new Error(`demo exited with ${code}; see ${workDir}/demo.log`))
    );
  });
}

export default async function setup(project: TestProject) {
  const components = readComponentsEnv(process.env.COMPONENTS_ENV);
  const workDir = mkdtempSync(join(tmpdir(), 'agent-review-e2e-'));
  const services = new ServiceGroup(workDir);
  const teardown = async () => {
    await services.stopAll();
    if (process.env.E2E_KEEP_WORKDIR) console.log(`e2e logs kept in ${workDir}`);
    else rmSync(workDir, { recursive: true, force: true });
  };
  try {
    await assertPortsFree(PORTS);
    services.start('jaeger', components.JAEGER, ['--config=deploy/jaeger-config.yaml']);
    const collectorRowsFile = join(workDir, 'collector-rows.jsonl');
    services.start('collector', components.OTELCOL, ['--config=collector-config.yaml'], {
      OTELCOL_ROWS_FILE: collectorRowsFile,
    });
    services.start('prometheus', components.PROMETHEUS, [
      '--config.file=deploy/prometheus.yml',
      `--storage.tsdb.path=${join(workDir, 'prometheus-data')}`,
      '--web.listen-address=127.0.0.1:9090',
    ]);
    await services.waitFor('Jaeger', () => httpOk(`${JAEGER_URL}/api/v3/services`));
    await services.waitFor('Collector', () => portOpen(4318));
    await services.waitFor('Prometheus', () => httpOk(`${PROMETHEUS_URL}/-/ready`));

    const serviceName = `agent-review-e2e-${process.pid}`;
    const rowsFile = join(workDir, 'review-events.jsonl');
    const demoStartedAtMs = Date.now();
    // Spread over a few real seconds so Prometheus scrapes counters that grow.
    await runDemo(
      workDir,
      { OTEL_EXPORTER_OTLP_ENDPOINT: COLLECTOR_OTLP_HTTP, OTEL_SERVICE_NAME: serviceName },
      ['--rows', rowsFile, '--rows-otlp', '--no-prometheus', '--extra-turns', '30', '--turn-delay-ms', '300']
    );
    project.provide('e2e', {
      workDir,
      serviceName,
      rowsFile,
      collectorRowsFile,
      demoStartedAtMs,
      demoEndedAtMs: Date.now(),
      otelcol: components.OTELCOL,
      jaeger: components.JAEGER,
      prometheus: components.PROMETHEUS,
      promtool: components.PROMTOOL,
    });
  } catch (error) {
    process.env.E2E_KEEP_WORKDIR ??= '1';
    await teardown();
    throw error;
  }
  return teardown;
}

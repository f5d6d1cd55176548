/*
 * startReviewTelemetry against a real local OTLP/HTTP receiver and a real
 * Prometheus scrape, with real files: what each option turns on.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { diag } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InMemoryRowSink } from '../src/index.js';
import { type ReviewTelemetry, type ReviewTelemetryOptions, startReviewTelemetry } from '../src/setup/index.js';
import { THREAD } from './pipeline.js';
import { captureDiag } from './support/diagCapture.js';
import { isolateOtelEnv } from './support/otelEnv.js';
import { OtlpReceiver } from './support/otlpReceiver.js';
import { freePort } from './support/ports.js';

/** One finished user review, so every signal has something to carry. */
function review(telemetry: ReviewTelemetry, requestId = 1) {
  telemetry.reviews.startUserReview({ ...THREAD, requestId, request: { kind: 'command_execution' } }).resolve('accept');
}

interface OtlpMetric {
  name: string;
  sum?: { dataPoints: Array<{ asDouble?: number; asInt?: number | string }> };
}

/** Sum of a counter's points in one OTLP/JSON metrics request. */
function counterSum(body: Record<string, unknown>, name: string): number | undefined {
  const resourceMetrics = body.resourceMetrics as Array<{ scopeMetrics: Array<{ metrics: OtlpMetric[] }> }>;
  const metric = resourceMetrics.flatMap(r => r.scopeMetrics.flatMap(s => s.metrics)).find(m => m.name === name);
  return metric?.sum?.dataPoints.reduce((total, point) => total + Number(point.asDouble ?? point.asInt ?? 0), 0);
}


describe('startReviewTelemetry', () => {
  let receiver: OtlpReceiver;
  let endpoint: string;
  let telemetry: ReviewTelemetry | undefined;
  isolateOtelEnv();

  beforeEach(async () => {
    receiver = new OtlpReceiver();
    endpoint = await receiver.start();
    // JSON, so the metric points can be read.
    process.env.OTEL_EXPORTER_OTLP_PROTOCOL = 'http/json';
  });
  afterEach(async () => {
    await telemetry?.shutdown();
    telemetry = undefined;
    await receiver.close();
  });

  const start = (options: ReviewTelemetryOptions) => (telemetry = startReviewTelemetry(options));

  it("sends traces, metrics and rows as logs to the endpoint's /v1 paths", async () => {
    const t = start({ otlpEndpoint: `${endpoint}//`, rowsAsOtlpLogs: true, serviceName: 'agent-x' });
    review(t);
    await t.forceFlush();
    expect(receiver.paths()).toEqual(['/v1/logs', '/v1/metrics', '/v1/traces']);
    for (const request of receiver.requests) expect(request.resources[0]?.['service.name']).toBe('agent-x');
    expect(JSON.stringify(receiver.bodies('/v1/logs'))).toContain('"eventName":"codex_review_event"');
  });

  it('sends no rows as logs unless asked', async () => {
    const t = start({ otlpEndpoint: endpoint });
    review(t);
    await t.forceFlush();
    expect(receiver.paths()).toEqual(['/v1/metrics', '/v1/traces']);
  });

  it('takes the endpoint from OTEL_EXPORTER_OTLP_ENDPOINT and the service name from OTEL_SERVICE_NAME', async () => {
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = endpoint;
    process.env.OTEL_SERVICE_NAME = 'from-env';
    const t = start({});
    review(t);
    await t.forceFlush();
    expect(receiver.paths()).toEqual(['/v1/metrics', '/v1/traces']);
    expect(receiver.on('/v1/traces')[0]?.resources[0]?.['service.name']).toBe('from-env');
  });

  it('exports nothing over OTLP without an endpoint, and labels the service as the SDK does: unknown_service:<process>', async () => {
    const spans = new InMemorySpanExporter();
    const t = start({ spanExporters: [spans], rowsAsOtlpLogs: true, resourceAttributes: { 'deployment.environment.name': 'test' } });
    review(t);
    await t.forceFlush();
    expect(receiver.requests).toEqual([]);
    const [span] = spans.getFinishedSpans();
    expect(span?.resource.attributes['service.name']).toBe(`unknown_service:${process.argv0}`);
    expect(span?.resource.attributes['deployment.environment.name']).toBe('test');
    expect(span?.name).toBe('user_review command_execution');
  });

  it('exports metrics every metricExportIntervalMillis without a flush', async () => {
    const t = start({ otlpEndpoint: endpoint, metricExportIntervalMillis: 50 });
    review(t);
    await expect.poll(() => receiver.paths(), { timeout: 5000, interval: 20 }).toContain('/v1/metrics');
  });

  it('on shutdown, writes the rows before the last metrics export, once', async () => {
    const sink = new InMemoryRowSink();
    const t = start({ otlpEndpoint: endpoint, metricExportIntervalMillis: 60_000, rowSinks: [sink] });
    review(t);
    const first = t.shutdown();
    expect(t.shutdown()).toBe(first);
    await first;
    telemetry = undefined;
    expect(sink.getRows()).toHaveLength(1);
    const metrics = receiver.bodies('/v1/metrics');
    expect(metrics).toHaveLength(1);
    expect(counterSum(metrics[0]!, 'agent_review.processor.rows.written')).toBe(1);
  });

  it('serves metrics for Prometheus on 127.0.0.1 and says where', async () => {
    const port = await freePort();
    const t = start({ prometheus: { port } });
    expect(t.prometheusUrl).toBe(`http://127.0.0.1:${port}/metrics`);
    review(t);
    await t.forceFlush();
    const text = await (await fetch(t.prometheusUrl!)).text();
    expect(text).toMatch(/^agent_review_reviews_total\{.*agent_review_reviewer="user".*\} 1$/m);
  });

  it('serves Prometheus on port 9464 by default', async () => {
    const t = start({ prometheus: {} });
    expect(t.prometheusUrl).toBe('http://127.0.0.1:9464/metrics');
    const response = await fetch(t.prometheusUrl!);
    expect(response.status).toBe(200);
  });

  it('serves no Prometheus endpoint unless asked', () => {
    expect(start({}).prometheusUrl).toBeUndefined();
  });

  it('hands the processor options, the row sinks and content recording on, and writes no rows file unless asked', async () => {
    const logger = captureDiag();
    const sink = new InMemoryRowSink();
    const t = start({ rowSinks: [sink], recordContent: true, processor: { maxPendingItems: 1 } });
    expect(t.reviews.recordContent).toBe(true);
    for (const itemId of ['a', 'b']) {
      t.reviews.startUserReview({ ...THREAD, requestId: itemId, itemId, request: { kind: 'file_change' } }).resolve('accept');
    }
    expect(t.processor.pendingItemCount).toBe(1);
    await t.forceFlush();
    expect(sink.getRows()).toHaveLength(2);
    diag.disable();
    expect(logger.warnings).toEqual([]);
  });

  describe('rows file', () => {
    let dir: string;
    beforeEach(async () => {
      dir = await mkdtemp(join(tmpdir(), 'rows-'));
    });
    afterEach(() => rm(dir, { recursive: true, force: true }));

    const lines = async (path: string) => (await readFile(path, 'utf8')).split('\n').filter(Boolean);

    it('appends rows to an existing file by default', async () => {
      const path = join(dir, 'rows.jsonl');
      await writeFile(path, '{"earlier":true}\n');
      const t = start({ rowsFile: path });
      review(t);
      await t.forceFlush();
      expect(await lines(path)).toHaveLength(2);
    });

    it('empties the file first with truncateRowsFile', async () => {
      const path = join(dir, 'rows.jsonl');
      await writeFile(path, '{"earlier":true}\n');
      const t = start({ rowsFile: path, truncateRowsFile: true });
      review(t);
      await t.forceFlush();
      const rows = await lines(path);
      expect(rows.map(line => (JSON.parse(line) as { event_type: string }).event_type)).toEqual(['codex_review_event']);
    });
  });
});

/*
 * startReviewTelemetry reads the standard OTEL_* environment the way
 * @opentelemetry/sdk-node does: one test per variable, against a real OTLP
 * receiver on 127.0.0.1. docs/configuration.md lists the same variables.
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { diag, DiagLogLevel, trace } from '@opentelemetry/api';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { InMemoryRowSink } from '../src/index.js';
import { type ReviewTelemetry, type ReviewTelemetryOptions, startReviewTelemetry } from '../src/setup/index.js';
import { THREAD } from './pipeline.js';
import { captureDiag } from './support/diagCapture.js';
import { isolateOtelEnv } from './support/otelEnv.js';
import { OtlpReceiver } from './support/otlpReceiver.js';
import { handMadeSpan, USER_REVIEW_ATTRIBUTES } from './support/handMadeSpan.js';
import { freePort } from './support/ports.js';

const USER_REVIEW = 'user_review command_execution';

describe('startReviewTelemetry and the OTEL_* environment', () => {
  let receiver: OtlpReceiver;
  let endpoint: string;
  let telemetry: ReviewTelemetry | undefined;
  isolateOtelEnv();

  beforeEach(async () => {
    receiver = new OtlpReceiver();
    endpoint = await receiver.start();
  });
  afterEach(async () => {
    await telemetry?.shutdown();
    telemetry = undefined;
    await receiver.close();
    diag.disable();
  });

  /** Starts telemetry, makes `reviews` user reviews and flushes. */
  async function run(options: ReviewTelemetryOptions = {}, reviews = 1): Promise<ReviewTelemetry> {
    const t = (telemetry = startReviewTelemetry({ shutdownOnExit: false, ...options }));
    for (let requestId = 0; requestId < reviews; requestId++) {
      t.reviews.startUserReview({ ...THREAD, requestId, request: { kind: 'command_execution' } }).resolve('accept');
    }
    await t.forceFlush();
    return t;
  }

  const traceResource = () => receiver.on('/v1/traces')[0]?.resources[0] ?? {};

  /** What the SDK's console exporters print (through console.dir) while `work` runs. */
  async function printedBy(work: () => Promise<unknown>): Promise<string> {
    const printed: unknown[] = [];
    const spy = vi.spyOn(console, 'dir').mockImplementation(value => void printed.push(value));
    try {
      await work();
    } finally {
      spy.mockRestore();
    }
    return JSON.stringify(printed);
  }

  it('OTEL_SDK_DISABLED=true: no span recorded, no row, nothing sent', async () => {
    process.env.OTEL_SDK_DISABLED = 'true';
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = endpoint;
    const sink = new InMemoryRowSink();
    const logger = captureDiag();
    const t = await run({ rowSinks: [sink], rowsAsOtlpLogs: true, prometheus: { port: await freePort() } });
    expect(t.disabled).toBe(true);
    expect(t.prometheusUrl).toBeUndefined();
    expect(sink.getRows()).toEqual([]);
    expect(receiver.requests).toEqual([]);
    expect(logger.warnings.join('\n')).toContain('OTEL_SDK_DISABLED');
  });

  const rowsAsked: Array<[string, ReviewTelemetryOptions]> = [
    ['a rows file', { rowsFile: join(tmpdir(), `disabled-${process.pid}.jsonl`) }],
    ['row sinks', { rowSinks: [new InMemoryRowSink()] }],
    ['rows as logs', { rowsAsOtlpLogs: true }],
  ];
  for (const [asked, options] of rowsAsked) {
    it(`OTEL_SDK_DISABLED=true with ${asked} alone: a warning that no rows are written`, async () => {
      process.env.OTEL_SDK_DISABLED = 'true';
      const logger = captureDiag();
      await run(options);
      expect(logger.warnings).toEqual([
        'agent-review-telemetry: OTEL_SDK_DISABLED is true: no rows are written, no spans or metrics recorded',
      ]);
    });
  }

  it('OTEL_SDK_DISABLED=true: no rows file is opened', async () => {
    process.env.OTEL_SDK_DISABLED = 'true';
    const path = join(tmpdir(), `disabled-${process.pid}-${Date.now()}.jsonl`);
    await run({ rowsFile: path });
    expect(existsSync(path)).toBe(false);
  });

  it('OTEL_SDK_DISABLED=true: the tracer provider records no span', async () => {
    process.env.OTEL_SDK_DISABLED = 'true';
    const t = await run();
    const span = t.tracerProvider.getTracer('test').startSpan('any');
    expect(span.isRecording()).toBe(false);
    span.end();
  });

  it('OTEL_SDK_DISABLED=true: the processor hands rows to no sink, not even the rowSinks given', async () => {
    process.env.OTEL_SDK_DISABLED = 'true';
    const sink = new InMemoryRowSink();
    const logger = captureDiag();
    const t = (telemetry = startReviewTelemetry({ shutdownOnExit: false, rowSinks: [sink] }));
    t.processor.onEnd(handMadeSpan(USER_REVIEW_ATTRIBUTES));
    await t.forceFlush();
    await t.processor.forceFlush();
    expect(sink.getRows()).toEqual([]);
    expect(logger.warnings).toEqual([
      'agent-review-telemetry: OTEL_SDK_DISABLED is true: no rows are written, no spans or metrics recorded',
    ]);
  });

  it('OTEL_SDK_DISABLED=true: shutdown shuts the inert processor down, cleanly', async () => {
    process.env.OTEL_SDK_DISABLED = 'true';
    const logger = captureDiag();
    const t = startReviewTelemetry({ shutdownOnExit: false });
    await t.shutdown();
    expect(logger.lines).toEqual([]);
    t.processor.onEnd(handMadeSpan(USER_REVIEW_ATTRIBUTES));
    expect(logger.warnings.join('\n')).toContain('ended after shutdown');
  });

  it('OTEL_SDK_DISABLED unset: enabled', async () => {
    const t = await run();
    expect(t.disabled).toBe(false);
  });

  it('OTEL_SERVICE_NAME names the service', async () => {
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = endpoint;
    process.env.OTEL_SERVICE_NAME = 'host-agent';
    await run();
    expect(traceResource()['service.name']).toBe('host-agent');
  });

  it('without OTEL_SERVICE_NAME the service is unknown_service:<process>, as the SDK names it', async () => {
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = endpoint;
    await run();
    expect(traceResource()['service.name']).toBe(`unknown_service:${process.argv0}`);
  });

  it('the serviceName option wins over OTEL_SERVICE_NAME', async () => {
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = endpoint;
    process.env.OTEL_SERVICE_NAME = 'from-env';
    await run({ serviceName: 'from-code' });
    expect(traceResource()['service.name']).toBe('from-code');
  });

  it('OTEL_RESOURCE_ATTRIBUTES go on every signal; resourceAttributes win over them', async () => {
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = endpoint;
    process.env.OTEL_RESOURCE_ATTRIBUTES = 'deployment.environment.name=staging,team=agents';
    await run({ rowsAsOtlpLogs: true, resourceAttributes: { team: 'review' } });
    expect(receiver.paths()).toEqual(['/v1/logs', '/v1/metrics', '/v1/traces']);
    for (const request of receiver.requests) {
      expect(request.resources[0]).toMatchObject({ 'deployment.environment.name': 'staging', team: 'review' });
    }
  });

  it('OTEL_NODE_RESOURCE_DETECTORS unset: env, process and host detectors', async () => {
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = endpoint;
    await run();
    expect(traceResource()).toMatchObject({ 'process.runtime.name': 'nodejs' });
    expect(traceResource()['host.name']).toBeTypeOf('string');
    expect(traceResource()['os.type']).toBeUndefined();
  });

  it('OTEL_NODE_RESOURCE_DETECTORS picks the detectors; an unknown name is warned about and skipped', async () => {
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = endpoint;
    process.env.OTEL_NODE_RESOURCE_DETECTORS = 'os,nonsense';
    const logger = captureDiag(DiagLogLevel.DEBUG);
    await run();
    expect(traceResource()['os.type']).toBeTypeOf('string');
    expect(traceResource()['host.name']).toBeUndefined();
    expect(logger.warnings).toEqual([
      'agent-review-telemetry: unknown resource detector "nonsense" in OTEL_NODE_RESOURCE_DETECTORS',
    ]);
    expect(logger.debugs.filter(line => line.includes('failed'))).toEqual([]);
  });

  it('OTEL_NODE_RESOURCE_DETECTORS names each detector: env, host, os, process, serviceinstance, with no warning', async () => {
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = endpoint;
    process.env.OTEL_NODE_RESOURCE_DETECTORS = 'env,host,os,process,serviceinstance';
    process.env.OTEL_RESOURCE_ATTRIBUTES = 'team=agents';
    const logger = captureDiag();
    await run();
    expect(Object.keys(traceResource())).toEqual(
      expect.arrayContaining(['team', 'host.name', 'os.type', 'process.runtime.name', 'service.instance.id'])
    );
    expect(logger.warnings).toEqual([]);
  });

  it('OTEL_NODE_RESOURCE_DETECTORS=none: only the default resource, no detector run and no warning', async () => {
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = endpoint;
    process.env.OTEL_NODE_RESOURCE_DETECTORS = 'none';
    const logger = captureDiag(DiagLogLevel.DEBUG);
    await run();
    expect(traceResource()['process.runtime.name']).toBeUndefined();
    expect(traceResource()['telemetry.sdk.language']).toBe('nodejs');
    expect(logger.warnings).toEqual([]);
    expect(logger.debugs.filter(line => line.includes('failed'))).toEqual([]);
  });

  it('OTEL_NODE_RESOURCE_DETECTORS=all: every detector', async () => {
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = endpoint;
    process.env.OTEL_NODE_RESOURCE_DETECTORS = 'all';
    await run();
    expect(Object.keys(traceResource())).toEqual(
      expect.arrayContaining(['host.name', 'os.type', 'process.runtime.name', 'service.instance.id'])
    );
  });

  it('no endpoint and no OTEL_*_EXPORTER: nothing is sent over OTLP', async () => {
    const spans = new InMemorySpanExporter();
    await run({ spanExporters: [spans], rowsAsOtlpLogs: true });
    expect(spans.getFinishedSpans().map(span => span.name)).toEqual([USER_REVIEW]);
    expect(receiver.requests).toEqual([]);
  });

  it('OTEL_EXPORTER_OTLP_TRACES_ENDPOINT alone exports traces only, to that exact URL', async () => {
    process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT = `${endpoint}/custom/v1/traces`;
    await run({ rowsAsOtlpLogs: true });
    expect(receiver.paths()).toEqual(['/custom/v1/traces']);
  });

  it('OTEL_EXPORTER_OTLP_METRICS_ENDPOINT alone exports metrics only', async () => {
    process.env.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT = `${endpoint}/v1/metrics`;
    await run({ rowsAsOtlpLogs: true });
    expect(receiver.paths()).toEqual(['/v1/metrics']);
  });

  it('OTEL_EXPORTER_OTLP_LOGS_ENDPOINT alone sends the rows as logs only', async () => {
    process.env.OTEL_EXPORTER_OTLP_LOGS_ENDPOINT = `${endpoint}/v1/logs`;
    await run({ rowsAsOtlpLogs: true });
    expect(receiver.paths()).toEqual(['/v1/logs']);
    expect(receiver.names('/v1/logs')).toEqual(['codex_review_event']);
  });

  it('the detectors\' async attributes (host.id) settle right after start, and then reach the rows as logs', async () => {
    process.env.OTEL_EXPORTER_OTLP_LOGS_ENDPOINT = `${endpoint}/v1/logs`;
    const logger = captureDiag(DiagLogLevel.ERROR);
    const t = (telemetry = startReviewTelemetry({ shutdownOnExit: false, rowsAsOtlpLogs: true }));
    await new Promise(resolve => setTimeout(resolve, 100));
    t.reviews.startUserReview({ ...THREAD, requestId: 1, request: { kind: 'command_execution' } }).resolve('accept');
    await t.forceFlush();
    expect(receiver.on('/v1/logs')[0]?.resources[0]?.['host.id']).toBeTypeOf('string');
    expect(logger.errors).toEqual([]);
  });

  it('OTEL_EXPORTER_OTLP_ENDPOINT sends every signal to <endpoint>/v1/<signal>', async () => {
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = endpoint;
    await run({ rowsAsOtlpLogs: true });
    expect(receiver.paths()).toEqual(['/v1/logs', '/v1/metrics', '/v1/traces']);
  });

  it('the otlpEndpoint option wins over OTEL_EXPORTER_OTLP_TRACES_ENDPOINT', async () => {
    process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT = 'http://127.0.0.1:9/v1/traces';
    await run({ otlpEndpoint: endpoint });
    expect(receiver.paths()).toEqual(['/v1/metrics', '/v1/traces']);
  });

  it('OTEL_EXPORTER_OTLP_HEADERS go on every request; OTEL_EXPORTER_OTLP_TRACES_HEADERS on traces only', async () => {
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = endpoint;
    process.env.OTEL_EXPORTER_OTLP_HEADERS = 'x-tenant=agents';
    process.env.OTEL_EXPORTER_OTLP_TRACES_HEADERS = 'x-signal=traces';
    await run();
    for (const request of receiver.requests) expect(request.headers['x-tenant']).toBe('agents');
    expect(receiver.on('/v1/traces')[0]?.headers['x-signal']).toBe('traces');
    expect(receiver.on('/v1/metrics')[0]?.headers['x-signal']).toBeUndefined();
  });

  it('OTEL_EXPORTER_OTLP_PROTOCOL unset: http/protobuf, as sdk-node', async () => {
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = endpoint;
    await run({ rowsAsOtlpLogs: true });
    expect(receiver.requests.map(r => r.contentType)).toEqual(receiver.requests.map(() => 'application/x-protobuf'));
    expect(receiver.names('/v1/traces')).toEqual([USER_REVIEW]);
    expect(receiver.names('/v1/logs')).toEqual(['codex_review_event']);
    expect(receiver.names('/v1/metrics')).toContain('agent_review.reviews');
  });

  it('OTEL_EXPORTER_OTLP_PROTOCOL=http/json: JSON on every signal', async () => {
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = endpoint;
    process.env.OTEL_EXPORTER_OTLP_PROTOCOL = 'http/json';
    await run({ rowsAsOtlpLogs: true });
    expect(receiver.requests.map(r => r.contentType)).toEqual(receiver.requests.map(() => 'application/json'));
    expect(receiver.names('/v1/traces')).toEqual([USER_REVIEW]);
  });

  it('OTEL_EXPORTER_OTLP_PROTOCOL is read without surrounding blanks', async () => {
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = endpoint;
    process.env.OTEL_EXPORTER_OTLP_PROTOCOL = ' http/json ';
    const logger = captureDiag();
    await run();
    expect(receiver.on('/v1/traces')[0]?.contentType).toBe('application/json');
    expect(logger.warnings).toEqual([]);
  });

  it('OTEL_EXPORTER_OTLP_LOGS_PROTOCOL overrides the shared protocol for the rows as logs only', async () => {
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = endpoint;
    process.env.OTEL_EXPORTER_OTLP_LOGS_PROTOCOL = 'http/json';
    await run({ rowsAsOtlpLogs: true });
    expect(receiver.on('/v1/logs')[0]?.contentType).toBe('application/json');
    expect(receiver.on('/v1/traces')[0]?.contentType).toBe('application/x-protobuf');
  });

  it('OTEL_EXPORTER_OTLP_METRICS_PROTOCOL overrides the shared protocol for metrics only', async () => {
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = endpoint;
    process.env.OTEL_EXPORTER_OTLP_METRICS_PROTOCOL = 'http/json';
    await run();
    expect(receiver.on('/v1/metrics')[0]?.contentType).toBe('application/json');
    expect(receiver.on('/v1/traces')[0]?.contentType).toBe('application/x-protobuf');
  });

  it('OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE=delta: each push has the reviews since the last (one producer per reader)', async () => {
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = endpoint;
    process.env.OTEL_EXPORTER_OTLP_METRICS_PROTOCOL = 'http/json';
    process.env.OTEL_EXPORTER_OTLP_METRICS_TEMPORALITY_PREFERENCE = 'delta';
    const t = await run({}, 2);
    t.reviews.startUserReview({ ...THREAD, requestId: 9, request: { kind: 'command_execution' } }).resolve('accept');
    await t.forceFlush();
    const DELTA = 1; // AGGREGATION_TEMPORALITY_DELTA in OTLP
    type Body = { resourceMetrics: { scopeMetrics: { metrics: { name: string; sum?: { aggregationTemporality: number; dataPoints: { asDouble?: number }[] } }[] }[] }[] };
    const reviewsPerPush = (receiver.bodies('/v1/metrics') as unknown as Body[]).map(body =>
      body.resourceMetrics
        .flatMap(r => r.scopeMetrics.flatMap(scope => scope.metrics))
        .filter(metric => metric.name === 'agent_review.reviews')
        .flatMap(metric => (metric.sum?.aggregationTemporality === DELTA ? metric.sum.dataPoints : []))
        .reduce((total, point) => total + (point.asDouble ?? 0), 0)
    );
    expect(reviewsPerPush).toEqual([2, 1]);
  });

  it('OTEL_EXPORTER_OTLP_PROTOCOL=grpc is not offered: a warning, then http/protobuf', async () => {
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = endpoint;
    process.env.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL = 'grpc';
    const logger = captureDiag();
    await run();
    expect(receiver.on('/v1/traces')[0]?.contentType).toBe('application/x-protobuf');
    expect(logger.warnings).toEqual([
      'agent-review-telemetry: OTLP traces protocol "grpc" is not supported (http/protobuf, http/json); using http/protobuf',
    ]);
  });

  it('OTEL_EXPORTER_OTLP_COMPRESSION=gzip compresses every request', async () => {
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = endpoint;
    process.env.OTEL_EXPORTER_OTLP_COMPRESSION = 'gzip';
    await run();
    expect(receiver.requests.map(r => r.headers['content-encoding'])).toEqual(['gzip', 'gzip']);
    expect(receiver.names('/v1/traces')).toEqual([USER_REVIEW]);
  });

  it('OTEL_TRACES_EXPORTER=none: no traces, metrics still sent', async () => {
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = endpoint;
    process.env.OTEL_TRACES_EXPORTER = 'none';
    await run();
    expect(receiver.paths()).toEqual(['/v1/metrics']);
  });

  it('OTEL_METRICS_EXPORTER=none: no metrics, traces still sent', async () => {
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = endpoint;
    process.env.OTEL_METRICS_EXPORTER = 'none';
    await run();
    expect(receiver.paths()).toEqual(['/v1/traces']);
  });

  it('OTEL_LOGS_EXPORTER=none: no rows as logs, and a warning that says so', async () => {
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = endpoint;
    process.env.OTEL_LOGS_EXPORTER = 'none';
    const logger = captureDiag();
    await run({ rowsAsOtlpLogs: true });
    expect(receiver.paths()).toEqual(['/v1/metrics', '/v1/traces']);
    expect(logger.warnings.join('\n')).toContain('no rows go out as logs');
  });

  it('OTEL_TRACES_EXPORTER=none alone: no warning', async () => {
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = endpoint;
    process.env.OTEL_TRACES_EXPORTER = 'none';
    const logger = captureDiag();
    await run();
    expect(logger.warnings).toEqual([]);
  });

  it('"none" beside other exporters exports nothing, with a warning', async () => {
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = endpoint;
    process.env.OTEL_TRACES_EXPORTER = 'otlp,none';
    const logger = captureDiag();
    await run();
    expect(receiver.paths()).toEqual(['/v1/metrics']);
    expect(logger.warnings.join('\n')).toContain('OTEL_TRACES_EXPORTER lists "none" with other exporters');
  });

  it('the otlpEndpoint option turns OTLP on even when OTEL_*_EXPORTER is none', async () => {
    process.env.OTEL_TRACES_EXPORTER = 'none';
    process.env.OTEL_METRICS_EXPORTER = 'none';
    process.env.OTEL_LOGS_EXPORTER = 'none';
    await run({ otlpEndpoint: endpoint, rowsAsOtlpLogs: true });
    expect(receiver.paths()).toEqual(['/v1/logs', '/v1/metrics', '/v1/traces']);
  });

  it('the otlpEndpoint option adds otlp to the exporters OTEL_TRACES_EXPORTER names', async () => {
    process.env.OTEL_TRACES_EXPORTER = 'console';
    const printed = await printedBy(() => run({ otlpEndpoint: endpoint }));
    expect(receiver.names('/v1/traces')).toEqual([USER_REVIEW]);
    expect(printed).toContain(USER_REVIEW);
  });

  it('the otlpEndpoint option beside OTEL_TRACES_EXPORTER=otlp exports each span once', async () => {
    process.env.OTEL_TRACES_EXPORTER = 'otlp';
    await run({ otlpEndpoint: endpoint });
    expect(receiver.names('/v1/traces')).toEqual([USER_REVIEW]);
  });

  it('OTEL_TRACES_EXPORTER=console prints each span', async () => {
    process.env.OTEL_TRACES_EXPORTER = 'console';
    expect(await printedBy(() => run())).toContain(USER_REVIEW);
  });

  it('OTEL_METRICS_EXPORTER=console prints the metrics', async () => {
    process.env.OTEL_METRICS_EXPORTER = 'console';
    expect(await printedBy(() => run())).toContain('agent_review.reviews');
  });

  it('an OTEL_*_EXPORTER value setup does not build is named in a warning and skipped', async () => {
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT = endpoint;
    process.env.OTEL_TRACES_EXPORTER = 'zipkin,otlp';
    process.env.OTEL_METRICS_EXPORTER = 'statsd,otlp';
    process.env.OTEL_LOGS_EXPORTER = 'syslog,otlp';
    const logger = captureDiag();
    await run({ rowsAsOtlpLogs: true });
    expect(receiver.paths()).toEqual(['/v1/logs', '/v1/metrics', '/v1/traces']);
    const warnings = logger.warnings.join('\n');
    for (const text of [
      'OTEL_TRACES_EXPORTER value "zipkin" is not supported (otlp, console, none)',
      'OTEL_METRICS_EXPORTER value "statsd" is not supported (otlp, console, prometheus, none)',
      'OTEL_LOGS_EXPORTER value "syslog" is not supported (otlp, console, none)',
    ]) {
      expect(warnings).toContain(text);
    }
    expect(logger.warnings).toHaveLength(3);
  });

  it('OTEL_METRIC_EXPORT_INTERVAL sets how often metrics are pushed', async () => {
    process.env.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT = `${endpoint}/v1/metrics`;
    process.env.OTEL_METRIC_EXPORT_INTERVAL = '50';
    telemetry = startReviewTelemetry({ shutdownOnExit: false });
    await expect.poll(() => receiver.on('/v1/metrics').length, { timeout: 5000, interval: 20 }).toBeGreaterThan(1);
  });

  it('the metricExportIntervalMillis option wins over OTEL_METRIC_EXPORT_INTERVAL', async () => {
    process.env.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT = `${endpoint}/v1/metrics`;
    process.env.OTEL_METRIC_EXPORT_INTERVAL = '600000';
    telemetry = startReviewTelemetry({ shutdownOnExit: false, metricExportIntervalMillis: 50 });
    await expect.poll(() => receiver.on('/v1/metrics').length, { timeout: 5000, interval: 20 }).toBeGreaterThan(1);
  });

  it('OTEL_METRIC_EXPORT_INTERVAL of 0 is refused with a warning; the 60 s default applies', async () => {
    process.env.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT = `${endpoint}/v1/metrics`;
    process.env.OTEL_METRIC_EXPORT_INTERVAL = '0';
    const logger = captureDiag();
    telemetry = startReviewTelemetry({ shutdownOnExit: false });
    await new Promise(resolve => setTimeout(resolve, 300));
    expect(receiver.requests).toEqual([]);
    expect(logger.warnings.join('\n')).toContain('OTEL_METRIC_EXPORT_INTERVAL (0) must be greater than 0');
  });

  it('OTEL_METRIC_EXPORT_TIMEOUT over the interval: the interval is the timeout, with a message', async () => {
    process.env.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT = `${endpoint}/v1/metrics`;
    process.env.OTEL_METRIC_EXPORT_INTERVAL = '1000';
    process.env.OTEL_METRIC_EXPORT_TIMEOUT = '5000';
    const logger = captureDiag(DiagLogLevel.INFO);
    telemetry = startReviewTelemetry({ shutdownOnExit: false });
    expect(logger.lines).toContain('agent-review-telemetry: metric export timeout 5000 ms is over the interval; using 1000 ms');
  });

  it('OTEL_METRIC_EXPORT_TIMEOUT equal to the interval: no message', async () => {
    process.env.OTEL_EXPORTER_OTLP_METRICS_ENDPOINT = `${endpoint}/v1/metrics`;
    process.env.OTEL_METRIC_EXPORT_INTERVAL = '1000';
    process.env.OTEL_METRIC_EXPORT_TIMEOUT = '1000';
    const logger = captureDiag(DiagLogLevel.INFO);
    telemetry = startReviewTelemetry({ shutdownOnExit: false });
    expect(logger.lines.filter(line => line.includes('metric export timeout'))).toEqual([]);
  });

  it('OTEL_METRICS_EXPORTER=prometheus is a supported exporter: no warning', async () => {
    process.env.OTEL_METRICS_EXPORTER = 'prometheus';
    process.env.OTEL_EXPORTER_PROMETHEUS_PORT = String(await freePort());
    const logger = captureDiag();
    await run();
    expect(logger.warnings).toEqual([]);
  });

  it('OTEL_METRICS_EXPORTER=prometheus serves a scrape endpoint on OTEL_EXPORTER_PROMETHEUS_PORT, on loopback', async () => {
    const port = await freePort();
    process.env.OTEL_METRICS_EXPORTER = 'prometheus';
    process.env.OTEL_EXPORTER_PROMETHEUS_PORT = String(port);
    const t = await run();
    expect(t.prometheusUrl).toBe(`http://127.0.0.1:${port}/metrics`);
    expect(await (await fetch(t.prometheusUrl!)).text()).toMatch(/^agent_review_reviews_total\{.*\} 1$/m);
  });

  it('OTEL_EXPORTER_PROMETHEUS_HOST sets where Prometheus is served', async () => {
    const port = await freePort();
    process.env.OTEL_METRICS_EXPORTER = 'prometheus';
    process.env.OTEL_EXPORTER_PROMETHEUS_HOST = 'localhost';
    process.env.OTEL_EXPORTER_PROMETHEUS_PORT = String(port);
    const t = await run();
    expect(t.prometheusUrl).toBe(`http://localhost:${port}/metrics`);
  });

  it('OTEL_BSP_MAX_EXPORT_BATCH_SIZE limits the spans per trace request', async () => {
    process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT = `${endpoint}/v1/traces`;
    process.env.OTEL_BSP_MAX_EXPORT_BATCH_SIZE = '1';
    await run({}, 3);
    expect(receiver.on('/v1/traces').map(r => r.names.length)).toEqual([1, 1, 1]);
  });

  it('OTEL_BSP_SCHEDULE_DELAY sets how soon spans are exported without a flush', async () => {
    process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT = `${endpoint}/v1/traces`;
    process.env.OTEL_BSP_SCHEDULE_DELAY = '10';
    const t = (telemetry = startReviewTelemetry({ shutdownOnExit: false }));
    t.reviews.startUserReview({ ...THREAD, requestId: 1, request: { kind: 'command_execution' } }).resolve('accept');
    // Well under the 5 s default delay.
    await expect.poll(() => receiver.names('/v1/traces'), { timeout: 2500, interval: 20 }).toEqual([USER_REVIEW]);
  });

  it('OTEL_BSP_MAX_QUEUE_SIZE drops the spans that find the queue full', async () => {
    process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT = `${endpoint}/v1/traces`;
    process.env.OTEL_BSP_MAX_QUEUE_SIZE = '1';
    await run({}, 3);
    expect(receiver.names('/v1/traces').length).toBeLessThan(3);
  });

  it('OTEL_BSP_EXPORT_TIMEOUT bounds each batch export', async () => {
    process.env.OTEL_BSP_EXPORT_TIMEOUT = '50';
    const stuck = { export: () => {}, shutdown: async () => {} };
    const t = (telemetry = startReviewTelemetry({ shutdownOnExit: false, spanExporters: [stuck] }));
    t.reviews.startUserReview({ ...THREAD, requestId: 1, request: { kind: 'command_execution' } }).resolve('accept');
    await expect(t.forceFlush()).rejects.toEqual([new Error('Timeout')]);
  });

  it('OTEL_SPAN_EVENT_COUNT_LIMIT limits the events a span keeps', async () => {
    process.env.OTEL_SPAN_EVENT_COUNT_LIMIT = '1';
    const spans = new InMemorySpanExporter();
    const t = (telemetry = startReviewTelemetry({ shutdownOnExit: false, spanExporters: [spans] }));
    const review = t.reviews.startGuardianReview({
      ...THREAD, reviewId: 'r', targetItemId: 'i', timeoutMs: 90_000, model: 'm',
      action: { type: 'shell', sandboxPermissions: 'require_escalated' },
    });
    review.recordToolCall('shell');
    review.recordToolCall('web_search');
    review.approve({ riskLevel: 'low', riskScore: 1 });
    await t.forceFlush();
    expect(spans.getFinishedSpans()[0]?.events).toHaveLength(1);
  });

  /** The spans of one guardian review with two tool calls, and one span with two links, under the environment's limits. */
  async function limitedSpans() {
    const spans = new InMemorySpanExporter();
    const t = (telemetry = startReviewTelemetry({ shutdownOnExit: false, spanExporters: [spans] }));
    const review = t.reviews.startGuardianReview({
      ...THREAD, reviewId: 'r', targetItemId: 'i', timeoutMs: 90_000, model: 'm',
      action: { type: 'shell', sandboxPermissions: 'require_escalated' },
    });
    review.recordToolCall('shell');
    review.recordToolCall('web_search');
    const context = trace.getSpanContext(review.context())!;
    const links = [{ context, attributes: { a: 1, b: 2 } }, { context }];
    t.tracerProvider.getTracer('test').startSpan('linked', { links }).end();
    review.approve({ riskLevel: 'low', riskScore: 1 });
    await t.forceFlush();
    const [guardian, linked] = [spans.getFinishedSpans().find(s => s.name !== 'linked')!, spans.getFinishedSpans().find(s => s.name === 'linked')!];
    return { guardian, linked };
  }

  it('OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT limits the attributes a span keeps', async () => {
    process.env.OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT = '2';
    expect(Object.keys((await limitedSpans()).guardian.attributes)).toHaveLength(2);
  });

  it('OTEL_ATTRIBUTE_COUNT_LIMIT limits span attributes when OTEL_SPAN_ATTRIBUTE_COUNT_LIMIT is unset', async () => {
    process.env.OTEL_ATTRIBUTE_COUNT_LIMIT = '3';
    expect(Object.keys((await limitedSpans()).guardian.attributes)).toHaveLength(3);
  });

  it('OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT truncates attribute values', async () => {
    process.env.OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT = '4';
    expect((await limitedSpans()).guardian.attributes['gen_ai.conversation.id']).toBe(THREAD.threadId.slice(0, 4));
  });

  it('OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT truncates when OTEL_SPAN_ATTRIBUTE_VALUE_LENGTH_LIMIT is unset', async () => {
    process.env.OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT = '3';
    expect((await limitedSpans()).guardian.attributes['gen_ai.conversation.id']).toBe(THREAD.threadId.slice(0, 3));
  });

  it('OTEL_SPAN_ATTRIBUTE_PER_EVENT_COUNT_LIMIT limits the attributes of each event', async () => {
    process.env.OTEL_SPAN_ATTRIBUTE_PER_EVENT_COUNT_LIMIT = '0';
    expect((await limitedSpans()).guardian.events.map(event => Object.keys(event.attributes ?? {}).length)).toEqual([0, 0]);
  });

  it('OTEL_SPAN_LINK_COUNT_LIMIT limits the links a span keeps', async () => {
    process.env.OTEL_SPAN_LINK_COUNT_LIMIT = '1';
    expect((await limitedSpans()).linked.links).toHaveLength(1);
  });

  it('OTEL_SPAN_ATTRIBUTE_PER_LINK_COUNT_LIMIT limits the attributes of each link', async () => {
    process.env.OTEL_SPAN_ATTRIBUTE_PER_LINK_COUNT_LIMIT = '1';
    expect(Object.keys((await limitedSpans()).linked.links[0]?.attributes ?? {})).toHaveLength(1);
  });

  it('OTEL_LOGS_EXPORTER=console prints the rows as log records', async () => {
    process.env.OTEL_LOGS_EXPORTER = 'console';
    expect(await printedBy(() => run({ rowsAsOtlpLogs: true }))).toContain('codex_review_event');
  });

  it('rows as logs with a logs endpoint: no warning', async () => {
    process.env.OTEL_EXPORTER_OTLP_LOGS_ENDPOINT = `${endpoint}/v1/logs`;
    const logger = captureDiag();
    await run({ rowsAsOtlpLogs: true });
    expect(logger.warnings).toEqual([]);
  });

  it('OTEL_SDK_DISABLED=true with no rows asked for: no warning', async () => {
    process.env.OTEL_SDK_DISABLED = 'true';
    const logger = captureDiag();
    await run();
    expect(logger.warnings).toEqual([]);
  });

  it('a shutdown done within shutdownTimeoutMillis says nothing, then or later', async () => {
    const logger = captureDiag();
    await startReviewTelemetry({ shutdownOnExit: false, shutdownTimeoutMillis: 20 }).shutdown();
    await new Promise(resolve => setTimeout(resolve, 60));
    expect(logger.warnings).toEqual([]);
  });

  it('shutdown gives up after shutdownTimeoutMillis when an exporter never finishes, and says so', async () => {
    const logger = captureDiag();
    const stuck = { export: () => {}, shutdown: () => new Promise<void>(() => {}) };
    const t = startReviewTelemetry({ shutdownOnExit: false, spanExporters: [stuck], shutdownTimeoutMillis: 50 });
    await t.shutdown();
    expect(logger.warnings.join('\n')).toContain('shutdown did not finish within 50 ms');
  });
});

/*
 * Marker secrets planted in every content field, then every output scanned:
 * spans (attributes, events, status), rows, OTLP log records, metrics and
 * diag. With content off no marker appears anywhere; with content on the
 * content is there but no secret shape survives.
 */
import { DiagLogLevel, diag } from '@opentelemetry/api';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { InMemoryLogRecordExporter } from '@opentelemetry/sdk-logs';
import { TracerProvider, InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type GuardianReviewedActionInput,
  InMemoryRowSink,
  OtlpLogRowSink,
  ReviewEventProcessor,
  ReviewTracer,
} from '../src/index.js';
import { CapturingLogger } from './support/diagCapture.js';
import { ManualMetricReader, THREAD } from './pipeline.js';

/** A secret of a well-known shape around a marker; `n` keeps each field's own. */
const SHAPES = [
  (n: number) => `sk-MARKER${n}abcdefghijklmnop`,
  (n: number) => `ghp_MARKER${n}abcdefghijklmnopqrstu`,
  (n: number) => `Bearer MARKER${n}abcdefghij`,
  (n: number) => `password=MARKER${n}hunter2`,
  (n: number) => `https://admin:MARKER${n}@db.test`,
];
let fields = 0;
const secret = () => {
  const n = fields++;
  return `run ${SHAPES[n % SHAPES.length]?.(n)} now`;
};


function actions(): GuardianReviewedActionInput[] {
  const profile = () => ({ fileSystem: { read: [secret()], write: [secret()] }, network: { enabled: true } });
  return [
    { type: 'shell', sandboxPermissions: 'require_escalated', command: [secret(), secret()], commandDisplay: secret(), cwd: secret(), justification: secret(), additionalPermissions: profile() },
    { type: 'unified_exec', tty: true, sandboxPermissions: 'use_default', command: [secret()], commandDisplay: secret(), cwd: secret(), justification: secret() },
    { type: 'execve', source: 'shell', program: '/usr/bin/env', argv: [secret(), '--password', `MARKER${fields++}`, '-u', `root:MARKER${fields++}`], cwd: secret(), additionalPermissions: profile() },
    { type: 'apply_patch', cwd: secret(), files: [secret()], patch: secret() },
    { type: 'network_access', protocol: 'https', port: 443, target: secret(), host: secret() },
    { type: 'mcp_tool_call', server: 'github', toolName: 'create_issue', arguments: { body: secret(), nested: [secret()], password: `MARKER${fields++}`, auth: { api_key: `MARKER${fields++}` } } },
  ];
}

async function runEverything(recordContent: boolean) {
  const logs = new InMemoryLogRecordExporter();
  const rows = new InMemoryRowSink();
  const reader = new ManualMetricReader();
  const processor = new ReviewEventProcessor({
    recordContent,
    sinks: [rows, new OtlpLogRowSink({ exporter: logs })],
    meterProvider: new MeterProvider({ readers: [reader] }),
  });
  const spans = new InMemorySpanExporter();
  const provider = new TracerProvider({ spanProcessors: [processor, new SimpleSpanProcessor({ exporter: spans })] });
  const reviews = new ReviewTracer({ tracerProvider: provider, recordContent });
  for (const [index, action] of actions().entries()) {
    const item = reviews.startToolItem({ ...THREAD, itemId: `item-${index}`, kind: 'command_execution', toolName: 'shell', details: { scriptPath: secret() } });
    const review = reviews.startGuardianReview({ ...THREAD, reviewId: `review-${index}`, targetItemId: `item-${index}`, timeoutMs: 1000, action });
    if (index % 2 === 0) review.deny({ rationale: secret(), riskLevel: 'high' });
    else review.failClosed('parse_error', { error: new Error(secret()), rationale: secret() });
    item.finish({ status: 'declined', details: { scriptPath: secret() } });
  }
  reviews
    .startUserReview({ ...THREAD, requestId: 7, request: { kind: 'file_change', grantRoot: secret() } as never })
    .resolve('decline');
  // A hand-made span whose content has the wrong type (its own attributes are the app's, not scanned): the drop message must not quote it.
  provider
    .getTracer('hand-made')
    .startSpan('bad content', {
      attributes: {
        ...{ 'gen_ai.conversation.id': 't', 'agent_review.turn.id': 'u', 'agent_review.reviewer': 'guardian' },
        'agent_review.review.id': 'bad',
        'agent_review.guardian.timeout_ms': 10,
        'agent_review.action.type': 'shell',
        'agent_review.action.sandbox_permissions': 'use_default',
        'agent_review.content.recorded': true,
        'agent_review.action.command': secret(),
        'agent_review.guardian.assessment.outcome': 'allow',
      },
    })
    .end();
  await provider.forceFlush();
  const outputs = {
    spans: JSON.stringify(spans.getFinishedSpans().filter(span => span.name !== 'bad content').map(span => ({ name: span.name, attributes: span.attributes, events: span.events, status: span.status }))),
    rows: JSON.stringify(rows.getRows()),
    logs: JSON.stringify(logs.getFinishedLogRecords().map(record => ({ body: record.body, attributes: record.attributes, eventName: record.eventName }))),
    metrics: JSON.stringify((await reader.collect()).resourceMetrics),
  };
  await provider.shutdown();
  return outputs;
}

describe('privacy', () => {
  afterEach(() => diag.disable());

  it('writes no planted content to any output with content off', async () => {
    const logger = new CapturingLogger();
    diag.setLogger(logger, DiagLogLevel.ALL);
    const outputs = await runEverything(false);
    for (const [output, text] of Object.entries({ ...outputs, diag: logger.lines.join('\n') })) {
      expect({ output, markers: text.match(/MARKER\d+/g) ?? [] }).toEqual({ output, markers: [] });
    }
    expect(JSON.parse(outputs.rows)).toHaveLength(21);
  });

  it('writes no planted secret to any output with content on, and the content around it', async () => {
    const logger = new CapturingLogger();
    diag.setLogger(logger, DiagLogLevel.ALL);
    const outputs = await runEverything(true);
    for (const [output, text] of Object.entries({ ...outputs, diag: logger.lines.join('\n') })) {
      expect({ output, markers: text.match(/MARKER\d+/g) ?? [] }).toEqual({ output, markers: [] });
    }
    expect(outputs.rows).toContain('run [REDACTED] now');
    expect(outputs.spans).toContain('run [REDACTED] now');
    expect(outputs.logs).toContain('run [REDACTED] now');
  });
});

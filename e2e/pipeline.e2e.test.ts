/*
 * End to end through the real components: the demo's spans, metrics and rows
 * go over OTLP/HTTP to the Collector, which sends traces to Jaeger, metrics to
 * Prometheus (scrape) and rows to its file exporter. Each check goes through
 * the component's own API and compares with the rows the demo wrote to JSONL.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { ReviewRow } from '../src/index.js';
import * as A from '../src/semconv/attributes.js';
import {
  attribute,
  eventually,
  jaegerServices,
  jaegerSpans,
  type OtlpAttribute,
  type OtlpSpan,
  promQuery,
  promRange,
  promValue,
} from './queries.js';
import { PROMETHEUS_URL } from './globalSetup.js';

const e2e = inject('e2e');
const job = `job="${e2e.serviceName}"`;
const rows: ReviewRow[] = readFileSync(e2e.rowsFile, 'utf8')
  .split('\n')
  .filter(line => line.length > 0)
  .map(line => JSON.parse(line) as ReviewRow);
const reviews = rows.flatMap(r => (r.event_type === 'codex_review_event' ? [r.event_params] : []));
const guardian = rows.flatMap(r => (r.event_type === 'codex_guardian_review' ? [r.event_params] : []));
const items = rows.filter(r => r.event_type !== 'codex_review_event' && r.event_type !== 'codex_guardian_review');

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}\n${result.error?.message ?? ''}` };
}

describe('configuration checks', () => {
  it('the Collector validates collector-config.yaml', () => {
    const result = run(e2e.otelcol, ['validate', '--config=collector-config.yaml']);
    expect(result.status, result.output).toBe(0);
  });

  it('promtool accepts the Prometheus config and the alert rules', () => {
    const config = run(e2e.promtool, ['check', 'config', 'deploy/prometheus.yml']);
    expect(config.status, config.output).toBe(0);
    // Every rule of the file was read, however many it has.
    const alerts = parseYaml(readFileSync('deploy/alerts.yml', 'utf8')) as { groups: { rules: unknown[] }[] };
    const rules = alerts.groups.reduce((total, group) => total + group.rules.length, 0);
    expect(config.output).toContain(`SUCCESS: ${rules} rules found`);
  });

  it('the alert rules pass their promtool unit tests', () => {
    const result = run(e2e.promtool, ['test', 'rules', 'deploy/alerts.test.yml']);
    expect(result.status, result.output).toBe(0);
    expect(result.output).toMatch(/SUCCESS/);
  });
});

describe('the demo ran', () => {
  it('wrote rows of every kind to JSONL', () => {
    const types = new Set(rows.map(r => r.event_type));
    expect([...types].sort()).toEqual([
      'codex_collab_agent_tool_call_event',
      'codex_command_execution_event',
      'codex_control_tool_call_event',
      'codex_dynamic_tool_call_event',
      'codex_file_change_event',
      'codex_guardian_review',
      'codex_image_generation_event',
      'codex_mcp_tool_call_event',
      'codex_review_event',
      'codex_web_search_event',
    ]);
  });
});

describe('Jaeger', () => {
  let spans: OtlpSpan[];
  beforeAll(async () => {
    await eventually(async () => expect(await jaegerServices()).toContain(e2e.serviceName));
    spans = await eventually(async () => {
      const found = await jaegerSpans(e2e.serviceName, e2e.demoStartedAtMs - 2 * 3600_000, Date.now() + 60_000);
      expect(found.filter(s => s.name === 'invoke_agent guardian')).toHaveLength(guardian.length);
      return found;
    });
  });

  it('returns one guardian review span per guardian row, with its review id', () => {
    const ids = spans.filter(s => s.name === 'invoke_agent guardian').map(s => attribute(s.attributes, A.ATTR_REVIEW_ID));
    expect(ids.sort()).toEqual(guardian.map(g => g.review_id).sort());
  });

  it('returns one user review span per user review row', () => {
    const requestIds = spans
      .filter(s => s.name.startsWith('user_review '))
      .map(s => `user:${attribute(s.attributes, A.ATTR_REQUEST_ID)}`);
    expect(requestIds.sort()).toEqual(reviews.filter(r => r.reviewer === 'user').map(r => r.review_id).sort());
  });

  it('keeps the guardian events and attributes', () => {
    const withToolCalls = spans.find(
      s => s.name === 'invoke_agent guardian' && (s.events ?? []).some(e => e.name === A.EVENT_GUARDIAN_TOOL_CALL)
    );
    expect(withToolCalls).toBeDefined();
    const events = withToolCalls?.events ?? [];
    expect(events.some(e => e.name === A.EVENT_GUARDIAN_FIRST_TOKEN)).toBe(true);
    const kinds = events.filter(e => e.name === A.EVENT_GUARDIAN_TOOL_CALL).map(e => attribute(e.attributes, A.ATTR_TOOL_CALL_KIND));
    expect(kinds.every(kind => typeof kind === 'string' && kind.length > 0)).toBe(true);
    const attrs = withToolCalls?.attributes as OtlpAttribute[];
    expect(attribute(attrs, A.ATTR_GEN_AI_OPERATION_NAME)).toBe('invoke_agent');
    expect(attribute(attrs, A.ATTR_GEN_AI_REQUEST_MODEL)).toBe('gpt-5.4');
    expect(typeof attribute(attrs, A.ATTR_GEN_AI_RESPONSE_TIME_TO_FIRST_CHUNK)).toBe('number');
    expect(typeof attribute(attrs, A.ATTR_GEN_AI_USAGE_INPUT_TOKENS)).toBe('number');
    const row = guardian.find(g => g.review_id === attribute(attrs, A.ATTR_REVIEW_ID));
    expect(kinds).toHaveLength(row?.guardian_tool_call_count ?? -1);
  });

  it('nests item reviews under their tool item span, in one trace', () => {
    const byId = new Map(spans.map(s => [s.spanId, s]));
    const itemReviews = spans.filter(s => s.name === 'invoke_agent guardian' && attribute(s.attributes, A.ATTR_GEN_AI_TOOL_CALL_ID) !== undefined);
    expect(itemReviews.length).toBeGreaterThan(0);
    for (const review of itemReviews) {
      const parent = byId.get(review.parentSpanId ?? '');
      expect(parent?.name).toMatch(/^execute_tool /);
      expect(parent?.traceId).toBe(review.traceId);
      expect(attribute(parent?.attributes, A.ATTR_GEN_AI_TOOL_CALL_ID)).toBe(attribute(review.attributes, A.ATTR_GEN_AI_TOOL_CALL_ID));
    }
  });

  it('marks only fail-closed guardian reviews as errors', () => {
    // OTLP JSON spells the status code as a number (2) or its enum name.
    const isError = (span: OtlpSpan) => span.status?.code === 2 || span.status?.code === 'STATUS_CODE_ERROR';
    const errored = spans
      .filter(s => s.name === 'invoke_agent guardian' && isError(s))
      .map(s => attribute(s.attributes, A.ATTR_REVIEW_ID));
    expect(errored.length).toBeGreaterThan(0);
    expect(errored.sort()).toEqual(guardian.filter(g => g.terminal_status === 'failed_closed').map(g => g.review_id).sort());
  });
});

describe('Prometheus', () => {
  beforeAll(async () => {
    // The demo's last export lands a scrape or two after it exits.
    await eventually(async () => expect(await promValue(`sum(agent_review_processor_rows_total{${job}})`)).toBe(rows.length));
  });

  it('serves every instrument of ours', async () => {
    const names = (await promQuery(`count by (__name__) ({${job}, __name__=~"(agent_review|gen_ai)_.*"})`)).map(s => s.metric.__name__);
    for (const name of [
      'agent_review_reviews_total',
      'agent_review_review_duration_seconds_bucket',
      'agent_review_guardian_reviews_total',
      'agent_review_guardian_review_duration_seconds_bucket',
      'agent_review_guardian_time_to_first_token_seconds_bucket',
      'agent_review_guardian_token_usage_bucket',
      'agent_review_guardian_tool_calls_total',
      'gen_ai_client_token_usage_bucket',
      'gen_ai_client_operation_duration_seconds_bucket',
      'gen_ai_client_operation_time_to_first_chunk_seconds_bucket',
      'agent_review_tool_items_total',
      'agent_review_processor_spans_total',
      'agent_review_processor_rows_total',
      'agent_review_processor_rows_written_total',
      'agent_review_processor_rows_dropped_total',
      'agent_review_processor_state_evicted_total',
    ]) {
      expect(names, name).toContain(name);
    }
  });

  it('counts reviews by reviewer and status as the rows do', async () => {
    for (const reviewer of ['user', 'guardian']) {
      for (const status of ['approved', 'denied', 'aborted', 'timed_out']) {
        const value = await promValue(
          `sum(agent_review_reviews_total{${job}, agent_review_reviewer="${reviewer}", agent_review_review_status="${status}"})`
        );
        expect(value, `${reviewer} ${status}`).toBe(reviews.filter(r => r.reviewer === reviewer && r.status === status).length);
      }
    }
    expect(await promValue(`sum(agent_review_review_duration_seconds_count{${job}})`)).toBe(reviews.length);
  });

  it('holds the guardian figures the rows imply', async () => {
    for (const status of ['approved', 'denied', 'aborted', 'timed_out', 'failed_closed']) {
      expect(
        await promValue(`sum(agent_review_guardian_reviews_total{${job}, agent_review_guardian_terminal_status="${status}"})`),
        status
      ).toBe(guardian.filter(g => g.terminal_status === status).length);
    }
    const latencySum = guardian.reduce((s, g) => s + (g.guardian_completion_latency_ms ?? 0), 0) / 1000;
    expect(await promValue(`sum(agent_review_guardian_review_duration_seconds_sum{${job}})`)).toBeCloseTo(latencySum, 3);
    expect(await promValue(`sum(agent_review_guardian_time_to_first_token_seconds_count{${job}})`)).toBe(
      guardian.filter(g => g.guardian_time_to_first_token_ms !== null).length
    );
    for (const [type, field] of [
      ['input', 'input_tokens'],
      ['cached_input', 'cached_input_tokens'],
      ['output', 'output_tokens'],
      ['reasoning_output', 'reasoning_output_tokens'],
    ] as const) {
      expect(await promValue(`sum(agent_review_guardian_token_usage_sum{${job}, agent_review_token_type="${type}"})`), type).toBe(
        guardian.reduce((s, g) => s + (g[field] ?? 0), 0)
      );
    }
    expect(await promValue(`sum(agent_review_guardian_tool_calls_total{${job}})`)).toBe(
      guardian.reduce((s, g) => s + g.guardian_tool_call_count, 0)
    );
    expect(await promValue(`sum(gen_ai_client_operation_duration_seconds_count{${job}, gen_ai_agent_name="guardian"})`)).toBe(guardian.length);
  });

  it('counts tool items by final approval outcome and the rows written', async () => {
    const outcomes = new Map<string, number>();
    for (const item of items) {
      const outcome = (item.event_params as { final_approval_outcome: string }).final_approval_outcome;
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    for (const [outcome, count] of outcomes) {
      expect(
        await promValue(`sum(agent_review_tool_items_total{${job}, agent_review_item_final_approval_outcome="${outcome}"})`),
        outcome
      ).toBe(count);
    }
    // Two sinks: the JSONL file and the OTLP log records. A sink counts its
    // rows when its export completes, so the last count can trail the rows
    // produced by one metric export.
    await eventually(async () =>
      expect(await promValue(`sum(agent_review_processor_rows_written_total{${job}})`)).toBe(2 * rows.length)
    );
    expect(await promValue(`sum(agent_review_processor_rows_dropped_total{${job}})`)).toBe(0);
  });
});

describe("the Collector's file exporter", () => {
  interface LogRecord {
    eventName?: string;
    body?: { kvlistValue?: { values: OtlpAttribute[] } };
  }
  let records: LogRecord[];
  beforeAll(async () => {
    records = await eventually(async () => {
      expect(existsSync(e2e.collectorRowsFile)).toBe(true);
      const found = readFileSync(e2e.collectorRowsFile, 'utf8')
        .split('\n')
        .filter(line => line.length > 0)
        .flatMap(line => {
          const request = JSON.parse(line) as {
            resourceLogs: { resource?: { attributes?: OtlpAttribute[] }; scopeLogs: { logRecords: LogRecord[] }[] }[];
          };
          return request.resourceLogs
            .filter(rl => attribute(rl.resource?.attributes, 'service.name') === e2e.serviceName)
            .flatMap(rl => rl.scopeLogs.flatMap(sl => sl.logRecords));
        });
      expect(found).toHaveLength(rows.length);
      return found;
    });
  });

  it('holds every row the demo wrote to JSONL, by event type', () => {
    const count = (types: string[]) => {
      const counts: Record<string, number> = {};
      for (const type of types) counts[type] = (counts[type] ?? 0) + 1;
      return counts;
    };
    expect(count(records.map(r => r.eventName ?? ''))).toEqual(count(rows.map(r => r.event_type)));
  });

  it('holds the same review ids and item ids', () => {
    const ids = (type: string, key: string) =>
      records
        .filter(r => r.eventName === type)
        .map(r => attribute(r.body?.kvlistValue?.values, key))
        .sort();
    expect(ids('codex_review_event', 'review_id')).toEqual(reviews.map(r => r.review_id).sort());
    expect(ids('codex_guardian_review', 'review_id')).toEqual(guardian.map(g => g.review_id).sort());
    expect(ids('codex_command_execution_event', 'item_id')).toEqual(
      rows.filter(r => r.event_type === 'codex_command_execution_event').map(r => (r.event_params as { item_id: string }).item_id).sort()
    );
  });
});

describe('the Grafana dashboard', () => {
  const dashboard = JSON.parse(readFileSync('deploy/grafana/dashboards/agent-review.json', 'utf8')) as {
    panels: { title: string; targets: { expr: string }[] }[];
  };

  it.each(dashboard.panels.flatMap(panel => panel.targets.map(target => [panel.title, target.expr] as const)))(
    'panel "%s" gets data from Prometheus for %s',
    async (_title, expr) => {
      const query = expr.replaceAll('$job', e2e.serviceName).replaceAll('$__rate_interval', '1m');
      const series = await eventually(async () => {
        const result = await promRange(query, e2e.demoStartedAtMs, Date.now(), 2);
        const finite = result.flatMap(s => s.values).filter(([, v]) => Number.isFinite(Number(v)));
        expect(finite.length, query).toBeGreaterThan(0);
        return result;
      }, 20_000);
      expect(series.length).toBeGreaterThan(0);
    }
  );

  it('provisions the same Prometheus the tests queried, as the default of the datasource variable', () => {
    const datasources = parseYaml(readFileSync('deploy/grafana/provisioning/datasources/prometheus.yaml', 'utf8')) as {
      datasources: { type: string; url: string; isDefault: boolean }[];
    };
    const variable = (dashboard as unknown as { templating: { list: { name: string; type: string; query: string }[] } }).templating.list.find(
      v => v.type === 'datasource'
    );
    expect(datasources.datasources).toHaveLength(1);
    expect(datasources.datasources[0]).toMatchObject({ type: 'prometheus', url: PROMETHEUS_URL, isDefault: true });
    expect(variable?.query).toBe(datasources.datasources[0]?.type);
  });
});

describe('docker-compose.yaml', () => {
  // The file as `docker-compose config` (Debian's docker-compose) resolves it: validated, paths absolute.
  const config = run('docker-compose', ['--file', 'docker-compose.yaml', 'config']);
  const services = config.status === 0
    ? (parseYaml(config.output) as { services: Record<string, { image: string; volumes?: string[] }> }).services
    : {};
  const imageTag = (service: string) => services[service]?.image.split(':').at(-1);

  it('is accepted by docker-compose config', () => {
    expect(config.status, config.output).toBe(0);
    expect(Object.keys(services).sort()).toEqual(['grafana', 'jaeger', 'otel-collector', 'prometheus']);
  });

  it('mounts only files this e2e run exercised', () => {
    const exercised = new Set([
      'collector-config.yaml',
      'deploy/jaeger-config.yaml',
      'deploy/prometheus.yml',
      'deploy/alerts.yml',
      'deploy/grafana/dashboards',
      'deploy/grafana/provisioning',
    ]);
    const mounted = Object.values(services).flatMap(s => (s.volumes ?? []).map(v => relative(process.cwd(), v.split(':')[0] ?? '')));
    expect(mounted.length).toBeGreaterThan(0);
    for (const path of mounted) {
      if (path === 'out') continue;
      expect(exercised, path).toContain(path);
      expect(existsSync(path), path).toBe(true);
    }
  });

  it('runs the Collector version this e2e built', () => {
    expect(run(e2e.otelcol, ['--version']).output).toContain(` ${imageTag('otel-collector')}`);
  });

  it('runs the Jaeger version this e2e built', () => {
    expect(run(e2e.jaeger, ['version']).output).toContain(`v${imageTag('jaeger')}`);
  });

  it('runs the Prometheus version this e2e installed', () => {
    expect(run(e2e.prometheus, ['--version']).output).toContain(`version ${imageTag('prometheus')?.replace(/^v/, '')}`);
  });
});

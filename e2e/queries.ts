/* Small clients for the components' own HTTP APIs, with polling for eventual consistency. */
import { JAEGER_URL, PROMETHEUS_URL } from './globalSetup.js';

export interface PromSample {
  metric: Record<string, string>;
  value: [number, string];
}

export async function promQuery(query: string): Promise<PromSample[]> {
  const response = await fetch(`${PROMETHEUS_URL}/api/v1/query?query=${encodeURIComponent(query)}`);
  const body = (await response.json()) as { status: string; error?: string; data: { result: PromSample[] } };
  if (body.status !== 'success') throw new Error(`${query}: ${body.error}`);
  return body.data.result;
}

export async function promRange(query: string, startMs: number, endMs: number, stepSeconds: number) {
  const params = new URLSearchParams({
    query,
    start: String(startMs / 1000),
    end: String(endMs / 1000),
    step: String(stepSeconds),
  });
  const response = await fetch(`${PROMETHEUS_URL}/api/v1/query_range?${params}`);
  const body = (await response.json()) as {
    status: string;
    error?: string;
    data: { result: { metric: Record<string, string>; values: [number, string][] }[] };
  };
  if (body.status !== 'success') throw new Error(`${query}: ${body.error}`);
  return body.data.result;
}

/** The single value of a scalar-like query, 0 when it has no series. */
export async function promValue(query: string): Promise<number> {
  const result = await promQuery(query);
  return result.length === 0 ? 0 : Number(result[0]?.value[1]);
}

/** Polls until `check` stops throwing, then returns its value. */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise(resolve => setTimeout(resolve, 1000));
    }
  }
}

export interface OtlpAttribute {
  key: string;
  value: { stringValue?: string; intValue?: string; boolValue?: boolean; doubleValue?: number; arrayValue?: unknown; kvlistValue?: { values: OtlpAttribute[] } };
}

export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  attributes?: OtlpAttribute[];
  events?: { name: string; attributes?: OtlpAttribute[] }[];
  status?: { code?: number | string };
}

export async function jaegerServices(): Promise<string[]> {
  const response = await fetch(`${JAEGER_URL}/api/v3/services`);
  return ((await response.json()) as { services?: string[] }).services ?? [];
}

/** Every span of the service's traces in the window, via the v3 (OTLP JSON) API. */
export async function jaegerSpans(service: string, fromMs: number, toMs: number): Promise<OtlpSpan[]> {
  const params = new URLSearchParams({
    'query.service_name': service,
    'query.start_time_min': new Date(fromMs).toISOString(),
    'query.start_time_max': new Date(toMs).toISOString(),
    'query.num_traces': '1000',
  });
  const response = await fetch(`${JAEGER_URL}/api/v3/traces?${params}`);
  if (!response.ok) throw new Error(`Jaeger answered ${response.status}: ${await response.text()}`);
  const body = (await response.json()) as {
    result?: { resourceSpans?: { scopeSpans?: { spans?: OtlpSpan[] }[] }[] };
  };
  return (body.result?.resourceSpans ?? []).flatMap(rs => (rs.scopeSpans ?? []).flatMap(ss => ss.spans ?? []));
}

export function attribute(attributes: OtlpAttribute[] | undefined, key: string): unknown {
  const value = attributes?.find(a => a.key === key)?.value;
  if (value === undefined) return undefined;
  if (value.intValue !== undefined) return Number(value.intValue);
  return value.stringValue ?? value.boolValue ?? value.doubleValue ?? value.kvlistValue ?? value.arrayValue;
}

/*
 * An OtlpLogRowSink that talks OTLP/HTTP through the SDK's own exporter to a
 * loopback collector answering a script, with waits between attempts short
 * enough for tests.
 */
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { OtlpLogRowSink, type OtlpLogRowSinkOptions } from '../../src/index.js';
import { type Answer, type FlakyCollector, startFlakyCollector } from '../flakyCollector.js';

/** Waits of 10-30 ms after the first failure, at most 150 ms. */
export const FAST_RETRY = { initialIntervalMillis: 20, maxIntervalMillis: 100 };

export interface FlakyOtlpLogSink {
  sink: OtlpLogRowSink;
  collector: FlakyCollector;
}

/** `exporterTimeoutMillis` bounds each request of the exporter (a hanging answer ends after it). */
export async function flakyOtlpLogSink(
  script: Answer[] | { failUntilReleased: Answer },
  options: Partial<OtlpLogRowSinkOptions> = {},
  exporterTimeoutMillis = 2_000
): Promise<FlakyOtlpLogSink> {
  const collector = await startFlakyCollector(script);
  const exporter = new OTLPLogExporter({ url: collector.url, timeoutMillis: exporterTimeoutMillis });
  return { collector, sink: new OtlpLogRowSink({ exporter, retry: FAST_RETRY, ...options }) };
}

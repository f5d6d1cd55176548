/*
 * Every metric reader setup makes, built in this one place so that each
 * gets its own review metric producer: the readers OTEL_METRICS_EXPORTER names
 * (otlp and console push every OTEL_METRIC_EXPORT_INTERVAL, prometheus
 * serves a scrape endpoint), plus Prometheus when the caller asks for it.
 * sdk-node builds its env readers inside NodeSDK's constructor, with no
 * way to hand them producers, so they are built here the way it builds them.
 */
import { diag } from '@opentelemetry/api';
import { getNumberFromEnv, getStringFromEnv } from '@opentelemetry/core';
import { PrometheusExporter } from '@opentelemetry/exporter-prometheus';
import {
  ConsoleMetricExporter,
  type IMetricReader,
  type MetricProducer,
  PeriodicExportingMetricReader,
  type PushMetricExporter,
} from '@opentelemetry/sdk-metrics';
import { exporterNames, positiveNumberFromEnv, warnUnsupportedExporter } from './envSettings.js';
import { otlpMetricExporter } from './otlpExporters.js';

export interface MetricReaderOptions {
  /** See ReviewTelemetryOptions.otlpEndpoint. */
  otlpEndpoint?: string;
  /** Serve metrics for Prometheus to scrape, on top of what OTEL_METRICS_EXPORTER names. */
  prometheus?: { host?: string; port?: number };
  /** Push interval in ms; over OTEL_METRIC_EXPORT_INTERVAL. */
  metricExportIntervalMillis?: number;
}

export interface MetricReaders {
  readers: IMetricReader[];
  /** Where Prometheus can scrape, when one of the readers serves it. */
  prometheusUrl: string | undefined;
}

/** Interval and timeout as sdk-node sets them: 60 s and 30 s by default, the timeout never over the interval. */
function pushTiming(intervalOption: number | undefined): { exportIntervalMillis: number; exportTimeoutMillis: number } {
  const exportIntervalMillis = intervalOption ?? positiveNumberFromEnv('OTEL_METRIC_EXPORT_INTERVAL') ?? 60_000;
  const timeout = positiveNumberFromEnv('OTEL_METRIC_EXPORT_TIMEOUT') ?? 30_000;
  if (timeout > exportIntervalMillis) {
    diag.info(`agent-review-telemetry: metric export timeout ${timeout} ms is over the interval; using ${exportIntervalMillis} ms`);
  }
  return { exportIntervalMillis, exportTimeoutMillis: Math.min(timeout, exportIntervalMillis) };
}

/**
 * `metricProducer` makes the producer each reader collects from besides the
 * MeterProvider; it is called once per reader, with its exporter (the
 * temporality it asks for), since a delta producer keeps what it last
 * reported to its one reader.
 */
export function createMetricReaders(
  options: MetricReaderOptions,
  metricProducer: (exporter?: PushMetricExporter) => MetricProducer
): MetricReaders {
  const producers = (exporter?: PushMetricExporter) => [metricProducer(exporter)];
  const push = (exporter: PushMetricExporter) =>
    new PeriodicExportingMetricReader({
      exporter,
      metricProducers: producers(exporter),
      ...pushTiming(options.metricExportIntervalMillis),
    });
  const readers: IMetricReader[] = [];
  const names = exporterNames('metrics', options.otlpEndpoint !== undefined);
  for (const name of names) {
    if (name === 'otlp') readers.push(push(otlpMetricExporter(options.otlpEndpoint)));
    else if (name === 'console') readers.push(push(new ConsoleMetricExporter()));
    else if (name !== 'prometheus') warnUnsupportedExporter('metrics', name, ['otlp', 'console', 'prometheus']);
  }
  let prometheusUrl: string | undefined;
  if (options.prometheus !== undefined || names.includes('prometheus')) {
    // Loopback unless told otherwise (sdk-node's Prometheus listens on every interface).
    const host = options.prometheus?.host ?? getStringFromEnv('OTEL_EXPORTER_PROMETHEUS_HOST') ?? '127.0.0.1';
    const port = options.prometheus?.port ?? getNumberFromEnv('OTEL_EXPORTER_PROMETHEUS_PORT') ?? 9464;
    readers.push(new PrometheusExporter({ host, port, metricProducers: producers() }));
    prometheusUrl = `http://${host}:${port}/metrics`;
  }
  return { readers, prometheusUrl };
}

/* A span exporter that only counts, so the demo's BatchSpanProcessor has somewhere to go without a server. */
import { type ExportResult, ExportResultCode } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';

export class CountingSpanExporter implements SpanExporter {
  readonly byName = new Map<string, number>();

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    for (const span of spans) {
      const name = span.name.startsWith('execute_tool ') ? 'execute_tool {tool}' : span.name.startsWith('user_review ') ? 'user_review {request kind}' : span.name;
      this.byName.set(name, (this.byName.get(name) ?? 0) + 1);
    }
    resultCallback({ code: ExportResultCode.SUCCESS });
  }

  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

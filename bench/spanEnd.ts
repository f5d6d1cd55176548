/*
 * Time spent inside span.end(), which is what the agent waits for: the SDK
 * calls every span processor's onEnd synchronously in it. The helpers end
 * their spans through the span object the tracer gave them, so a tracer
 * provider view that wraps each span's end() with a clock sees exactly that
 * call, and nothing else of the lifecycle. Same wrapper in (a) and (b): the
 * difference of the two is what our processor adds to span.end().
 */
import type { Context, Span, SpanOptions, Tracer, TracerProvider as ApiTracerProvider } from '@opentelemetry/api';
import type { TracerProvider } from '@opentelemetry/sdk-trace';
import { checkMetrics } from './checks.js';
import { quantile } from './stats.js';
import {
  bareSdk,
  type Pipeline,
  type ProcessorOptions,
  runLifecycle,
  SPANS_PER_LIFECYCLE,
  withProcessor,
  yieldToLoop,
} from './workload.js';

/** Adds the wall time of every span.end() of the spans its tracers start to `ns`. */
class EndClock {
  ns = 0;

  readonly view = (sdk: TracerProvider): ApiTracerProvider => ({
    getTracer: (name, version, options) => this._tracer(sdk.getTracer(name, version, options)),
  });

  private _tracer(tracer: Tracer): Tracer {
    const clock = this;
    return {
      startSpan(name: string, options?: SpanOptions, context?: Context): Span {
        const span = tracer.startSpan(name, options, context);
        const end = span.end;
        span.end = endTime => {
          const from = performance.now();
          end.call(span, endTime);
          clock.ns += (performance.now() - from) * 1e6;
        };
        return span;
      },
      startActiveSpan: tracer.startActiveSpan.bind(tracer),
    };
  }
}

export interface SpanEndFigures {
  /** ns inside span.end() per lifecycle (3 spans), one value per lifecycle. */
  a: number[];
  b: number[];
  problems: string[];
}

/**
 * `lifecycles` per configuration per round, (a) and (b) alternating which
 * goes first; an event-loop turn every 200 lifecycles lets the batch
 * processors export, outside the clock.
 */
export async function measureSpanEnd(lifecycles: number, rounds: number, options: ProcessorOptions): Promise<SpanEndFigures> {
  const figures: SpanEndFigures = { a: [], b: [], problems: [] };
  let nextId = 2e9;
  for (let round = 0; round < rounds; round++) {
    const clocks = { a: new EndClock(), b: new EndClock() };
    const pipelines: Record<'a' | 'b', Pipeline> = {
      a: bareSdk(clocks.a.view),
      b: withProcessor(options, clocks.b.view),
    };
    for (const which of round % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const)) {
      const clock = clocks[which];
      const { reviews } = pipelines[which];
      for (let n = 0; n < lifecycles; n++) {
        const before = clock.ns;
        runLifecycle(reviews, nextId++);
        figures[which].push(clock.ns - before);
        if (n % 200 === 199) await yieldToLoop();
      }
    }
    const b = pipelines.b;
    await b.forceFlush();
    if (b.spanExporter.count !== lifecycles * SPANS_PER_LIFECYCLE) {
      figures.problems.push(`(span.end) exporter got ${b.spanExporter.count} spans of ${lifecycles * SPANS_PER_LIFECYCLE}`);
    }
    if (b.reader) figures.problems.push(...(await checkMetrics(`(span.end round ${round + 1})`, b.reader, { lifecycles })));
    await pipelines.a.shutdown();
    await b.shutdown();
  }
  return figures;
}

export const endQuantiles = (values: number[]) => ({
  median: quantile(values, 0.5),
  p90: quantile(values, 0.9),
  p99: quantile(values, 0.99),
});

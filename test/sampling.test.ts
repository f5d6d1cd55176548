/*
 * The SDK hands processors only recording spans. Sampled-out reviews make no
 * rows unless the sampler records them; createAlwaysRecordSampler does that
 * while export sampling stays as it was.
 */
import {
  createAlwaysRecordSampler,
  TracerProvider,
  InMemorySpanExporter,
  type Sampler,
  SimpleSpanProcessor,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace';
import { describe, expect, it } from 'vitest';
import { InMemoryRowSink, ReviewEventProcessor, ReviewTracer } from '../src/index.js';
import { THREAD } from './pipeline.js';

async function reviewWith(sampler: Sampler) {
  const sink = new InMemoryRowSink();
  const exported = new InMemorySpanExporter();
  const provider = new TracerProvider({
    sampler,
    spanProcessors: [new ReviewEventProcessor({ sinks: [sink] }), new SimpleSpanProcessor({ exporter: exported })],
  });
  const reviews = new ReviewTracer({ tracerProvider: provider });
  for (let i = 0; i < 10; i++) {
    reviews
      .startGuardianReview({ ...THREAD, reviewId: `g-${i}`, action: { type: 'apply_patch' }, timeoutMs: 1 })
      .approve();
  }
  await provider.forceFlush();
  const result = { rows: sink.getRows().length, exportedSpans: exported.getFinishedSpans().length };
  await provider.shutdown();
  return result;
}

describe('sampling', () => {
  it('loses the rows of sampled-out reviews with a plain ratio sampler', async () => {
    expect(await reviewWith(new TraceIdRatioBasedSampler(0))).toEqual({ rows: 0, exportedSpans: 0 });
  });

  it('keeps every row with createAlwaysRecordSampler while exporting only sampled spans', async () => {
    expect(await reviewWith(createAlwaysRecordSampler(new TraceIdRatioBasedSampler(0)))).toEqual({
      rows: 20,
      exportedSpans: 0,
    });
  });
});

/* The time an OTLP log record of a row carries: when its review or item completed, as each row kind states it. */
import { InMemoryLogRecordExporter } from '@opentelemetry/sdk-logs';
import { afterEach, describe, expect, it } from 'vitest';
import { OtlpLogRowSink, type ReviewRow } from '../src/index.js';
import { createPipeline, ms, type Pipeline, THREAD } from './pipeline.js';
import { exportRows } from './rowFixtures.js';

let pipeline: Pipeline;
afterEach(() => pipeline.shutdown());

/** The epoch milliseconds of each row's log record, by event type. */
async function recordMillis(rows: ReviewRow[]): Promise<Record<string, number>> {
  const exporter = new InMemoryLogRecordExporter();
  const sink = new OtlpLogRowSink({ exporter });
  await exportRows(sink, rows);
  await sink.forceFlush();
  const millis = exporter.getFinishedLogRecords().map(record => {
    const [seconds, nanos] = record.hrTime;
    return [record.eventName as string, seconds * 1000 + nanos / 1e6] as const;
  });
  await sink.shutdown();
  return Object.fromEntries(millis);
}

/** A guardian review (started at 10.2 s, ended at 12.7 s) of a command that ran until 15 s, and its rows. */
async function guardianLifecycleRows(): Promise<ReviewRow[]> {
  pipeline = createPipeline();
  const item = pipeline.reviews.startToolItem({ ...THREAD, itemId: 'c1', kind: 'command_execution', toolName: 'shell', startTime: ms(10_000) });
  pipeline.reviews
    .startGuardianReview({
      ...THREAD,
      reviewId: 'g1',
      targetItemId: 'c1',
      action: { type: 'shell', sandboxPermissions: 'use_default' },
      timeoutMs: 90_000,
      startTime: ms(10_200),
    })
    .approve({ endTime: ms(12_700) });
  item.finish({ status: 'completed', endTime: ms(15_000) });
  return pipeline.rows();
}

describe('row completion time', () => {
  it("is the guardian row's whole completed_at second, the review event's and the item's milliseconds", async () => {
    expect(await recordMillis(await guardianLifecycleRows())).toEqual({
      codex_guardian_review: 12_000,
      codex_review_event: 12_700,
      codex_command_execution_event: 15_000,
    });
  });

  it("is the guardian row's started_at second when it has no completed_at", async () => {
    const rows = await guardianLifecycleRows();
    const guardian = rows.find(row => row.event_type === 'codex_guardian_review') as ReviewRow;
    (guardian.event_params as { completed_at: number | null }).completed_at = null;
    expect((await recordMillis([guardian])).codex_guardian_review).toBe(10_000);
  });
});

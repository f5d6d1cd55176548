/* The figures and tables of `summarize`, from rows of known values. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReviewRow } from '../src/index.js';
import { processorRows } from './cliRun.js';
import { percentile, rowsSummary, summarize } from './support/internals.js';

let rows: ReviewRow[];
let guardianWithout: ReviewRow[];
beforeAll(async () => {
  const made = await processorRows();
  const guardianRow = made.find(row => row.event_type === 'codex_guardian_review')!;
  const reviewRow = made.find(row => row.event_type === 'codex_review_event')!;
  const guardian = (latency: number | null, ttft: number | null, tokens: number | null, terminal: string) =>
    ({
      ...guardianRow,
      event_params: {
        ...guardianRow.event_params,
        guardian_completion_latency_ms: latency,
        guardian_time_to_first_token_ms: ttft,
        total_tokens: tokens,
        terminal_status: terminal,
      },
    }) as ReviewRow;
  const review = (reviewer: string, status: string) =>
    ({ ...reviewRow, event_params: { ...reviewRow.event_params, reviewer, status } }) as ReviewRow;
  rows = [
    review('user', 'denied'),
    review('user', 'approved'),
    review('guardian', 'denied'),
    review('user', 'approved'),
    guardian(2000, 200, 10, 'approved'),
    guardian(1000, 100, 5, 'failed_closed'),
    guardian(null, null, null, 'timed_out'),
    guardian(4000, 300, 20, 'denied'),
  ];
  guardianWithout = [guardian(null, null, null, 'timed_out'), guardian(null, null, null, 'timed_out'), guardian(3000, 300, 1, 'approved')];
});

describe('percentile', () => {
  it('is the nearest-rank value, none for no values', () => {
    const values = [5, 1, 3, 2, 4];
    expect([0, 20, 21, 50, 95, 100].map(p => percentile(values, p))).toEqual([1, 1, 2, 3, 5, 5]);
    expect(percentile([], 50)).toBeNull();
    expect(values).toEqual([5, 1, 3, 2, 4]);
  });
});

describe('rowsSummary', () => {
  it('counts rows by kind and reviews by reviewer and status, sorted, with the guardian figures', () => {
    expect(rowsSummary(rows)).toEqual({
      rowsByEventType: { codex_guardian_review: 4, codex_review_event: 4 },
      reviewsByReviewerAndStatus: [
        { reviewer: 'guardian', status: 'denied', reviews: 1 },
        { reviewer: 'user', status: 'approved', reviews: 2 },
        { reviewer: 'user', status: 'denied', reviews: 1 },
      ],
      guardian: {
        reviews: 4,
        failedClosed: 1,
        timedOut: 1,
        latencyMs: { p50: 2000, p95: 4000 },
        timeToFirstTokenMs: { p50: 200, p95: 300 },
        tokens: 35,
      },
    });
    expect(Object.keys(rowsSummary(rows).rowsByEventType)).toEqual(['codex_guardian_review', 'codex_review_event']);
  });

  it('takes latency and first-token percentiles over the guardian reviews that have them only', () => {
    const { latencyMs, timeToFirstTokenMs } = rowsSummary(guardianWithout).guardian;
    expect({ latencyMs, timeToFirstTokenMs }).toEqual({ latencyMs: { p50: 3000, p95: 3000 }, timeToFirstTokenMs: { p50: 300, p95: 300 } });
  });
});

describe('summarize', () => {
  it('prints three aligned tables', () => {
    expect(summarize(rows)).toBe(
      [
        'rows by event_type     rows',
        '---------------------  ----',
        'codex_guardian_review     4',
        'codex_review_event        4',
        '',
        'reviewer  status    reviews',
        '--------  --------  -------',
        'guardian  denied          1',
        'user      approved        2',
        'user      denied          1',
        '',
        'guardian               value',
        '---------------------  ---------------',
        'reviews                4',
        'failed closed          1 (25.0%)',
        'timed out              1',
        'latency p50 / p95      2.00 s / 4.00 s',
        'first token p50 / p95  0.20 s / 0.30 s',
        'tokens                 35',
      ].join('\n')
    );
  });

  it('prints dashes for figures there are no values for', () => {
    expect(summarize([])).toContain('failed closed          0 (0.0%)\ntimed out              0\nlatency p50 / p95      - / -\n');
  });
});

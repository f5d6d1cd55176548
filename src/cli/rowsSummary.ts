/* What a set of rows says: counts by kind, reviewer and status, and the guardian's figures. */
import type { ReviewRow } from '../index.js';

export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))] as number;
}

function table(headers: string[], rows: (string | number)[][]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map(r => String(r[i]).length)));
  const line = (cells: (string | number)[]) =>
    cells.map((c, i) => (typeof c === 'number' ? String(c).padStart(widths[i] as number) : String(c).padEnd(widths[i] as number))).join('  ');
  return [line(headers), widths.map(w => '-'.repeat(w)).join('  '), ...rows.map(line)]
    .map(text => text.trimEnd())
    .join('\n');
}

function countBy<T>(items: T[], key: (item: T) => string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return new Map([...counts].sort(([a], [b]) => a.localeCompare(b)));
}

const seconds = (ms: number | null) => (ms === null ? '-' : `${(ms / 1000).toFixed(2)} s`);

/** The figures, for machines (`summarize --json`). */
export interface RowsSummary {
  rowsByEventType: Record<string, number>;
  reviewsByReviewerAndStatus: { reviewer: string; status: string; reviews: number }[];
  guardian: {
    reviews: number;
    failedClosed: number;
    timedOut: number;
    latencyMs: { p50: number | null; p95: number | null };
    timeToFirstTokenMs: { p50: number | null; p95: number | null };
    tokens: number;
  };
}

export function rowsSummary(rows: ReviewRow[]): RowsSummary {
  const reviews = rows.flatMap(row => (row.event_type === 'codex_review_event' ? [row.event_params] : []));
  const guardian = rows.flatMap(row => (row.event_type === 'codex_guardian_review' ? [row.event_params] : []));
  const latencies = guardian.flatMap(g => (g.guardian_completion_latency_ms === null ? [] : [g.guardian_completion_latency_ms]));
  const ttfts = guardian.flatMap(g => (g.guardian_time_to_first_token_ms === null ? [] : [g.guardian_time_to_first_token_ms]));
  return {
    rowsByEventType: Object.fromEntries(countBy(rows, row => row.event_type)),
    reviewsByReviewerAndStatus: [...countBy(reviews, r => `${r.reviewer}\u0000${r.status}`)].map(([key, n]) => {
      const [reviewer, status] = key.split('\u0000') as [string, string];
      return { reviewer, status, reviews: n };
    }),
    guardian: {
      reviews: guardian.length,
      failedClosed: guardian.filter(g => g.terminal_status === 'failed_closed').length,
      timedOut: guardian.filter(g => g.terminal_status === 'timed_out').length,
      latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95) },
      timeToFirstTokenMs: { p50: percentile(ttfts, 50), p95: percentile(ttfts, 95) },
      tokens: guardian.reduce((sum, g) => sum + (g.total_tokens ?? 0), 0),
    },
  };
}

/** The figures as the demo prints them: three tables. */
export function summarize(rows: ReviewRow[]): string {
  const summary = rowsSummary(rows);
  const { guardian } = summary;
  return [
    table(['rows by event_type', 'rows'], Object.entries(summary.rowsByEventType)),
    '',
    table(
      ['reviewer', 'status', 'reviews'],
      summary.reviewsByReviewerAndStatus.map(r => [r.reviewer, r.status, r.reviews])
    ),
    '',
    table(
      ['guardian', 'value'],
      [
        ['reviews', String(guardian.reviews)],
        ['failed closed', `${guardian.failedClosed} (${((100 * guardian.failedClosed) / Math.max(1, guardian.reviews)).toFixed(1)}%)`],
        ['timed out', String(guardian.timedOut)],
        ['latency p50 / p95', `${seconds(guardian.latencyMs.p50)} / ${seconds(guardian.latencyMs.p95)}`],
        ['first token p50 / p95', `${seconds(guardian.timeToFirstTokenMs.p50)} / ${seconds(guardian.timeToFirstTokenMs.p95)}`],
        ['tokens', String(guardian.tokens)],
      ]
    ),
  ].join('\n');
}

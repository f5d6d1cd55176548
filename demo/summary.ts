/* The demo's closing report, computed from the rows it wrote. */
import type { ReviewRow } from '../src/index.js';

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

export function summarize(rows: ReviewRow[]): string {
  const byType = countBy(rows, row => row.event_type);
  const reviews = rows.flatMap(row => (row.event_type === 'codex_review_event' ? [row.event_params] : []));
  const guardian = rows.flatMap(row => (row.event_type === 'codex_guardian_review' ? [row.event_params] : []));
  const reviewerStatus = countBy(reviews, r => `${r.reviewer}\u0000${r.status}`);
  const latencies = guardian.flatMap(g => (g.guardian_completion_latency_ms === null ? [] : [g.guardian_completion_latency_ms]));
  const ttfts = guardian.flatMap(g => (g.guardian_time_to_first_token_ms === null ? [] : [g.guardian_time_to_first_token_ms]));
  const failedClosed = guardian.filter(g => g.terminal_status === 'failed_closed').length;
  const timedOut = guardian.filter(g => g.terminal_status === 'timed_out').length;
  const tokens = guardian.reduce((sum, g) => sum + (g.total_tokens ?? 0), 0);
  return [
    table(['rows by event_type', 'rows'], [...byType].map(([type, n]) => [type, n])),
    '',
    table(
      ['reviewer', 'status', 'reviews'],
      [...reviewerStatus].map(([key, n]) => [...(key.split('\u0000') as [string, string]), n])
    ),
    '',
    table(
      ['guardian', 'value'],
      [
        ['reviews', String(guardian.length)],
        ['failed closed', `${failedClosed} (${((100 * failedClosed) / Math.max(1, guardian.length)).toFixed(1)}%)`],
        ['timed out', String(timedOut)],
        ['latency p50 / p95', `${seconds(percentile(latencies, 50))} / ${seconds(percentile(latencies, 95))}`],
        ['first token p50 / p95', `${seconds(percentile(ttfts, 50))} / ${seconds(percentile(ttfts, 95))}`],
        ['tokens', String(tokens)],
      ]
    ),
  ].join('\n');
}

/*
 * Our rows against the rows Codex itself sent, field by field. Rows are
 * paired by their ids; every field both rows have is compared (Codex's
 * renamed guardian fields under our names), except the documented
 * differences below, which are counted and listed instead. Times may differ
 * by a tolerance (a client's answer is seen by the proxy, not the server).
 */
import { isDeepStrictEqual } from 'node:util';

export interface AnalyticsRow {
  event_type: string;
  event_params: Record<string, unknown>;
}

/** The event types compared. */
export const COMPARED_EVENT_TYPES = [
  'codex_review_event',
  'codex_guardian_review',
  'codex_command_execution_event',
  'codex_file_change_event',
] as const;

/** Codex 0.169.0's `codex_guardian_review` names → seed 000's. */
export const GUARDIAN_FIELD_RENAMES: Record<string, string> = {
  failure_reason: 'failure_kind',
  time_to_first_token_ms: 'guardian_time_to_first_token_ms',
  completion_latency_ms: 'guardian_completion_latency_ms',
  tool_call_count: 'guardian_tool_call_count',
};

const TOOL_ITEM_DIFFERENCES: Record<string, string> = {
  originating_response_id: 'the model response ids are not in the app-server stream',
  subsequent_response_id: 'the model response ids are not in the app-server stream',
  command_execution_source:
    'Codex 0.169.0 writes the app-server enum (unifiedExecStartup); we keep the schema spelling (unified_exec_startup)',
};

const NOT_STREAMED = 'the guardian sub-session is not streamed to clients';

/** Fields that differ by design, per event type, with the reason. */
export const DIFFERENT_BY_DESIGN: Record<string, Record<string, string>> = {
  codex_review_event: {},
  codex_command_execution_event: TOOL_ITEM_DIFFERENCES,
  codex_file_change_event: TOOL_ITEM_DIFFERENCES,
  codex_guardian_review: {
    reviewed_action:
      'the stream carries neither sandbox_permissions nor tty of a command; we record unknown / false',
    guardian_thread_id: NOT_STREAMED,
    guardian_session_kind: NOT_STREAMED,
    guardian_model: NOT_STREAMED,
    guardian_reasoning_effort: NOT_STREAMED,
    had_prior_review_context: NOT_STREAMED,
    guardian_time_to_first_token_ms: NOT_STREAMED,
    guardian_completion_latency_ms:
      'Codex times the guardian model call, which is not streamed; we time the review from start to completion',
    guardian_tool_call_count: `${NOT_STREAMED} (Codex 0.169.0 sends null, seed 000 a count)`,
    input_tokens: NOT_STREAMED,
    cached_input_tokens: NOT_STREAMED,
    output_tokens: NOT_STREAMED,
    reasoning_output_tokens: NOT_STREAMED,
    total_tokens: NOT_STREAMED,
  },
};

const TIME_FIELDS = new Set(['started_at_ms', 'completed_at_ms', 'duration_ms']);

export interface FieldMismatch {
  eventType: string;
  key: string;
  field: string;
  codex: unknown;
  ours: unknown;
}

export interface RowComparison {
  rowsCompared: number;
  fieldsCompared: number;
  mismatches: FieldMismatch[];
  /** Field → in how many pairs it was left out by design, and in how many of those it differed. */
  differentByDesign: Map<string, { pairs: number; differing: number }>;
  /** Codex rows we have no row for, and our rows Codex has none for. */
  missing: string[];
  unexpected: string[];
  /** `event_type.field` of Codex's rows that our row lacks and NOT_IN_OUR_ROWS does not list. */
  absentFields: string[];
  /** The largest difference of a compared time field, in ms. */
  maxTimeDeltaMs: number;
}

/**
 * Fields of Codex 0.169.0's rows that our rows do not have, by design (the
 * seed's field set, or facts the app-server stream does not carry);
 * docs/codex.md lists them. Any other field Codex sends that our row lacks
 * is reported, so dropping a field from our rows cannot pass unnoticed.
 */
export const NOT_IN_OUR_ROWS: Readonly<Record<string, readonly string[]>> = {
  codex_command_execution_event: [
    'model_slug',
    'reasoning_effort',
    'root_turn_id',
    'sandbox_backend',
    'tool_event_type',
  ],
  codex_file_change_event: [
    'root_turn_id',
    'tool_event_type',
  ],
  codex_guardian_review: [
    'app_server_client',
    'approval_request_source',
    'attempt_count',
    'cache_write_input_tokens',
    'guardian_catalog_contains_auto_review',
    'guardian_context_mode',
    'guardian_default_review_model_id',
    'guardian_model_provider_id',
    'guardian_review_model_overridden',
    'guardian_review_model_override',
    'outcome',
    'runtime',
    'session_id',
    'user_authorization',
  ],
};

function rowKey(row: AnalyticsRow): string {
  const p = row.event_params;
  if (row.event_type === 'codex_review_event' || row.event_type === 'codex_guardian_review') {
    return `${row.event_type} ${String(p.review_id)}`;
  }
  return `${row.event_type} ${String(p.thread_id)}/${String(p.turn_id)}/${String(p.item_id)}`;
}

function normalised(row: AnalyticsRow): Record<string, unknown> {
  if (row.event_type !== 'codex_guardian_review') return row.event_params;
  const params: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(row.event_params)) {
    params[GUARDIAN_FIELD_RENAMES[field] ?? field] = value;
  }
  return params;
}

function compared(rows: AnalyticsRow[]): Map<string, AnalyticsRow> {
  const byKey = new Map<string, AnalyticsRow>();
  for (const row of rows) {
    if ((COMPARED_EVENT_TYPES as readonly string[]).includes(row.event_type)) byKey.set(rowKey(row), row);
  }
  return byKey;
}

export function compareRows(
  codexRows: AnalyticsRow[],
  ourRows: AnalyticsRow[],
  toleranceMs: number
): RowComparison {
  const result: RowComparison = {
    rowsCompared: 0,
    fieldsCompared: 0,
    mismatches: [],
    differentByDesign: new Map(),
    missing: [],
    unexpected: [],
    absentFields: [],
    maxTimeDeltaMs: 0,
  };
  const absent = new Set<string>();
  const ours = compared(ourRows);
  for (const [key, codexRow] of compared(codexRows)) {
    const ourRow = ours.get(key);
    ours.delete(key);
    if (ourRow === undefined) {
      result.missing.push(key);
      continue;
    }
    result.rowsCompared++;
    const codex = normalised(codexRow);
    const mine = normalised(ourRow);
    const byDesign = DIFFERENT_BY_DESIGN[codexRow.event_type] ?? {};
    for (const field of Object.keys(codex)) {
      if (!(field in mine)) {
        if (!(NOT_IN_OUR_ROWS[codexRow.event_type] ?? []).includes(field)) absent.add(`${codexRow.event_type}.${field}`);
        continue;
      }
      if (field in byDesign) {
        const tally = result.differentByDesign.get(field) ?? { pairs: 0, differing: 0 };
        tally.pairs++;
        if (!isDeepStrictEqual(codex[field], mine[field])) tally.differing++;
        result.differentByDesign.set(field, tally);
        continue;
      }
      result.fieldsCompared++;
      const a = codex[field];
      const b = mine[field];
      const timed = TIME_FIELDS.has(field) && typeof a === 'number' && typeof b === 'number';
      if (timed) result.maxTimeDeltaMs = Math.max(result.maxTimeDeltaMs, Math.abs(a - b));
      const equal = timed ? Math.abs(a - b) <= toleranceMs : isDeepStrictEqual(a, b);
      if (!equal) result.mismatches.push({ eventType: codexRow.event_type, key, field, codex: a, ours: b });
    }
  }
  result.unexpected.push(...ours.keys());
  result.absentFields.push(...absent);
  return result;
}

/** The comparison as a printable table. */
export function formatComparison(comparison: RowComparison): string {
  const lines = [
    `rows compared       ${comparison.rowsCompared}`,
    `fields compared     ${comparison.fieldsCompared}`,
    `mismatches          ${comparison.mismatches.length}`,
    `codex rows missing  ${comparison.missing.length}`,
    `our rows unexpected ${comparison.unexpected.length}`,
    `fields we lack      ${comparison.absentFields.length}`,
    `max time delta      ${comparison.maxTimeDeltaMs} ms`,
  ];
  for (const m of comparison.mismatches) {
    lines.push(`  mismatch ${m.key} ${m.field}: codex ${JSON.stringify(m.codex)} ours ${JSON.stringify(m.ours)}`);
  }
  for (const key of comparison.missing) lines.push(`  missing ${key}`);
  for (const key of comparison.unexpected) lines.push(`  unexpected ${key}`);
  for (const field of comparison.absentFields) lines.push(`  we lack ${field}`);
  const design = [...comparison.differentByDesign].map(
    ([field, t]) => `${field} (${t.differing}/${t.pairs} differ)`
  );
  if (design.length > 0) lines.push(`different by design (not compared): ${design.join(', ')}`);
  return lines.join('\n');
}

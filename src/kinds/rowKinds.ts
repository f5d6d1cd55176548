/*
 * The registry of row kinds, in the order the processor asks them to
 * recognise a span: the first that does maps it.
 */
import type { ReviewRow } from '../rows/ReviewRow.js';
import { guardianReviewKind } from './guardianReviewKind.js';
import type { RowKind } from './RowKind.js';
import { toolItemKind } from './toolItemKind.js';
import { userReviewKind } from './userReviewKind.js';

export const ROW_KINDS: readonly RowKind[] = [
  guardianReviewKind as RowKind,
  userReviewKind as RowKind,
  toolItemKind as RowKind,
];

/** The first kind that lists an event type answers for its rows (a guardian review's kind also yields review events). */
const KIND_BY_EVENT_TYPE = new Map<string, RowKind>();
for (const kind of ROW_KINDS) {
  for (const eventType of kind.eventTypes) if (!KIND_BY_EVENT_TYPE.has(eventType)) KIND_BY_EVENT_TYPE.set(eventType, kind);
}

/** The kind that recognises a span with these attributes, if any. */
export function rowKindOf(attributes: Parameters<RowKind['recognises']>[0]): RowKind | undefined {
  for (const kind of ROW_KINDS) if (kind.recognises(attributes)) return kind;
  return undefined;
}

/** Epoch milliseconds at which a row's review or item completed; undefined for a row no kind makes, or a time that is no time. */
export function rowCompletedAtMillis(row: ReviewRow): number | undefined {
  const millis = KIND_BY_EVENT_TYPE.get(row.event_type)?.completedAtMillis(row);
  return Number.isSafeInteger(millis) ? millis : undefined;
}

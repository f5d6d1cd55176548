/* Tool item spans → one tool item row each, with the reviews seen for the item. */
import { mapToolItemSpan, type ToolItemMapping } from '../mapping/mapToolItemSpan.js';
import type { ToolItemRow } from '../rows/toolItemRows.js';
import { TOOL_ITEM_EVENT_TYPES } from '../rows/toolItemRows.js';
import { TOOL_ITEM_ATTRIBUTES } from '../schema/toolItemAttributes.js';
import { USER_REVIEW_ATTRIBUTES } from '../schema/userReviewAttributes.js';
import type { RowKind } from './RowKind.js';

const REVIEWER = USER_REVIEW_ATTRIBUTES.reviewer.key;
const ITEM_KIND = TOOL_ITEM_ATTRIBUTES.kind.key;

export const toolItemKind: RowKind<ToolItemMapping> = {
  spanType: 'tool_item',
  eventTypes: Object.values(TOOL_ITEM_EVENT_TYPES),
  rowsPerSpan: 1,
  recognises: attributes => attributes[REVIEWER] === undefined && attributes[ITEM_KIND] !== undefined,
  map: mapToolItemSpan,
  // An item is emitted once: its reviews leave the waiting state with it.
  join: (mapping, items) => {
    const summary = items.take(mapping.itemKey);
    if (summary === undefined) return;
    const item = mapping.row.event_params;
    item.review_count = summary.reviewCount;
    item.guardian_review_count = summary.guardianReviewCount;
    item.user_review_count = summary.userReviewCount;
    item.final_approval_outcome = summary.finalApprovalOutcome;
    item.requested_additional_permissions = summary.requestedAdditionalPermissions;
    item.requested_network_access = summary.requestedNetworkAccess;
  },
  rows: mapping => [mapping.row],
  record: (mapping, metrics) => metrics.recordToolItem(mapping.row.event_params, mapping.kind),
  completedAtMillis: row => (row as ToolItemRow).event_params.completed_at_ms,
};

/* One analytics row, `{event_type, event_params}`, of any kind. */
import type { GuardianReviewRow } from './guardianReviewRow.js';
import type { ReviewEventRow } from './reviewEventRow.js';
import type { ToolItemRow } from './toolItemRows.js';

/** A row of any kind: guardian review, review event or tool item. */
export type ReviewRow = GuardianReviewRow | ReviewEventRow | ToolItemRow;

/* One analytics row, `{event_type, event_params}`, of any kind. */
import type { GuardianReviewRow } from './guardianReviewRow.js';
import type { ReviewEventRow } from './reviewEventRow.js';
import type { ToolItemRow } from './toolItemRows.js';

export type ReviewRow = GuardianReviewRow | ReviewEventRow | ToolItemRow;

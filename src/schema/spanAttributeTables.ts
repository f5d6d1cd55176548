/*
 * The attribute tables of each kind of span, in one list: what the span
 * model documentation is generated from, and what anything that must know
 * every attribute (the content rule, schemas) walks.
 */
import type { AttributeTable } from './AttributeDefinition.js';
import { APP_SERVER_CLIENT_ATTRIBUTES, RUNTIME_ATTRIBUTES } from './appServerAttributes.js';
import { GUARDIAN_ACTION_ATTRIBUTES } from './guardianActionAttributes.js';
import {
  GUARDIAN_ASSESSMENT_ATTRIBUTES,
  GUARDIAN_REVIEW_ATTRIBUTES,
  GUARDIAN_SESSION_ATTRIBUTES,
  GUARDIAN_TOOL_CALL_COUNT_ATTRIBUTES,
  GUARDIAN_USAGE_ATTRIBUTES,
} from './guardianReviewAttributes.js';
import { THREAD_ATTRIBUTES } from './threadAttributes.js';
import { TOOL_ITEM_ATTRIBUTES } from './toolItemAttributes.js';
import { TOOL_ITEM_DETAIL_ATTRIBUTES } from './toolItemDetailAttributes.js';
import { USER_REVIEW_ATTRIBUTES } from './userReviewAttributes.js';

export interface SpanAttributeTables {
  /** `thread`, `tool_item`, `user_review` or `guardian_review`. */
  readonly id: string;
  readonly title: string;
  /** Each table with the helper options object its `option` names a property of. */
  readonly tables: readonly {
    readonly options: string;
    readonly definitions: AttributeTable;
  }[];
}

export const SPAN_ATTRIBUTE_TABLES: readonly SpanAttributeTables[] = [
  {
    id: 'thread',
    title: 'On every span of ours',
    tables: [
      { options: 'ThreadContext', definitions: THREAD_ATTRIBUTES },
      { options: 'ThreadContext.appServerClient', definitions: APP_SERVER_CLIENT_ATTRIBUTES },
      { options: 'ThreadContext.runtime', definitions: RUNTIME_ATTRIBUTES },
    ],
  },
  {
    id: 'tool_item',
    title: 'Tool item: `execute_tool {tool name}`',
    tables: [
      { options: 'ToolItemStartOptions, ToolItemFinishOptions', definitions: TOOL_ITEM_ATTRIBUTES },
      { options: 'ToolItemDetails', definitions: TOOL_ITEM_DETAIL_ATTRIBUTES },
    ],
  },
  {
    id: 'user_review',
    title: 'User review: `user_review {request kind}`',
    tables: [{ options: 'UserReviewStartOptions, UserReviewSpan', definitions: USER_REVIEW_ATTRIBUTES }],
  },
  {
    id: 'guardian_review',
    title: 'Guardian review: `invoke_agent guardian`',
    tables: [
      { options: 'GuardianReviewStartOptions, GuardianReviewSpan', definitions: GUARDIAN_REVIEW_ATTRIBUTES },
      { options: 'GuardianSessionInfo', definitions: GUARDIAN_SESSION_ATTRIBUTES },
      { options: 'GuardianReviewedActionInput', definitions: GUARDIAN_ACTION_ATTRIBUTES },
      { options: 'GuardianTokenUsage', definitions: GUARDIAN_USAGE_ATTRIBUTES },
      { options: 'GuardianAssessment', definitions: GUARDIAN_ASSESSMENT_ATTRIBUTES },
      { options: 'GuardianReviewSpan', definitions: GUARDIAN_TOOL_CALL_COUNT_ATTRIBUTES },
    ],
  },
];

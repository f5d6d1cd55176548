/*
 * Tool item spans, `execute_tool {tool name}`. Options: `ToolItemStartOptions`;
 * the status comes with `finish`. The kind's own facts have their table in
 * toolItemDetailAttributes.ts.
 */
import * as A from '../semconv/attributes.js';
import { TOOL_ITEM_KINDS, TOOL_ITEM_STATUSES } from '../semconv/values.js';
import { attributeTable, enumAttribute, flagAttribute, MAX_ID_LENGTH, stringAttribute } from './AttributeDefinition.js';

export const TOOL_ITEM_ATTRIBUTES = attributeTable({
  operationName: stringAttribute(A.ATTR_GEN_AI_OPERATION_NAME, {
    option: false,
    when: 'start',
    meaning: '`execute_tool`',
  }),
  toolName: stringAttribute(A.ATTR_GEN_AI_TOOL_NAME, {
    when: 'start',
    field: 'tool_name',
    required: true,
    meaning: '`shell`, `user_shell`, `unified_exec`, `apply_patch`, an MCP tool, …',
  }),
  itemId: stringAttribute(A.ATTR_GEN_AI_TOOL_CALL_ID, {
    maxLength: MAX_ID_LENGTH,
    when: 'start',
    field: 'item_id',
    required: true,
    meaning: 'the item id',
  }),
  kind: enumAttribute(A.ATTR_ITEM_KIND, TOOL_ITEM_KINDS, {
    when: 'start',
    required: true,
    meaning: 'the item kind; its presence marks a tool item span and picks the row `event_type`',
  }),
  status: enumAttribute(A.ATTR_ITEM_STATUS, TOOL_ITEM_STATUSES, {
    when: 'end',
    required: true,
    meaning: 'decides `terminal_status` and `failure_kind` (`in_progress`: no row)',
  }),
  contentRecorded: flagAttribute(A.ATTR_CONTENT_RECORDED, {
    when: 'start',
    option: false,
    meaning: 'the span was made with content recording on (its content fields are read only then)',
  }),
  sessionId: stringAttribute(A.ATTR_SESSION_ID, {
    when: 'start',
    field: 'session_id',
    meaning: 'the agent session',
  }),
  cellId: stringAttribute(A.ATTR_ITEM_CELL_ID, {
    when: 'start',
    field: 'cell_id',
    meaning: 'correlation id',
  }),
  parentCallId: stringAttribute(A.ATTR_ITEM_PARENT_CALL_ID, {
    when: 'start',
    field: 'parent_call_id',
    meaning: 'correlation id',
  }),
  originatingResponseId: stringAttribute(A.ATTR_ITEM_ORIGINATING_RESPONSE_ID, {
    when: 'start',
    field: 'originating_response_id',
    meaning: 'correlation id',
  }),
});

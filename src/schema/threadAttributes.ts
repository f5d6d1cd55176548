/* On every span of ours: the agent thread and turn it belongs to. Options: `ThreadContext`. */
import {
  ATTR_GEN_AI_CONVERSATION_ID,
  ATTR_THREAD_PARENT_ID,
  ATTR_THREAD_SOURCE,
  ATTR_THREAD_SUBAGENT_SOURCE,
  ATTR_TURN_ID,
} from '../semconv/attributes.js';
import { attributeTable, MAX_ID_LENGTH, stringAttribute } from './AttributeDefinition.js';

export const THREAD_ATTRIBUTES = attributeTable({
  threadId: stringAttribute(ATTR_GEN_AI_CONVERSATION_ID, {
    maxLength: MAX_ID_LENGTH,
    when: 'start',
    field: 'thread_id',
    required: true,
    meaning: 'the agent thread id',
  }),
  turnId: stringAttribute(ATTR_TURN_ID, {
    maxLength: MAX_ID_LENGTH,
    when: 'start',
    field: 'turn_id',
    required: true,
    meaning: 'the turn id',
  }),
  threadSource: stringAttribute(ATTR_THREAD_SOURCE, {
    when: 'start',
    field: 'thread_source',
    meaning: 'who started the thread: `user`, `subagent`, …',
  }),
  subagentSource: stringAttribute(ATTR_THREAD_SUBAGENT_SOURCE, {
    when: 'start',
    field: 'subagent_source',
    meaning: 'for subagent threads: `thread_spawn`, `review`, `compact`, …',
  }),
  parentThreadId: stringAttribute(ATTR_THREAD_PARENT_ID, {
    when: 'start',
    field: 'parent_thread_id',
    meaning: 'parent thread of a subagent thread',
  }),
});

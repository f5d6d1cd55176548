/* On every span of ours: the agent thread and turn it belongs to. Options: `ThreadContext`. */
import {
  ATTR_GEN_AI_CONVERSATION_ID,
  ATTR_THREAD_PARENT_ID,
  ATTR_THREAD_SOURCE,
  ATTR_THREAD_SUBAGENT_SOURCE,
  ATTR_TURN_ID,
} from '../semconv/attributes.js';
import { stringAttribute } from './AttributeDefinition.js';

export const THREAD_ATTRIBUTES = {
  threadId: stringAttribute(ATTR_GEN_AI_CONVERSATION_ID, {
    when: 'start',
    option: 'threadId',
    field: 'thread_id',
    required: true,
    meaning: 'the agent thread id',
  }),
  turnId: stringAttribute(ATTR_TURN_ID, {
    when: 'start',
    option: 'turnId',
    field: 'turn_id',
    required: true,
    meaning: 'the turn id',
  }),
  threadSource: stringAttribute(ATTR_THREAD_SOURCE, {
    when: 'start',
    option: 'threadSource',
    field: 'thread_source',
    meaning: 'who started the thread: `user`, `subagent`, …',
  }),
  subagentSource: stringAttribute(ATTR_THREAD_SUBAGENT_SOURCE, {
    when: 'start',
    option: 'subagentSource',
    field: 'subagent_source',
    meaning: 'for subagent threads: `thread_spawn`, `review`, `compact`, …',
  }),
  parentThreadId: stringAttribute(ATTR_THREAD_PARENT_ID, {
    when: 'start',
    option: 'parentThreadId',
    field: 'parent_thread_id',
    meaning: 'parent thread of a subagent thread',
  }),
} as const;

/* Thread attributes every helper span starts with. */
import type { Attributes } from '@opentelemetry/api';
import {
  ATTR_GEN_AI_CONVERSATION_ID,
  ATTR_THREAD_PARENT_ID,
  ATTR_THREAD_SOURCE,
  ATTR_THREAD_SUBAGENT_SOURCE,
  ATTR_TURN_ID,
} from '../semconv/attributes.js';
import { definedAttributes } from './FinishableSpan.js';
import type { ThreadContext } from './types.js';

export function threadAttributes(thread: ThreadContext): Attributes {
  return definedAttributes({
    [ATTR_GEN_AI_CONVERSATION_ID]: thread.threadId,
    [ATTR_TURN_ID]: thread.turnId,
    [ATTR_THREAD_SOURCE]: thread.threadSource,
    [ATTR_THREAD_SUBAGENT_SOURCE]: thread.subagentSource,
    [ATTR_THREAD_PARENT_ID]: thread.parentThreadId,
  });
}

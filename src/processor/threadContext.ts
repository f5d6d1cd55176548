/* Thread and turn fields shared by every row. */
import type { Attributes } from '@opentelemetry/api';
import {
  ATTR_GEN_AI_CONVERSATION_ID,
  ATTR_THREAD_PARENT_ID,
  ATTR_THREAD_SOURCE,
  ATTR_THREAD_SUBAGENT_SOURCE,
  ATTR_TURN_ID,
} from '../semconv/attributes.js';
import { optionalString, requiredString } from './spanAttributes.js';

export interface ThreadFields {
  thread_id: string;
  turn_id: string;
  thread_source: string | null;
  subagent_source: string | null;
  parent_thread_id: string | null;
}

export function readThreadFields(attrs: Attributes): ThreadFields {
  return {
    thread_id: requiredString(attrs, ATTR_GEN_AI_CONVERSATION_ID),
    turn_id: requiredString(attrs, ATTR_TURN_ID),
    thread_source: optionalString(attrs, ATTR_THREAD_SOURCE),
    subagent_source: optionalString(attrs, ATTR_THREAD_SUBAGENT_SOURCE),
    parent_thread_id: optionalString(attrs, ATTR_THREAD_PARENT_ID),
  };
}

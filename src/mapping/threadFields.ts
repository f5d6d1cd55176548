/* Thread and turn fields shared by every row. */
import type { Attributes } from '@opentelemetry/api';
import { THREAD_ATTRIBUTES as T } from '../schema/threadAttributes.js';
import { read, readRequired } from './readAttribute.js';

export interface ThreadFields {
  thread_id: string;
  turn_id: string;
  thread_source: string | null;
  subagent_source: string | null;
  parent_thread_id: string | null;
}

export function readThreadFields(attrs: Attributes): ThreadFields {
  return {
    thread_id: readRequired(attrs, T.threadId),
    turn_id: readRequired(attrs, T.turnId),
    thread_source: read(attrs, T.threadSource),
    subagent_source: read(attrs, T.subagentSource),
    parent_thread_id: read(attrs, T.parentThreadId),
  };
}

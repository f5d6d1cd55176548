/* The attributes every helper span starts with: its thread and turn, its client and runtime. */
import type { Attributes } from '@opentelemetry/api';
import { APP_SERVER_CLIENT_ATTRIBUTES, RUNTIME_ATTRIBUTES } from '../schema/appServerAttributes.js';
import { THREAD_ATTRIBUTES } from '../schema/threadAttributes.js';
import type { ThreadContext } from './types.js';
import { putOptions } from './writeAttributes.js';

export function threadAttributes(thread: ThreadContext): Attributes {
  const attributes = putOptions({}, THREAD_ATTRIBUTES, thread);
  if (thread.appServerClient) putOptions(attributes, APP_SERVER_CLIENT_ATTRIBUTES, thread.appServerClient);
  if (thread.runtime) putOptions(attributes, RUNTIME_ATTRIBUTES, thread.runtime);
  return attributes;
}

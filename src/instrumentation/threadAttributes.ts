/* Thread attributes every helper span starts with. */
import type { Attributes } from '@opentelemetry/api';
import {
  ATTR_CLIENT_EXPERIMENTAL_API,
  ATTR_CLIENT_NAME,
  ATTR_CLIENT_RPC_TRANSPORT,
  ATTR_CLIENT_VERSION,
  ATTR_GEN_AI_CONVERSATION_ID,
  ATTR_PRODUCT_CLIENT_ID,
  ATTR_RUNTIME_ARCH,
  ATTR_RUNTIME_OS,
  ATTR_RUNTIME_OS_VERSION,
  ATTR_RUNTIME_VERSION,
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
    [ATTR_PRODUCT_CLIENT_ID]: thread.appServerClient?.productClientId,
    [ATTR_CLIENT_NAME]: thread.appServerClient?.clientName,
    [ATTR_CLIENT_VERSION]: thread.appServerClient?.clientVersion,
    [ATTR_CLIENT_RPC_TRANSPORT]: thread.appServerClient?.rpcTransport,
    [ATTR_CLIENT_EXPERIMENTAL_API]: thread.appServerClient?.experimentalApiEnabled,
    [ATTR_RUNTIME_VERSION]: thread.runtime?.version,
    [ATTR_RUNTIME_OS]: thread.runtime?.os,
    [ATTR_RUNTIME_OS_VERSION]: thread.runtime?.osVersion,
    [ATTR_RUNTIME_ARCH]: thread.runtime?.arch,
  });
}

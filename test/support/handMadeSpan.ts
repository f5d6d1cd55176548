/* A finished span built by hand, as a broken or foreign instrumentation could hand it to the processor. */
import type { ReadableSpan } from '@opentelemetry/sdk-trace';

export function handMadeSpan(attributes: Record<string, unknown>, fields: Partial<ReadableSpan> = {}): ReadableSpan {
  return {
    name: 'hand-made',
    attributes,
    startTime: [1_700_000_000, 0],
    endTime: [1_700_000_001, 0],
    duration: [1, 0],
    events: [],
    resource: { attributes: {} },
    ...fields,
  } as unknown as ReadableSpan;
}

/** The attributes of a complete user review. */
export const USER_REVIEW_ATTRIBUTES = {
  'gen_ai.conversation.id': 't',
  'agent_review.turn.id': 'u',
  'agent_review.reviewer': 'user',
  'agent_review.request.id': 1,
  'agent_review.request.kind': 'command_execution',
  'agent_review.user.decision': 'accept',
} as const;

/** The attributes of a complete guardian review of a shell command, allowed. */
export const GUARDIAN_REVIEW_ATTRIBUTES = {
  'gen_ai.conversation.id': 't',
  'agent_review.turn.id': 'u',
  'agent_review.reviewer': 'guardian',
  'agent_review.review.id': 'g',
  'agent_review.guardian.timeout_ms': 10,
  'agent_review.action.type': 'shell',
  'agent_review.action.sandbox_permissions': 'use_default',
  'agent_review.guardian.assessment.outcome': 'allow',
} as const;

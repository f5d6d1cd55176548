/*
 * A malformed span is told with what was wrong with it: the attribute, what
 * it must be and what it was (quoted briefly, or only its type for content).
 * The first drop of an interval is logged at once, so each test reads the
 * first warning.
 */
import { diag } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CapturingLogger, captureDiag } from './support/diagCapture.js';
import { GUARDIAN_REVIEW_ATTRIBUTES, handMadeSpan, USER_REVIEW_ATTRIBUTES } from './support/handMadeSpan.js';
import { createPipeline, type Pipeline } from './pipeline.js';

let pipeline: Pipeline;
let logger: CapturingLogger;
beforeEach(() => {
  pipeline = createPipeline({ processor: { recordContent: true } });
  logger = captureDiag();
});
afterEach(async () => {
  diag.disable();
  await pipeline.shutdown();
});

/** Feeds one hand-made span; returns why it was dropped, or the rows it made. */
async function feed(attributes: Record<string, unknown>, fields: Partial<ReadableSpan> = {}) {
  pipeline.processor.onEnd(handMadeSpan(attributes, fields));
  const rows = await pipeline.rows();
  // A guardian review span stands for two rows, a user review for one.
  const prefix = /^ReviewEventProcessor dropped [12] rows \(malformed [12]\); first: malformed span "hand-made": /;
  const warning = logger.warnings[0];
  return { rows, why: warning?.replace(prefix, '') };
}

const CONTENT_ON = { 'agent_review.content.recorded': true };

describe('a malformed span', () => {
  it('is told with the longest length of an id that is too long, and the id quoted in its first 80 characters', async () => {
    const { why } = await feed({ ...USER_REVIEW_ATTRIBUTES, 'agent_review.request.id': 'r'.repeat(1025) });
    expect(why).toBe(`attribute agent_review.request.id must be at most 1024 characters long, got "${'r'.repeat(79)}…`);
  });

  it('keeps an id of exactly the longest length', async () => {
    const { rows } = await feed({ ...USER_REVIEW_ATTRIBUTES, 'agent_review.request.id': 'r'.repeat(1024) });
    expect(rows).toHaveLength(1);
  });

  it('quotes a bad value of exactly 80 characters whole', async () => {
    const kind = 'k'.repeat(78);
    const { why } = await feed({ ...USER_REVIEW_ATTRIBUTES, 'agent_review.request.kind': kind });
    expect(why).toMatch(new RegExp(`got "${kind}"$`));
  });

  it('names the type of a bad value that cannot be quoted', async () => {
    const { why } = await feed({ ...USER_REVIEW_ATTRIBUTES, 'agent_review.request.id': 10n });
    expect(why).toBe('attribute agent_review.request.id must be a non-empty string or an integer, got bigint');
  });

  it('describes bad content by its type only, never its value', async () => {
    const { why } = await feed({ ...GUARDIAN_REVIEW_ATTRIBUTES, ...CONTENT_ON, 'agent_review.action.command': 'rm -rf /secret' });
    expect(why).toBe('attribute agent_review.action.command must be an array of strings, got a string');
  });

  it('describes bad content that is an array as an array', async () => {
    const { why } = await feed({ ...GUARDIAN_REVIEW_ATTRIBUTES, ...CONTENT_ON, 'agent_review.action.justification': ['a'] });
    expect(why).toBe('attribute agent_review.action.justification must be a string, got a array');
  });

  it('is told when a JSON attribute is not a string', async () => {
    const { why } = await feed({ ...GUARDIAN_REVIEW_ATTRIBUTES, ...CONTENT_ON, 'agent_review.action.additional_permissions': 5 });
    expect(why).toBe('attribute agent_review.action.additional_permissions must be a string, got a number');
  });

  it('is told when a flag is not a boolean', async () => {
    const { why } = await feed({ ...USER_REVIEW_ATTRIBUTES, 'agent_review.request.network_access': 'yes' });
    expect(why).toBe('attribute agent_review.request.network_access must be a boolean, got "yes"');
  });

  it('is told when time to first token is too large for milliseconds', async () => {
    const { why } = await feed({ ...GUARDIAN_REVIEW_ATTRIBUTES, 'gen_ai.response.time_to_first_chunk': 1e300 });
    expect(why).toBe('attribute gen_ai.response.time_to_first_chunk is too large');
  });

  it('is told when a guardian tool call event has no kind', async () => {
    const { why } = await feed(GUARDIAN_REVIEW_ATTRIBUTES, {
      events: [{ name: 'agent_review.guardian.tool_call', time: [1_700_000_000, 5] }],
    });
    expect(why).toBe(
      'event agent_review.guardian.tool_call needs agent_review.tool_call.kind of shell|unified_exec|mcp|dynamic|apply_patch|web_search|image_generation|view_image'
    );
  });

  const TIMES: [string, Partial<ReadableSpan>][] = [
    ['start time', { startTime: [Number.NaN, 0] }],
    ['end time', { endTime: [-1, 0] }],
  ];
  for (const [what, fields] of TIMES) {
    it(`is told when its ${what} is no time`, async () => {
      expect((await feed(USER_REVIEW_ATTRIBUTES, fields)).why).toBe(`the span's ${what} is not a valid time`);
    });
  }

  it('is told when a guardian review lasted no valid time', async () => {
    const { why } = await feed(GUARDIAN_REVIEW_ATTRIBUTES, { duration: [Number.NaN, 0] });
    expect(why).toBe("the span's duration is not a valid time");
  });

  it('is told when a first token event has no valid time', async () => {
    const { why } = await feed(GUARDIAN_REVIEW_ATTRIBUTES, {
      events: [{ name: 'agent_review.guardian.first_token', time: [Number.NaN, 0] }],
    });
    expect(why).toBe("the span's event time is not a valid time");
  });
});

describe('a guardian reviewed action', () => {
  it('has tty false when the span does not say', async () => {
    const { rows } = await feed({
      ...GUARDIAN_REVIEW_ATTRIBUTES,
      'agent_review.action.type': 'unified_exec',
    });
    expect(rows[0]?.event_params).toMatchObject({ reviewed_action: { type: 'unified_exec', tty: false } });
  });
});

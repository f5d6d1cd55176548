/*
 * Guardian reviews of different models and providers, in turn: each one's
 * token usage and GenAI sets carry its own model and provider, however the
 * reviews alternate.
 */
import { afterEach, describe, expect, it } from 'vitest';
import * as M from '../src/semconv/index.js';
import { createPipeline, type Pipeline, THREAD } from './pipeline.js';

const MODELS = [
  { model: 'gpt-5.4', providerName: 'openai', inputTokens: 100 },
  { model: 'claude-x', providerName: 'anthropic', inputTokens: 10 },
  { model: 'gpt-5.4', providerName: 'openai', inputTokens: 1000 },
  { model: 'gpt-5.4', providerName: 'azure', inputTokens: 7 },
  { model: undefined, providerName: undefined, inputTokens: 3 },
];

describe('guardian metrics by model', () => {
  let pipeline: Pipeline;
  afterEach(() => pipeline.shutdown());

  async function alternate() {
    pipeline = createPipeline();
    MODELS.forEach(({ model, providerName, inputTokens }, i) => {
      const review = pipeline.reviews.startGuardianReview({
        ...THREAD,
        reviewId: `g${i}`,
        action: { type: 'shell', sandboxPermissions: 'use_default' },
        timeoutMs: 90_000,
        ...(model === undefined ? {} : { model, providerName }),
      });
      review.recordTokenUsage({ inputTokens, outputTokens: 1 });
      if (i === 1) review.failClosed('parse_error');
      else review.approve({ riskLevel: 'low' });
    });
    await pipeline.rows();
    return pipeline.metrics();
  }

  it("records each review's tokens under its own model", async () => {
    const metrics = await alternate();
    const input = (model: string) =>
      metrics.histogram(M.METRIC_GUARDIAN_TOKEN_USAGE, { [M.METRIC_ATTR_TOKEN_TYPE]: 'input', [M.ATTR_GEN_AI_REQUEST_MODEL]: model });
    expect(input('gpt-5.4')).toEqual({ count: 3, sum: 1107 });
    expect(input('claude-x')).toEqual({ count: 1, sum: 10 });
    expect(input(M.METRIC_VALUE_NONE)).toEqual({ count: 1, sum: 3 });
  });

  it("records each review's GenAI token usage under its own provider and model", async () => {
    const metrics = await alternate();
    const input = (attributes: Record<string, string>) =>
      metrics.histogram(M.METRIC_GEN_AI_CLIENT_TOKEN_USAGE, { [M.METRIC_ATTR_GEN_AI_TOKEN_TYPE]: 'input', ...attributes });
    expect(input({ [M.ATTR_GEN_AI_PROVIDER_NAME]: 'openai', [M.ATTR_GEN_AI_REQUEST_MODEL]: 'gpt-5.4' })).toEqual({ count: 2, sum: 1100 });
    expect(input({ [M.ATTR_GEN_AI_PROVIDER_NAME]: 'azure' })).toEqual({ count: 1, sum: 7 });
    expect(input({ [M.ATTR_GEN_AI_PROVIDER_NAME]: 'anthropic', [M.ATTR_GEN_AI_REQUEST_MODEL]: 'claude-x' })).toEqual({ count: 1, sum: 10 });
    expect(input({}).count).toBe(5);
  });

  it('gives the GenAI duration of a failed review its error type and its own model', async () => {
    const metrics = await alternate();
    const duration = (attributes: Record<string, string>) =>
      metrics.histogram(M.METRIC_GEN_AI_CLIENT_OPERATION_DURATION, attributes).count;
    expect(duration({ [M.ATTR_ERROR_TYPE]: 'parse_error', [M.ATTR_GEN_AI_REQUEST_MODEL]: 'claude-x' })).toBe(1);
    expect(duration({ [M.ATTR_ERROR_TYPE]: 'parse_error' })).toBe(1);
    expect(duration({ [M.ATTR_GEN_AI_REQUEST_MODEL]: 'gpt-5.4' })).toBe(3);
    expect(duration({})).toBe(5);
  });
});

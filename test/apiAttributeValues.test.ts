/*
 * The API leaves undefined and null attribute values undefined behaviour:
 * the helpers leave out options that were not given instead of handing
 * them over empty, whatever API implementation receives them.
 */
import { describe, expect, it } from 'vitest';
import { ReviewTracer } from '../src/index.js';
import { THREAD } from './pipeline.js';
import { RecordingTracerProvider } from './support/recordingTracer.js';

describe('attribute values the helpers hand to the API', () => {
  it('are never undefined or null when only the required options are given', () => {
    const provider = new RecordingTracerProvider();
    for (const recordContent of [false, true]) {
      const reviews = new ReviewTracer({ tracerProvider: provider, recordContent });
      const item = reviews.startToolItem({ ...THREAD, itemId: 'i', kind: 'command_execution', toolName: 'shell' });
      item.setDetails({});
      item.finish({ status: 'completed' });
      reviews.startUserReview({ ...THREAD, requestId: 1, request: { kind: 'command_execution' } }).resolve('accept');
      reviews.startUserReview({ ...THREAD, requestId: 2, request: { kind: 'file_change' } }).abort();
      for (const action of [
        { type: 'shell', sandboxPermissions: 'use_default' },
        { type: 'execve', source: 'shell', program: 'git' },
        { type: 'apply_patch' },
        { type: 'network_access', protocol: 'https', port: 443 },
        { type: 'mcp_tool_call', server: 's', toolName: 't' },
      ] as const) {
        const review = reviews.startGuardianReview({ ...THREAD, reviewId: 'g', action, timeoutMs: 1 });
        review.setSession({});
        review.recordToolCall('shell');
        review.recordTokenUsage({});
        review.approve();
      }
    }
    expect(provider.handed.length).toBeGreaterThan(20);
    expect(provider.emptyValues()).toEqual([]);
  });
});

/* A Codex bridge on a fresh test pipeline for each test that opens one; the pipeline is shut down after the test. */
import { afterEach } from 'vitest';
import { CodexBridge, type CodexBridgeOptions } from '../../src/sources/codex/index.js';
import { createPipeline, type Pipeline } from '../pipeline.js';

export type BridgeOptions = Omit<CodexBridgeOptions, 'reviews'>;

/** Call at the top of a test file; the function it returns opens the bridge of one test. */
export function bridgePerTest(): (options?: BridgeOptions) => { pipeline: Pipeline; bridge: CodexBridge } {
  let pipeline: Pipeline | undefined;
  afterEach(async () => {
    await pipeline?.shutdown();
    pipeline = undefined;
  });
  return (options = {}) => {
    pipeline = createPipeline();
    return { pipeline, bridge: new CodexBridge({ reviews: pipeline.reviews, ...options }) };
  };
}

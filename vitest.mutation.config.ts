// The unit suite as Stryker runs it (stryker.config.mjs): test files share
// one module graph instead of a fresh one each, which halves the time per
// mutant. Every test file restores the globals it sets.
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

export default mergeConfig(base, defineConfig({ test: { isolate: false } }));

/*
 * The unit suite as mutation testing runs it: every test but the ones that
 * start child processes, generate files with the TypeScript compiler or push
 * 100k lifecycles through a real file. Those take seconds to a minute each,
 * and Stryker runs a mutant's covering tests once per mutant.
 */
import { defineConfig, mergeConfig } from 'vitest/config';
import unit from './vitest.config.js';

export default mergeConfig(
  unit,
  defineConfig({
    test: {
      exclude: [
        'test/JsonlFileRowSinkBacklog.test.ts',
        'test/exitHooks.test.ts',
        'test/readme.test.ts',
        'test/rowSchemas.test.ts',
        'test/nodeSdk.test.ts',
        'test/codex/codexProxy.test.ts',
        'test/codex/codexReplay.test.ts',
        'test/cli/**',
      ],
    },
  })
);

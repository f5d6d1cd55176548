// Mutation testing of src/ with the unit suite: `npm run test:mutation`.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutation.config.ts' },
  mutate: [
    'src/**/*.ts',
    // Names, value lists, types and re-exports: nothing to mutate there.
    '!src/semconv/attributes.ts',
    '!src/semconv/metrics.ts',
    '!src/semconv/values.ts',
    '!src/semconv/version.ts',
    '!src/**/index.ts',
    '!src/**/types.ts',
  ],
  coverageAnalysis: 'perTest',
  // Mutants in code that runs once at module load need a fresh process each;
  // leave them out and score the rest.
  ignoreStatic: true,
  // The machine has two cores.
  concurrency: 2,
  reporters: ['clear-text', 'json', 'progress'],
  clearTextReporter: { allowColor: false, reportScoreTable: true, reportMutants: true },
  jsonReporter: { fileName: 'out/mutation/mutation.json' },
  cleanTempDir: 'always',
  // Results are kept between runs, so a run over part of src/ (--mutate) adds to
  // the last one and a full run retests only mutants whose code or tests changed.
  incremental: true,
  incrementalFile: 'out/mutation/incremental.json',
  thresholds: { high: 95, low: 90, break: 90 },
};

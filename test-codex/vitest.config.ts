import { defineConfig } from 'vitest/config';

// The live test against the real Codex: run by `npm run test:codex`.
export default defineConfig({
  test: {
    include: ['test-codex/**/*.test.ts'],
    testTimeout: 180_000,
    hookTimeout: 60_000,
    reporters: ['default', 'json'],
    outputFile: { json: 'out/codex-report.json' },
  },
});

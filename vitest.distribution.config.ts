import { defineConfig } from 'vitest/config';

/** `npm run test:distribution`: the package as another repository gets it (a step of .ci/run). */
export default defineConfig({
  test: {
    include: ['test/distribution/**/*.test.ts'],
    environment: 'node',
    testTimeout: 20_000,
    pool: 'forks',
    fileParallelism: false,
  },
});

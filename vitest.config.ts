import { configDefaults, defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'server/**/*.test.ts', 'lab/**/*.test.ts', 'steps/**/*.test.ts'],
    // Minutes long (npm pack, install, CI examples, the harness image): `npm run test:distribution`.
    exclude: [...configDefaults.exclude, 'test/distribution/**'],
    environment: 'node',
    testTimeout: 20_000,
    pool: 'forks',
  },
});

import { defineConfig } from 'vitest/config';

/** Browser tests: the built dashboard in Debian's Chromium against the real server (npm run test:browser). */
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['web/test/**/*.browser.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 240_000,
    pool: 'forks',
    fileParallelism: false,
  },
});

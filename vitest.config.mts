import * as path from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // main.ts imports the package by its own name; at run time Node resolves that to the compiled
    // build/, in tests it is the sources, so every test shares one copy of each module.
    alias: [{ find: /^falco-gitops$/, replacement: path.resolve(__dirname, 'lib/index.ts') }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // Stops the run with one line when ../shared (the pinned upstream references) is missing.
    globalSetup: ['test/support/global-setup.ts'],
    // Tests call the code in-process; only test/smoke spawns the two executables. No test mocks
    // modules, stubs the environment or changes directory, so test files can share workers and
    // their module cache: on two cores that halves the suite's wall time.
    pool: 'threads',
    isolate: false,
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});

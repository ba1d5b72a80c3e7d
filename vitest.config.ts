import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
    // Creates tmp/, where tests write their builds (a clean clone has none).
    globalSetup: ['./tests/support/global-setup.ts'],
    reporters: ['default', './tests/support/plain-summary-reporter.ts'],
    // Integration tests build whole sites; give them room on a 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 300_000,
    // One worker per core (Vitest's default leaves one core idle: on 2 cores, one file at a time).
    maxWorkers: '100%',
  },
});

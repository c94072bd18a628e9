import path from 'node:path';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

const root = import.meta.dirname;
const postgresUrl = process.env.TEST_DATABASE_URL;

const integration = (name: 'pglite' | 'postgres', include: string[]): TestProjectInlineConfiguration => ({
  extends: true,
  test: {
    name,
    include,
    env: { TEST_DB_KIND: name },
    setupFiles: [
      path.join(root, 'tests/setup/console-guard.ts'),
      path.join(root, 'tests/setup/approval-features.ts'),
    ],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  resolve: { alias: { '@': root } },
  test: {
    environment: 'node',
    globalSetup: [path.join(root, 'tests/setup/announce-skips.ts')],
    setupFiles: [path.join(root, 'tests/setup/console-guard.ts')],
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['**/*.test.ts'],
          exclude: ['**/node_modules/**', '**/*.int.test.ts', '**/*.pg.test.ts', '**/*.e2e.test.ts'],
        },
      },
      integration('pglite', ['**/*.int.test.ts']),
      ...(postgresUrl ? [integration('postgres', ['**/*.int.test.ts', '**/*.pg.test.ts'])] : []),
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.e2e.test.ts'],
          globalSetup: [path.join(root, 'tests/e2e/global-setup.ts')],
          setupFiles: [
            path.join(root, 'tests/setup/console-guard.ts'),
            path.join(root, 'tests/e2e/per-file-server.ts'),
          ],
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});

import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from '@playwright/test';
import { ADMIN_PASSWORD, SERVERS, urlOf } from './test/e2e/servers';

// Each run starts its servers on brand-new data directories, so every spec sees a known state. They sit
// in one folder per run, made once (the config is loaded again in every worker, which inherits the
// variable) and removed by the global teardown.
process.env.KAM_E2E_RUN_DIR ??= mkdtempSync(join(tmpdir(), 'kam-e2e-run-'));
const freshDir = (name: string) => mkdtempSync(join(process.env.KAM_E2E_RUN_DIR!, `${name}-`));

function server(name: keyof typeof SERVERS, extra: string[], env: Record<string, string> = {}) {
  return {
    command: [
      'node --import tsx src/main/web-cli.ts',
      `--data-dir ${freshDir(name)}`,
      `--port ${SERVERS[name].port}`,
      ...extra,
    ].join(' '),
    url: `${urlOf(name)}/healthz`,
    reuseExistingServer: false,
    // The demo branch seeds thousands of customers with 24 months of bills: allow for a busy 2-core machine.
    timeout: 240_000,
    stdout: 'ignore' as const,
    stderr: 'pipe' as const,
    env: { ...env, KAM_ADMIN_PASSWORD: env.KAM_ADMIN_PASSWORD ?? '' },
  };
}

export default defineConfig({
  testDir: 'test/e2e',
  outputDir: 'test-results/artifacts',
  globalSetup: './test/e2e/global-setup.ts',
  globalTeardown: './test/e2e/global-teardown.ts',
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  // Whole user journeys on a busy 2-core machine (several servers and engineers share it).
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [
    { name: 'first-run', testMatch: /first-run\.spec\.ts/, use: { baseURL: urlOf('firstRun') } },
    { name: 'admin', testMatch: /(auth|users|api)\.spec\.ts/, use: { baseURL: urlOf('admin') } },
    { name: 'demo', testMatch: /(modules|language|roles|search|layout|forms)\.spec\.ts/, use: { baseURL: urlOf('demo') } },
    { name: 'customers', testMatch: /customers.*\.spec\.ts/, use: { baseURL: urlOf('demo') } },
    { name: 'reports', testMatch: /reports.*\.spec\.ts/, use: { baseURL: urlOf('demo') } },
    { name: 'tickets', testMatch: /tickets.*\.spec\.ts/, use: { baseURL: urlOf('demo') } },
    { name: 'green', testMatch: /(green|contracts).*\.spec\.ts/, use: { baseURL: urlOf('demo') } },
    { name: 'visits', testMatch: /visits.*\.spec\.ts/, use: { baseURL: urlOf('demo') } },
    { name: 'care', testMatch: /care.*\.spec\.ts/, use: { baseURL: urlOf('demo') } },
  ],
  webServer: [
    server('firstRun', []),
    server('admin', [], { KAM_ADMIN_PASSWORD: ADMIN_PASSWORD }),
    server('demo', ['--demo'], { KAM_ADMIN_PASSWORD: ADMIN_PASSWORD }),
  ],
});

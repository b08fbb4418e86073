import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startApp } from './bootstrap';
import { DEMO_PASSWORD } from './services/demo/seed';
import { startWebServer } from './web';
import { startBackgroundJobs } from './jobs';
import { closeRuntime } from './runtime';

/** `npm run start:web -- --data-dir DIR --port N [--demo]`: the app in a browser, on 127.0.0.1. */
async function main() {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string', default: '.data/web' },
      port: { type: 'string', default: '5180' },
      demo: { type: 'boolean', default: false },
      'static-dir': { type: 'string', default: resolve(import.meta.dirname, '../../out/renderer') },
    },
  });
  const dataDir = resolve(values['data-dir']);
  mkdirSync(dataDir, { recursive: true });
  const adminPassword = process.env.KAM_ADMIN_PASSWORD || undefined;
  const { api, created } = startApp({ dataDir, transport: 'web', demo: values.demo, adminPassword });
  const port = Number(values.port);
  const server = await startWebServer({ api, port, staticDir: values['static-dir'] });
  const stopJobs = startBackgroundJobs(api.runtime);

  console.log(`KAM Desk (browser mode) on http://127.0.0.1:${port}/  data: ${dataDir}`);
  if (created === 'admin') console.log('Created user "admin" from KAM_ADMIN_PASSWORD.');
  if (created === 'demo') {
    console.log(`Demo branch created. Users: admin, gaojianguo (leader), wangqiang (account manager), hufang (service desk) …`);
    console.log(`Password: ${adminPassword ? 'admin: KAM_ADMIN_PASSWORD; others: ' : ''}${DEMO_PASSWORD}`);
  }

  const stop = async () => {
    stopJobs();
    await server.close();
    closeRuntime(api.runtime);
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { CLOCK_FORMAT_HINT, clockFromOption } from './clock';
import { formatShanghaiTime } from '../shared/time';

const USAGE = `Usage: npm run start:web -- [--data-dir DIR] [--port N] [--demo] [--clock TIME]
  --data-dir DIR   data folder (default .data/web)
  --port N         port on 127.0.0.1 (default 5180)
  --demo           build the demo branch when the data folder is empty
  --clock TIME     start the app's clock at TIME and let it run on (also KAM_CLOCK=TIME):
                   ${CLOCK_FORMAT_HINT}; for tests and demos only
Environment: KAM_ADMIN_PASSWORD creates user admin on an empty data folder; KAM_CLOCK as --clock.`;

/** The command line, or a one-line reason and the usage (exit 2) when it is wrong: the user's to fix, no stack. */
function readOptions() {
  try {
    const { values } = parseArgs({
      options: {
        'data-dir': { type: 'string', default: '.data/web' },
        port: { type: 'string', default: '5180' },
        demo: { type: 'boolean', default: false },
        clock: { type: 'string' },
        help: { type: 'boolean', default: false },
        'static-dir': { type: 'string', default: resolve(import.meta.dirname, '../../out/renderer') },
      },
    });
    // Read before anything is opened: a mistyped clock must not seed a demo at today's date.
    const now =
      values.clock !== undefined ? clockFromOption(values.clock, '--clock') : clockFromOption(process.env.KAM_CLOCK, 'KAM_CLOCK');
    return { values, now };
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exit(2);
  }
}

/** `npm run start:web -- --data-dir DIR --port N [--demo] [--clock TIME]`: the app in a browser, on 127.0.0.1. */
async function main() {
  const { values, now } = readOptions();
  if (values.help) {
    console.log(USAGE);
    return;
  }
  // The app's modules load only now, so --help and a mistyped option answer at once.
  const [{ startApp }, { DEMO_PASSWORD }, { startWebServer }, { startBackgroundJobs }, { closeRuntime }] = await Promise.all([
    import('./bootstrap'),
    import('./services/demo/seed'),
    import('./web'),
    import('./jobs'),
    import('./runtime'),
  ]);
  const dataDir = resolve(values['data-dir']);
  mkdirSync(dataDir, { recursive: true });
  const adminPassword = process.env.KAM_ADMIN_PASSWORD || undefined;
  const { api, created } = startApp({ dataDir, transport: 'web', demo: values.demo, adminPassword, now });
  const port = Number(values.port);
  const server = await startWebServer({ api, port, staticDir: values['static-dir'] });
  const stopJobs = startBackgroundJobs(api.runtime);

  console.log(`KAM Desk (browser mode) on http://127.0.0.1:${port}/  data: ${dataDir}`);
  if (now) console.log(`Clock set: the app's time is ${formatShanghaiTime(now(), { seconds: true })} (Asia/Shanghai) and runs on.`);
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

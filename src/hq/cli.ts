import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { openHqDb } from './db';
import { listDevices, registerDevice, revokeDevice } from './devices';
import { createHqServer } from './server';

/**
 * `npm run hq -- [serve|register|revoke|devices] ...` — the headquarters sync server and its admin
 * commands. PGlite in --data-dir by default; DATABASE_URL switches to a real PostgreSQL.
 */
const USAGE = `KAM Desk HQ sync server
  npm run hq -- --data-dir DIR [--port 5180] [--host 127.0.0.1]        start the server
  npm run hq -- register --data-dir DIR --branch CODE --device NAME [--branch-name NAME]
  npm run hq -- revoke --data-dir DIR --device-id ID
  npm run hq -- devices --data-dir DIR
Set DATABASE_URL=postgres://... to use PostgreSQL instead of the embedded store in --data-dir.
HQ_ADMIN_TOKEN sets the admin token (else one is kept in DIR/admin-token).`;

function adminToken(dataDir: string | null): string {
  if (process.env.HQ_ADMIN_TOKEN) return process.env.HQ_ADMIN_TOKEN;
  if (!dataDir) return `kama_${randomBytes(24).toString('base64url')}`;
  const file = join(dataDir, 'admin-token');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const token = `kama_${randomBytes(24).toString('base64url')}`;
  writeFileSync(file, `${token}\n`, { mode: 0o600 });
  return token;
}

/** The pid of a server running on this data directory, if any (PGlite must not be opened twice). */
function runningServer(dataDir: string): number | null {
  const file = join(dataDir, 'hq.pid');
  if (!existsSync(file)) return null;
  const pid = Number(readFileSync(file, 'utf8'));
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string', default: '5180' },
      host: { type: 'string', default: '127.0.0.1' },
      branch: { type: 'string' },
      'branch-name': { type: 'string' },
      device: { type: 'string' },
      'device-id': { type: 'string' },
      'min-schema': { type: 'string', default: '0' },
      help: { type: 'boolean' },
    },
  });
  const command = positionals[0] ?? 'serve';
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const databaseUrl = process.env.DATABASE_URL || null;
  const dataDir = values['data-dir'] ? resolve(values['data-dir']) : null;
  if (!databaseUrl && !dataDir) {
    console.error('Give --data-dir DIR (embedded store) or set DATABASE_URL.\n\n' + USAGE);
    process.exitCode = 2;
    return;
  }
  if (!databaseUrl && dataDir) {
    const pid = runningServer(dataDir);
    if (pid !== null) {
      console.error(
        `The HQ server (pid ${pid}) has ${dataDir} open. Stop it first, or use the admin API while it runs ` +
          '(POST /admin/devices, POST /admin/devices/<id>/revoke, GET /admin/devices).',
      );
      process.exitCode = 2;
      return;
    }
  }
  const db = await openHqDb({ databaseUrl, dataDir: dataDir ? join(dataDir, 'pgdata') : null });

  if (command === 'register') {
    if (!values.branch || !values.device) throw new Error('register needs --branch CODE and --device NAME');
    const { deviceId, token } = await registerDevice(db, {
      branchCode: values.branch,
      deviceName: values.device,
      branchName: values['branch-name'],
    });
    console.log(`device ${deviceId} registered for branch ${values.branch.toUpperCase()}`);
    console.log(`device token (shown only once; enter it in 同步设置 / Sync settings): ${token}`);
    await db.close();
    return;
  }
  if (command === 'revoke') {
    if (!values['device-id']) throw new Error('revoke needs --device-id ID');
    const ok = await revokeDevice(db, values['device-id']);
    console.log(ok ? 'revoked' : 'no active device with that id');
    await db.close();
    return;
  }
  if (command === 'devices') {
    console.table(await listDevices(db));
    await db.close();
    return;
  }
  if (command !== 'serve') throw new Error(`unknown command ${command}\n${USAGE}`);

  const token = adminToken(dataDir);
  const app = createHqServer({ db, adminToken: token, minSchemaVersion: Number(values['min-schema']) });
  const address = await app.listen({ port: Number(values.port), host: values.host });
  if (dataDir && !databaseUrl) writeFileSync(join(dataDir, 'hq.pid'), String(process.pid));
  console.log(
    `KAM Desk HQ listening on ${address} (${db.kind === 'pg' ? 'PostgreSQL' : `PGlite in ${dataDir}`})`,
  );
  console.log(`status page: ${address}/?token=${token}`);
  const stop = async () => {
    await app.close();
    await db.close();
    if (dataDir && !databaseUrl) rmSync(join(dataDir, 'hq.pid'), { force: true });
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});

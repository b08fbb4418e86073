import { timingSafeEqual } from 'node:crypto';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { z, ZodError } from 'zod';
import {
  PROTOCOL_VERSION,
  SYNC_HEADERS,
  pushRequest,
  wireValue,
  type HqErrorBody,
} from '../shared/sync-wire';
import type { HqDb } from './db';
import { authenticate, listDevices, registerDevice, revokeDevice, type Device } from './devices';
import { HqError } from './errors';
import { applyPush } from './push';
import { publishRows, pullChanges } from './pull';
import { hqStatus, listRows, listTables } from './read-api';
import { renderStatusPage } from './status-page';

export interface HqServerOptions {
  db: HqDb;
  /** Protects the admin API and the status page. */
  adminToken: string;
  /** Injectable so tests can run HQ's clock apart from the branches'. */
  now?: () => Date;
  /** Branches with fewer applied migrations are told to update before they may push. */
  minSchemaVersion?: number;
  logger?: boolean;
}

function header(req: FastifyRequest, name: string): string | null {
  const v = req.headers[name];
  return typeof v === 'string' && v !== '' ? v : null;
}

function bearer(req: FastifyRequest): string | null {
  const auth = header(req, 'authorization');
  return auth?.startsWith('Bearer ') ? auth.slice(7).trim() : null;
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const pullQuery = z.object({
  cursor: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});
const registerBody = z.object({
  branchCode: z.string(),
  deviceName: z.string(),
  branchName: z.string().optional(),
});
const publishBody = z.object({
  table: z.string(),
  rows: z
    .array(z.object({ id: z.string().min(1).max(64), cols: z.record(z.string(), wireValue) }))
    .max(10000),
});
const rowsQuery = z.object({
  branch: z.string().optional(),
  q: z.string().max(100).optional(),
  includeDeleted: z.enum(['0', '1']).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(500).default(50),
});

/** Builds the HQ HTTP server (not yet listening): sync endpoints for branches, admin and read API. */
export function createHqServer(options: HqServerOptions): FastifyInstance {
  const { db } = options;
  const now = options.now ?? (() => new Date());
  const app = Fastify({ logger: options.logger ?? false, bodyLimit: 32 * 1024 * 1024 });

  app.setErrorHandler((error, _req, reply) => {
    let body: HqErrorBody;
    let status: number;
    if (error instanceof HqError) {
      status = error.status;
      body = { error: { code: error.code, message: error.message } };
    } else if (
      error instanceof ZodError ||
      (error as { validation?: unknown }).validation ||
      // Fastify's own refusals (malformed JSON, body too large) are the caller's fault, not HQ's.
      ((error as { statusCode?: number }).statusCode ?? 500) < 500
    ) {
      status = 400;
      body = {
        error: { code: 'BAD_REQUEST', message: error instanceof Error ? error.message : 'bad request' },
      };
    } else {
      app.log.error(error);
      console.error('[hq] request failed', error);
      status = 500;
      body = { error: { code: 'INTERNAL', message: 'internal error at headquarters; nothing was changed' } };
    }
    void reply.status(status).send(body);
  });

  /** Version gate, then the device's token: a mismatch answers "please update" before anything is read. */
  async function device(req: FastifyRequest): Promise<Device> {
    const protocol = Number(header(req, SYNC_HEADERS.protocol));
    if (protocol !== PROTOCOL_VERSION) {
      throw new HqError(
        'UPDATE_REQUIRED',
        `protocol ${protocol} is not supported (HQ speaks ${PROTOCOL_VERSION}); please update`,
      );
    }
    const schema = Number(header(req, SYNC_HEADERS.schema) ?? 0);
    if (schema < (options.minSchemaVersion ?? 0)) {
      throw new HqError(
        'UPDATE_REQUIRED',
        `database schema ${schema} is older than HQ accepts; please update`,
      );
    }
    return authenticate(db, bearer(req), header(req, SYNC_HEADERS.branch), req.ip, now());
  }

  function requireAdmin(req: FastifyRequest): void {
    const token = bearer(req) ?? (req.query as { token?: string }).token ?? null;
    if (!token || !sameSecret(token, options.adminToken))
      throw new HqError('UNAUTHORIZED', 'admin token required');
  }

  app.get('/sync/hello', async (req) => {
    const d = await device(req);
    return {
      branchCode: d.branchCode,
      deviceName: d.name,
      protocolVersion: PROTOCOL_VERSION,
      serverTime: now().toISOString(),
    };
  });

  app.post('/sync/push', async (req) => {
    const d = await device(req);
    const body = pushRequest.parse(req.body);
    if (body.protocolVersion !== PROTOCOL_VERSION)
      throw new HqError('UPDATE_REQUIRED', 'protocol version mismatch; please update');
    if (!header(req, SYNC_HEADERS.branch))
      throw new HqError('BAD_REQUEST', `${SYNC_HEADERS.branch} header missing`);
    return applyPush(db, d, body, now());
  });

  app.get('/sync/pull', async (req) => {
    const d = await device(req);
    const q = pullQuery.parse(req.query);
    const clientId = header(req, SYNC_HEADERS.client) ?? '';
    const schemaVersion = Number(header(req, SYNC_HEADERS.schema) ?? 0);
    return pullChanges(db, d, { cursor: q.cursor, limit: q.limit, clientId, schemaVersion }, now());
  });

  app.post('/admin/devices', async (req) => {
    requireAdmin(req);
    return registerDevice(db, registerBody.parse(req.body), now());
  });
  app.get('/admin/devices', async (req) => {
    requireAdmin(req);
    return { devices: await listDevices(db) };
  });
  app.post('/admin/devices/:id/revoke', async (req) => {
    requireAdmin(req);
    const ok = await revokeDevice(db, (req.params as { id: string }).id, now());
    if (!ok) throw new HqError('NOT_FOUND', 'no active device with this id');
    return { ok: true };
  });
  app.post('/admin/publish', async (req) => {
    requireAdmin(req);
    const body = publishBody.parse(req.body);
    return publishRows(db, body.table, body.rows, now());
  });

  app.get('/api/tables', async (req) => {
    requireAdmin(req);
    return { tables: await listTables(db) };
  });
  app.get('/api/rows/:table', async (req) => {
    requireAdmin(req);
    const raw = req.query as Record<string, string>;
    const q = rowsQuery.parse(raw);
    // Any other query parameter `col.<name>=value` filters on that column.
    const where = Object.fromEntries(
      Object.entries(raw)
        .filter(([k]) => k.startsWith('col.'))
        .map(([k, v]) => [k.slice(4), String(v)]),
    );
    return listRows(db, (req.params as { table: string }).table, {
      branchCode: q.branch,
      q: q.q,
      where,
      includeDeleted: q.includeDeleted === '1',
      page: q.page,
      pageSize: q.pageSize,
    });
  });

  app.get('/', async (req, reply: FastifyReply) => {
    requireAdmin(req);
    const html = renderStatusPage(await hqStatus(db), now());
    return reply.type('text/html; charset=utf-8').send(html);
  });
  app.get('/api/status', async (req) => {
    requireAdmin(req);
    return hqStatus(db);
  });

  return app;
}

import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, resolve } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import type { ErrorCode, RpcResult } from '../shared/errors';
import { pickLocale } from '../shared/locale';
import { translate } from '../shared/messages';
import type { Api } from './api';
import { CONTENT_SECURITY_POLICY } from './csp';

export { CONTENT_SECURITY_POLICY };

/**
 * The browser transport (ARCHITECTURE.md): the built renderer and `POST /rpc/<method>` over the same
 * API server as IPC, on 127.0.0.1 only. For development and for end-to-end tests in real Chromium.
 */

const HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INTERNAL: 500,
};

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.json': 'application/json',
};


export interface WebServerOptions {
  api: Api;
  port: number;
  /** The built renderer (out/renderer); without it only /rpc is served. */
  staticDir?: string;
}

function bearer(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1] ?? null;
}

function sendResult(reply: FastifyReply, result: RpcResult<unknown>) {
  const status = result.ok ? 200 : HTTP_STATUS[result.error.code];
  return reply.code(status).header('cache-control', 'no-store').send(result);
}

/** Builds the server (not yet listening), so tests can use `inject` or listen on a port of their own. */
export function buildWebServer(options: WebServerOptions): FastifyInstance {
  const app = Fastify({ logger: false, bodyLimit: 50 * 1024 * 1024 });
  const staticDir = options.staticDir ? resolve(options.staticDir) : null;

  // Parse JSON ourselves so a malformed body gets our error shape and message.
  // Fastify's built-in JSON parser would run first for application/json and hand us an object.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  // Only pages served from this very host may call in: guards against DNS rebinding and other sites.
  app.addHook('onRequest', async (req, reply) => {
    const host = req.headers.host ?? '';
    if (!/^(127\.0\.0\.1|localhost)(:\d+)?$/.test(host)) {
      return reply.code(403).send('forbidden host');
    }
    const origin = req.headers.origin;
    if (req.method === 'POST' && origin && origin !== `http://${host}`) {
      return reply.code(403).send('forbidden origin');
    }
  });

  app.post<{ Params: { method: string } }>('/rpc/:method', async (req, reply) => {
    const locale = pickLocale((req.headers['x-kam-locale'] as string | undefined) ?? req.headers['accept-language']);
    let input: unknown = {};
    const raw = typeof req.body === 'string' ? req.body.trim() : '';
    if (raw !== '') {
      try {
        input = JSON.parse(raw);
      } catch {
        return sendResult(reply, {
          ok: false,
          error: { code: 'VALIDATION', message: translate('error.badJson', locale) },
        });
      }
    }
    const result = await options.api.call(req.params.method, input, {
      token: bearer(req.headers.authorization),
      locale,
      idempotencyKey: (req.headers['idempotency-key'] as string | undefined) || undefined,
    });
    return sendResult(reply, result);
  });

  app.get('/healthz', async () => ({ ok: true }));

  app.get('/*', async (req, reply) => {
    if (!staticDir || !existsSync(join(staticDir, 'index.html'))) {
      return reply
        .code(404)
        .type('text/plain; charset=utf-8')
        .send('The renderer is not built: run `npm run build` first. / 界面尚未构建，请先运行 npm run build。');
    }
    const urlPath = decodeURIComponent(req.url.split('?')[0] ?? '/');
    const candidate = normalize(join(staticDir, urlPath));
    const inside = candidate.startsWith(staticDir);
    const file =
      inside && existsSync(candidate) && statSync(candidate).isFile() ? candidate : join(staticDir, 'index.html');
    const type = MIME[extname(file)] ?? 'application/octet-stream';
    reply.header('content-security-policy', CONTENT_SECURITY_POLICY).header('x-content-type-options', 'nosniff');
    if (file.endsWith('index.html')) reply.header('cache-control', 'no-store');
    return reply.type(type).send(readFileSync(file));
  });

  return app;
}

/** Starts the browser transport on 127.0.0.1:port. */
export async function startWebServer(options: WebServerOptions): Promise<FastifyInstance> {
  const app = buildWebServer(options);
  await app.listen({ host: '127.0.0.1', port: options.port });
  return app;
}

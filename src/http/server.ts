import zlib from 'node:zlib';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import compress from '@fastify/compress';
import multipart from '@fastify/multipart';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { Config } from '../config.ts';
import type { Core } from '../core.ts';
import { installErrorHandler } from './error-handler.ts';
import { ingestRoutes } from './routes/ingest.routes.ts';
import { readRoutes } from './routes/read.routes.ts';
import { catalogueRoutes } from './routes/catalogue.routes.ts';
import { streamRoutes } from './routes/stream.routes.ts';
import { taskRoutes } from './routes/task.routes.ts';
import { exportRoutes } from './routes/export.routes.ts';
import { historyRoutes } from './routes/history.routes.ts';
import { periodRoutes } from './routes/periods.routes.ts';
import { WEB_DIST, webRoutes } from './routes/web.routes.ts';
import { firstScreenHints } from './first-screen-hints.ts';
import { markReaders } from './reader-header.ts';
import { authRoutes } from './routes/auth.routes.ts';
import { auditRoutes } from './routes/audit.routes.ts';
import { publicationRoutes } from './routes/publication.routes.ts';
import { attentionRoutes } from './routes/attention.routes.ts';
import { registerAuth } from './auth.ts';
import { reportingRoutes } from './routes/reporting.routes.ts';
import { refuseMalformedText } from './text-guard.ts';
import { refuseBadPeriodQuery } from './period-query.ts';
import { registerReadCache } from './read-cache.ts';
import { msg } from '../shared/messages.ts';
import { loginRateLimit, registerHardening } from './hardening.ts';

export type Server = FastifyInstance;
export type TypedServer = ReturnType<typeof typed>;
const typed = (app: FastifyInstance) => app.withTypeProvider<TypeBoxTypeProvider>();

/** Builds the HTTP adapter over the core: routes are thin, the core does the work. */
export type ServerConfig = Pick<Config, 'logLevel' | 'bodyLimit' | 'secureCookies' | 'trustProxy' | 'rateLimitPerMinute' | 'loginRateLimitPerMinute'>;

export async function buildServer(core: Core, config: ServerConfig): Promise<FastifyInstance> {
  const app = Fastify({
    logger: { level: config.logLevel },
    bodyLimit: config.bodyLimit,
    ajv: { customOptions: { coerceTypes: 'array', removeAdditional: false, allErrors: true } },
    requestIdHeader: false,
    trustProxy: config.trustProxy,
    // Errors Fastify raises before routing (an over-long path parameter…) get the same shape as every other error.
    frameworkErrors: (error, _req, reply) => {
      const m = msg('requestInvalid');
      const body = { error: { code: 'VALIDATION_FAILED', message: m.vi, messageEn: `${m.en}: ${error.message}` } };
      void (reply as unknown as FastifyReply).status(400).send(body);
    },
  });
  installErrorHandler(app);
  core.events.onFoldError((error) => app.log.error({ err: error }, 'gộp lô sự kiện vào chỉ tiêu thất bại; các lô vẫn được giữ và sẽ gộp lại ở lần sau'));
  // Who is calling is known before the rate limit counts the call.
  await registerAuth(app, core, { secureCookies: config.secureCookies });
  await registerHardening(app, config);
  markReaders(app);
  refuseMalformedText(app);
  refuseBadPeriodQuery(app, core);
  // Before compression: the cache keeps the JSON text, compression runs on every answer.
  registerReadCache(app, core, { maxEntries: 2000, ttlMs: 5000 });
  // NDJSON event batches and text stay bytes here: they are decoded where they are read (on the batch parser's
  // worker, by the CSV reader), which refuses bytes that are not UTF-8 rather than storing U+FFFD in their place.
  app.addContentTypeParser(['application/x-ndjson', 'text/plain', 'text/csv'], { parseAs: 'buffer' }, (_req, body, done) => done(null, body));
  app.addContentTypeParser(
    ['application/octet-stream', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    { parseAs: 'buffer' },
    (_req, body, done) => done(null, body),
  );
  // Brotli or gzip for API answers; the dashboard's files are compressed once at build time (preCompressed).
  await app.register(compress, { global: true, encodings: ['br', 'gzip'], threshold: 1024, brotliOptions: { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } } });
  await app.register(multipart, { limits: { fileSize: config.bodyLimit, files: 1, fields: 10 } });
  await app.register(swagger, {
    openapi: {
      info: { title: 'Nhịp Số API', version: '0.1.0', description: 'Đo lường, theo dõi, đánh giá KPI chuyển đổi số theo thời gian thực' },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  const api = typed(app);
  api.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  authRoutes(api, core, loginRateLimit(config));
  auditRoutes(api, core);
  readRoutes(api, core);
  ingestRoutes(api, core);
  catalogueRoutes(api, core);
  streamRoutes(api, core);
  taskRoutes(api, core);
  historyRoutes(api, core);
  periodRoutes(api, core);
  exportRoutes(api, core);
  publicationRoutes(api, core);
  attentionRoutes(api, core);
  reportingRoutes(api, core);
  await webRoutes(app, WEB_DIST, firstScreenHints(core));
  return app;
}

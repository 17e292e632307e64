import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { openCore, type Core, type CoreOptions } from './core.ts';
import { buildServer } from './http/server.ts';

/** The running product: the core plus its HTTP server. Tests boot it on a fresh database file. */
export interface App {
  core: Core;
  server: FastifyInstance;
  url: string;
  stop(): Promise<void>;
}

export async function startApp(config: Config, options: Omit<CoreOptions, 'dbFile'> = {}): Promise<App> {
  const core = await openCore({ ...options, dbFile: config.dbFile });
  const server = await buildServer(core, config);
  const url = await server.listen({ host: config.host, port: config.port });
  return {
    core,
    server,
    url,
    async stop() {
      await server.close();
      await core.close();
    },
  };
}

import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { openCore, type Core, type CoreOptions } from './core.ts';
import { buildServer } from './http/server.ts';
import { startTaskClock } from './tasks/task-clock.ts';
import { refreshAllOpenTasks } from './tasks/task-refresh.ts';

/** The running product: the core plus its HTTP server. Tests boot it on a fresh database file. */
export interface App {
  core: Core;
  server: FastifyInstance;
  url: string;
  stop(): Promise<void>;
}

export async function startApp(config: Config, options: Omit<CoreOptions, 'dbFile'> = {}): Promise<App> {
  const core = await openCore({ ...options, dbFile: config.dbFile });
  await refreshAllOpenTasks(core);
  const server = await buildServer(core, config);
  const clock = startTaskClock(core, (line) => server.log.info(line));
  const url = await server.listen({ host: config.host, port: config.port });
  return {
    core,
    server,
    url,
    async stop() {
      clock.stop();
      await server.close();
      await core.close();
    },
  };
}

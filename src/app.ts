import type { FastifyInstance } from 'fastify';
import type { Config } from './config.ts';
import { openCore, type Core, type CoreOptions } from './core.ts';
import { buildServer } from './http/server.ts';
import { ensureFirstAdmin } from './auth/users.ts';
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
  const core = await openCore({ parseInWorker: config.parseInWorker, earliest: config.earliest, ...options, dbFile: config.dbFile });
  const firstAdmin = await ensureFirstAdmin(core, { username: config.adminUser, password: config.adminPassword });
  await refreshAllOpenTasks(core);
  const server = await buildServer(core, config);
  if (firstAdmin.created) announceFirstAdmin(firstAdmin, (line) => server.log.warn(line));
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

/** The one-time password is shown once, here, and must be changed at first login; it is never stored in clear. */
function announceFirstAdmin(admin: { username: string; oneTimePassword?: string }, log: (line: string) => void): void {
  if (!admin.oneTimePassword) {
    log(`Đã tạo tài khoản quản trị "${admin.username}" với mật khẩu từ NHIPSO_ADMIN_PASSWORD.`);
    return;
  }
  const banner = [
    '════════════════════════════════════════════════════════════════',
    `Tài khoản quản trị đầu tiên / first administrator: ${admin.username}`,
    `Mật khẩu dùng một lần / one-time password:        ${admin.oneTimePassword}`,
    'Đăng nhập rồi đổi mật khẩu ngay; mật khẩu này không hiện lại.',
    '════════════════════════════════════════════════════════════════',
  ];
  for (const line of banner) log(line);
  // The log may be JSON for a collector; the operator starting the server by hand reads the terminal.
  if (process.stderr.isTTY) process.stderr.write(`${banner.join('\n')}\n`);
}

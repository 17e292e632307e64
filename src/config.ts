import { resolve } from 'node:path';

export interface Config {
  /** SQLite file, or `:memory:`. */
  dbFile: string;
  host: string;
  port: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Largest request body accepted, in bytes. */
  bodyLimit: number;
}

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Defaults, overridden by environment variables, overridden by command-line flags. */
export function loadConfig(flags: Partial<Config> = {}, env: NodeJS.ProcessEnv = process.env): Config {
  const level = flags.logLevel ?? env.NHIPSO_LOG_LEVEL ?? 'info';
  return {
    dbFile: flags.dbFile ?? env.NHIPSO_DB ?? resolve('var', 'nhipso.db'),
    host: flags.host ?? env.NHIPSO_HOST ?? '127.0.0.1',
    port: flags.port ?? (env.NHIPSO_PORT ? Number(env.NHIPSO_PORT) : env.PORT ? Number(env.PORT) : 8080),
    logLevel: (LOG_LEVELS as readonly string[]).includes(level) ? (level as Config['logLevel']) : 'info',
    bodyLimit: flags.bodyLimit ?? (env.NHIPSO_BODY_LIMIT ? Number(env.NHIPSO_BODY_LIMIT) : 32 * 1024 * 1024),
  };
}

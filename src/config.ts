import { resolve } from 'node:path';
import { DEFAULT_EARLIEST } from './periods/accepted-window.ts';

export interface Config {
  /** SQLite file, or `:memory:`. */
  dbFile: string;
  host: string;
  port: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Largest request body accepted, in bytes. */
  bodyLimit: number;
  /** Mark the session cookie Secure (set it when TLS ends at a proxy in front of the server). */
  secureCookies: boolean;
  /** Trust X-Forwarded-* from a reverse proxy, for the caller's address and protocol. */
  trustProxy: boolean;
  /** Requests per minute per account, token or address. */
  rateLimitPerMinute: number;
  /** Login attempts per minute per address. */
  loginRateLimitPerMinute: number;
  /** Parse large event batches on a worker thread, on another core (NHIPSO_PARSE_WORKER=0 parses them inline). */
  parseInWorker: boolean;
  /** The first administrator, created on first start when there is no account yet. */
  /** The first day, Vietnam time, that events, values and targets may be about (`YYYY-MM-DD`; see accepted-window.ts). */
  earliest: string;
  adminUser?: string;
  adminPassword?: string;
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
    secureCookies: flags.secureCookies ?? env.NHIPSO_SECURE_COOKIES === '1',
    trustProxy: flags.trustProxy ?? env.NHIPSO_TRUST_PROXY === '1',
    rateLimitPerMinute: flags.rateLimitPerMinute ?? positive(env.NHIPSO_RATE_LIMIT) ?? 1200,
    loginRateLimitPerMinute: flags.loginRateLimitPerMinute ?? positive(env.NHIPSO_LOGIN_RATE_LIMIT) ?? 10,
    parseInWorker: flags.parseInWorker ?? env.NHIPSO_PARSE_WORKER !== '0',
    earliest: flags.earliest ?? env.NHIPSO_EARLIEST ?? DEFAULT_EARLIEST,
    adminUser: flags.adminUser ?? env.NHIPSO_ADMIN_USER,
    adminPassword: flags.adminPassword ?? env.NHIPSO_ADMIN_PASSWORD,
  };
}

function positive(text: string | undefined): number | undefined {
  const n = Number(text);
  return text && Number.isFinite(n) && n > 0 ? n : undefined;
}

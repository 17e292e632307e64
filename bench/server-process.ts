import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { HttpClient } from './http-client.ts';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
const CLI = fileURLToPath(new URL('../bin/nhipso.js', import.meta.url));
/** The Node flags `npm start` gives the server (see README, Configuration), read from package.json so the two agree. */
export const SERVER_NODE_FLAGS = startFlags(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

/** The flags between `node` and the script in package.json's `start` script. */
export function startFlags(packageJson: string): string[] {
  const start = (JSON.parse(packageJson) as { scripts?: { start?: string } }).scripts?.start ?? '';
  const words = start.split(/\s+/);
  const script = words.findIndex((w, i) => i > 0 && !w.startsWith('--'));
  if (words[0] !== 'node' || script < 0) throw new Error(`package.json's start script does not run a script with node: ${start}`);
  return words.slice(1, script);
}

export interface ServerOptions {
  dbFile: string;
  adminPassword: string;
  /** Extra flags for the server's node, e.g. `--cpu-prof`. */
  nodeFlags?: string[];
}

/** The real server as a child process, so its memory and CPU are its own. */
export class ServerProcess {
  private constructor(private readonly child: ChildProcess, readonly url: URL, private readonly output: () => string) {}

  static async start(options: ServerOptions): Promise<ServerProcess> {
    const port = await freePort();
    const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...(options.nodeFlags ?? []), CLI, '--db', options.dbFile, 'serve', '--port', String(port), '--host', '127.0.0.1'], {
      cwd: ROOT,
      env: {
        ...process.env,
        NHIPSO_ADMIN_PASSWORD: options.adminPassword,
        NHIPSO_RATE_LIMIT: '100000000',
        NHIPSO_LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let tail = '';
    const keep = (chunk: Buffer) => (tail = (tail + chunk.toString('utf8')).slice(-4_000));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    const server = new ServerProcess(child, new URL(`http://127.0.0.1:${port}`), () => tail);
    await server.waitUntilHealthy();
    return server;
  }

  get pid(): number {
    return this.child.pid ?? -1;
  }

  /** Peak resident memory so far (VmHWM), in bytes; NaN where /proc is missing. */
  peakRss(): number {
    return procStatus(this.pid, 'VmHWM');
  }

  rss(): number {
    return procStatus(this.pid, 'VmRSS');
  }

  /** CPU time of each of the server's threads so far (see `threadCpuMs`). */
  threadsCpuMs(): Map<number, number> {
    return threadCpuMs(this.pid);
  }

  /** CPU time the server has used so far, every thread (user + system, /proc/PID/stat), in ms; NaN where /proc is missing. */
  cpuMs(): number {
    return statCpuMs(`/proc/${this.pid}/stat`);
  }

  /** SIGTERM, then wait for the process to finish its shutdown (it closes the database). */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const timeout = setTimeout(() => this.child.kill('SIGKILL'), 30_000);
    await exited;
    clearTimeout(timeout);
  }

  private async waitUntilHealthy(): Promise<void> {
    const client = new HttpClient(this.url, 1);
    const deadline = Date.now() + 60_000;
    try {
      while (Date.now() < deadline) {
        if (this.child.exitCode !== null) throw new Error(`server exited (${this.child.exitCode}):\n${this.output()}`);
        const ok = await client.send('/api/health').then((r) => r.status === 200, () => false);
        if (ok) return;
        await sleep(100);
      }
      throw new Error(`server not healthy after 60 s:\n${this.output()}`);
    } finally {
      client.close();
    }
  }
}

export interface CliResult {
  stdout: string;
  stderr: string;
  ms: number;
  /** Peak resident memory of the command (its VmHWM, sampled every 200 ms while it runs), bytes. */
  peakRss: number;
}

/** Runs `nhipso` with arguments; fails with its output when it exits non-zero. */
export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const started = performance.now();
  const child = spawn(process.execPath, [CLI, ...args], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  let peakRss = Number.NaN;
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  const sampler = setInterval(() => {
    const hwm = procStatus(child.pid ?? -1, 'VmHWM');
    if (Number.isFinite(hwm)) peakRss = Number.isFinite(peakRss) ? Math.max(peakRss, hwm) : hwm;
  }, 200);
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => {
      clearInterval(sampler);
      const ms = performance.now() - started;
      if (code === 0) resolve({ stdout, stderr, ms, peakRss });
      else reject(new Error(`nhipso ${args.join(' ')} exited ${code}:\n${stderr || stdout}`));
    });
  });
}

/** `nhipso token create`: a source-system token for the whole country and every event type. */
export async function createToken(dbFile: string): Promise<string> {
  const { stdout } = await runCli(['--db', dbFile, 'token', 'create', '--name', 'bench', '--unit', 'VN', '--event-type', '*']);
  const token = stdout.trim().split('\n').pop()?.trim() ?? '';
  if (!token.startsWith('nhs_')) throw new Error(`no token in: ${stdout}`);
  return token;
}

/** Signs in as the administrator: the cookie header for live reads and the stream. */
export async function signIn(url: URL, password: string): Promise<string> {
  const client = new HttpClient(url, 1);
  try {
    const reply = await client.send('/api/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password }),
    });
    if (reply.status !== 200) throw new Error(`sign-in failed: HTTP ${reply.status} ${reply.body}`);
    const cookies = [reply.headers['set-cookie'] ?? []].flat();
    return cookies.map((c) => c.split(';')[0]).join('; ');
  } finally {
    client.close();
  }
}

/** Clock ticks per second of /proc's CPU times (USER_HZ): 100 on Linux unless `getconf` says otherwise. */
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * CPU time (user + system) in ms from a `stat` file of /proc: a process's (`/proc/PID/stat`, every thread) or one
 * thread's (`/proc/PID/task/TID/stat`); NaN where it cannot be read.
 */
export function statCpuMs(path: string): number {
  try {
    const stat = readFileSync(path, 'utf8');
    // The fields after the command name (which may hold spaces and parentheses): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1_000) / CLOCK_TICKS;
  } catch {
    return Number.NaN;
  }
}

/** CPU time of each thread of a process (`'self'`: this one) so far, in ms by thread id; empty where /proc is missing. */
export function threadCpuMs(pid: number | 'self'): Map<number, number> {
  const dir = `/proc/${pid}/task`;
  const tids = existsSync(dir) ? readdirSync(dir) : [];
  // A thread that ended between the listing and its read gives NaN: left out, so it cannot turn a sum into NaN.
  return new Map(tids.map((tid) => [Number(tid), statCpuMs(`${dir}/${tid}/stat`)] as const).filter(([, ms]) => !Number.isNaN(ms)));
}

/**
 * A process's CPU time over a stretch, by kind of thread: the main one (HTTP, storing, folding), the busiest other
 * one (the batch parser's worker) and the rest (V8's garbage-collection helpers, threads that ended), in ms.
 */
export interface CpuSplit {
  main: number;
  parser: number;
  rest: number;
}

/**
 * Splits `totalMs` (the whole process's CPU over the stretch) with per-thread readings taken at its start and end;
 * all NaN when there is no reading (no /proc), rather than zeros that would read as idle threads.
 */
export function splitCpu(mainTid: number, before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>, totalMs: number): CpuSplit {
  if (after.size === 0) return { main: Number.NaN, parser: Number.NaN, rest: Number.NaN };
  const used = [...after].map(([tid, ms]) => ({ tid, ms: ms - (before.get(tid) ?? 0) }));
  const main = used.find((t) => t.tid === mainTid)?.ms ?? 0;
  const parser = Math.max(0, ...used.filter((t) => t.tid !== mainTid).map((t) => t.ms));
  return { main, parser, rest: Math.max(0, totalMs - main - parser) };
}

function procStatus(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

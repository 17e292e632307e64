import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import Fastify from 'fastify';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { reportError } from '../cli/report-error.ts';
import { installErrorHandler } from '../http/error-handler.ts';
import { BusyError } from '../shared/errors.ts';
import { isBusy } from '../store/engine.ts';
import { asBusyError } from './busy.ts';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
  vi.restoreAllMocks();
});

/** The error a writer gets from a database another connection holds (no waiting: the raw error, as the store sees it). */
function heldDatabaseError(): unknown {
  dir = mkdtempSync(join(tmpdir(), 'nhipso-busy-'));
  const file = join(dir, 'busy.db');
  const holder = new SqliteDatabase(file);
  const writer = new SqliteDatabase(file);
  writer.pragma('busy_timeout = 0');
  holder.exec('CREATE TABLE t (x); BEGIN IMMEDIATE; INSERT INTO t VALUES (1)');
  try {
    writer.exec('BEGIN IMMEDIATE');
    return undefined;
  } catch (error) {
    return error;
  } finally {
    holder.exec('ROLLBACK');
    holder.close();
    writer.close();
  }
}

describe('a database held by another writer', () => {
  it('is told apart from other errors, and named BusyError with when to retry', () => {
    const error = heldDatabaseError();
    expect(isBusy(error)).toBe(true);
    expect(isBusy(new Error('database is locked'))).toBe(false);
    const busy = asBusyError(error);
    expect(busy).toBeInstanceOf(BusyError);
    expect(busy).toMatchObject({ code: 'BUSY', details: { retryAfterSeconds: 5 }, message: expect.stringMatching(/chưa có gì được ghi/) });
  });

  it('is a sentence and exit code 7 on the CLI, never a stack trace', () => {
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((text) => written.push(String(text)) > 0);
    expect(reportError(heldDatabaseError())).toBe(7);
    expect(written.join('')).toMatch(/^Lỗi \(BUSY\): Cơ sở dữ liệu đang bận/);
    expect(written.join('')).not.toMatch(/\n\s+at |SqliteError/);
  });

  it('is answered 503 with retry-after over HTTP, in the error shape', async () => {
    const error = heldDatabaseError();
    const app = Fastify();
    installErrorHandler(app);
    app.post('/write', async () => {
      throw error;
    });
    const res = await app.inject({ method: 'POST', url: '/write' });
    await app.close();
    expect(res.statusCode).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    expect(res.json()).toMatchObject({ error: { code: 'BUSY', message: expect.stringMatching(/chưa có gì được ghi/), details: { retryAfterSeconds: 5 } } });
  });
});

import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn, TEST_ADMIN } from '../testing/test-client.ts';
import { startTestApp, type TestApp } from '../testing/test-core.ts';
import { READER_HEADER } from './reader-header.ts';

let app: TestApp;

beforeAll(async () => {
  app = await startTestApp();
});

afterAll(async () => {
  await app?.dispose();
});

describe('whose answer an API read is', () => {
  it("names the public, or one session by a name that is neither its cookie nor the cookie's hash", async () => {
    const publicAnswer = await fetch(`${app.url}/api/periods`);
    expect(publicAnswer.headers.get(READER_HEADER)).toBe('public');
    const first = (await app.admin.fetch('/api/periods')).headers.get(READER_HEADER) ?? '';
    const again = (await app.admin.fetch('/api/units/01')).headers.get(READER_HEADER);
    const other = (await (await signIn(app.url, TEST_ADMIN)).fetch('/api/periods')).headers.get(READER_HEADER);
    const token = app.admin.cookie.split('=')[1] ?? '';
    expect(first).toMatch(/^session-[\w-]{22}$/);
    expect(again).toBe(first);
    expect(other).not.toBe(first);
    expect(first).not.toContain(token);
    expect(first).not.toContain(createHash('sha256').update(token).digest('hex').slice(0, 16));
  });
});

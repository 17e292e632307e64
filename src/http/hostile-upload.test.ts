import yazl from 'yazl';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Problem } from '../shared/errors.ts';
import { startTestApp, testCatalogue, type TestApp } from '../testing/test-core.ts';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ catalogue: testCatalogue });
});
afterAll(async () => app.dispose());

async function zipBomb(): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  zip.addBuffer(Buffer.from('<Types/>'), '[Content_Types].xml');
  zip.addBuffer(Buffer.from('<workbook/>'), 'xl/workbook.xml');
  zip.addBuffer(Buffer.alloc(30 * 1024 * 1024), 'xl/worksheets/sheet1.xml');
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('a hostile spreadsheet upload', () => {
  it('is answered 400 naming the file and the reason, and the server keeps serving', async () => {
    const form = new FormData();
    form.append('file', new Blob([await zipBomb()]), 'bom.xlsx');

    const res = await fetch(`${app.url}/api/values/import?period=2026`, { method: 'POST', body: form });

    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string; details: { problems: Problem[] } } };
    expect(body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: expect.any(String) });
    expect(body.error.details.problems).toEqual([expect.objectContaining({ value: 'bom.xlsx', reasonEn: expect.stringContaining('zip bomb') })]);
    expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
  });
});

import ExcelJS from 'exceljs';
import yazl from 'yazl';
import { describe, expect, it } from 'vitest';
import { readSheet } from './spreadsheet-read.ts';

const MB = 1024 * 1024;
const CONTENT_TYPES = '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>';
const WORKBOOK = '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>';

/** A zip with these parts, deflated as any office suite would. */
async function zipOf(parts: Record<string, string | Buffer>, compress = true): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [name, content] of Object.entries(parts)) zip.addBuffer(Buffer.from(content), name, { compress });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const workbookParts = (sheet: string | Buffer) => ({ '[Content_Types].xml': CONTENT_TYPES, 'xl/workbook.xml': WORKBOOK, 'xl/worksheets/sheet1.xml': sheet });

/** Rewrites the uncompressed size a part declares, in its local header and in the central directory. */
function forgeUncompressedSize(zip: Buffer, part: string, size: number): Buffer {
  const forged = Buffer.from(zip);
  const headers = [{ signature: 0x04034b50, nameLength: 26, name: 30, size: 22 }, { signature: 0x02014b50, nameLength: 28, name: 46, size: 24 }];
  for (let at = 0; at < forged.length - 4; at++) {
    for (const h of headers) {
      if (forged.readUInt32LE(at) !== h.signature) continue;
      const name = forged.toString('utf8', at + h.name, at + h.name + forged.readUInt16LE(at + h.nameLength));
      if (name === part) forged.writeUInt32LE(size, at + h.size);
    }
  }
  return forged;
}

async function workbook(build: (sheet: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet('Số liệu'));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const refusalOf = async (data: Buffer, fileName: string) => {
  const read = await readSheet(data, fileName);
  if (read.ok) throw new Error(`${fileName} was accepted`);
  return read.problem;
};

describe('an XLSX file is checked before it is unpacked', () => {
  it('lets a real workbook through', async () => {
    const file = await workbook((sheet) => {
      sheet.addRow(['Mã đơn vị', 'Tỷ lệ phủ sóng 5G']);
      sheet.addRow(['01', 87.5]);
    });

    const read = await readSheet(file, 'bao-cao.xlsx');

    expect(read).toEqual({ ok: true, sheets: [{ name: 'Số liệu', merges: new Map(), rows: [{ line: 1, cells: ['Mã đơn vị', 'Tỷ lệ phủ sóng 5G'] }, { line: 2, cells: ['01', 87.5] }] }] });
  });

  it('refuses a zip bomb: 50 MB of zeros packed into a few kilobytes', async () => {
    const bomb = await zipOf(workbookParts(Buffer.alloc(50 * MB)));
    expect(bomb.length).toBeLessThan(MB);

    expect(await refusalOf(bomb, 'bom.xlsx')).toEqual({
      value: 'bom.xlsx',
      reason: expect.stringContaining('xl/worksheets/sheet1.xml'),
      reasonEn: expect.stringMatching(/^The XLSX file is refused: part "xl\/worksheets\/sheet1.xml" is compressed suspiciously \(\d+:1\)/),
    });
  });

  it('refuses a part that inflates past the size its header declares', async () => {
    const honest = await zipOf(workbookParts(Buffer.alloc(20 * MB)));
    const forged = forgeUncompressedSize(honest, 'xl/worksheets/sheet1.xml', 1000);

    expect(await refusalOf(forged, 'gia.xlsx')).toEqual({
      value: 'gia.xlsx',
      reason: 'Tệp XLSX bị hỏng hoặc bị làm giả (phần "xl/worksheets/sheet1.xml")',
      reasonEn: 'The XLSX file is corrupt or forged (part "xl/worksheets/sheet1.xml")',
    });
  });

  it('refuses a workbook whose parts add up to more than 200 MB unpacked', async () => {
    const forged = forgeUncompressedSize(await zipOf(workbookParts('<worksheet/>')), 'xl/worksheets/sheet1.xml', 300 * MB);

    expect(await refusalOf(forged, 'lon.xlsx')).toMatchObject({ value: 'lon.xlsx', reasonEn: 'The XLSX file unpacks to more than 200 MB' });
  });

  it('refuses a zip with thousands of parts', async () => {
    const parts: Record<string, string | Buffer> = workbookParts('<worksheet/>');
    for (let i = 0; i < 2001; i++) parts[`xl/media/image${i}.png`] = 'x';

    expect(await refusalOf(await zipOf(parts, false), 'nhieu.xlsx')).toMatchObject({ reasonEn: 'The XLSX file has too many parts (over 2000) for a spreadsheet' });
  });

  it('refuses a zip that is not a workbook, such as a Word document renamed .xlsx', async () => {
    const docx = await zipOf({ '[Content_Types].xml': CONTENT_TYPES, 'word/document.xml': '<w:document/>' });

    expect(await refusalOf(docx, 'van-ban.xlsx')).toEqual({
      value: 'van-ban.xlsx',
      reason: 'Tệp nén ZIP này không phải bảng tính Excel (.xlsx)',
      reasonEn: 'This ZIP file is not an Excel workbook (.xlsx)',
    });
  });

  it('refuses an image or a PDF renamed .xlsx', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

    for (const [data, name] of [[png, 'anh.xlsx'], [pdf, 'cong-van.xlsx']] as const) {
      expect(await refusalOf(data, name)).toMatchObject({ value: name, reasonEn: 'Only CSV or XLSX files are accepted' });
    }
  });

  it('refuses a sheet wider than any report, from the range it declares', async () => {
    const wide = await workbook((sheet) => {
      sheet.getCell(1, 1).value = 'Mã đơn vị';
      sheet.getCell(1, 1200).value = 'xa';
    });

    expect(await refusalOf(wide, 'rong.xlsx')).toMatchObject({ reasonEn: 'Spreadsheet too wide: 1200 columns, at most 1000' });
  });
});

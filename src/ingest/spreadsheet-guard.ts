import yauzl, { type Entry, type ZipFile } from 'yauzl';
import { reason } from '../shared/messages.ts';

/** Bounds on an XLSX file's zip container; a real office workbook stays far below each of them. */
export const XLSX_LIMITS = {
  parts: 2_000,
  unpackedMegabytes: 200,
  /** A part this much larger than its compressed bytes is a zip bomb, once it is larger than `ratioFromBytes`. */
  compressionRatio: 200,
  ratioFromBytes: 1024 * 1024,
  columns: 1_000,
};

export type Refusal = { reason: string; reasonEn: string };

const REQUIRED_PARTS = ['[Content_Types].xml', 'xl/workbook.xml'];
const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/;
/** `<dimension>` sits near the top of a worksheet, before the rows. */
const DIMENSION_SCAN_BYTES = 4096;
const DIMENSION = /<(?:\w+:)?dimension\s+ref="[A-Z]*\d*(?::([A-Z]+)\d*)?"/;

/**
 * Reads an XLSX file's zip directory, and inflates every part against its declared size, before exceljs sees it:
 * exceljs inflates whatever the file holds, so a zip bomb or a forged size would exhaust memory there.
 * Answers why the file is refused, or undefined when it is safe to parse.
 */
export async function refuseUnsafeXlsx(data: Buffer): Promise<Refusal | undefined> {
  let zip: ZipFile;
  const entries: Entry[] = [];
  try {
    zip = await yauzl.fromBufferPromise(data, { validateEntrySizes: true });
    if (zip.entryCount > XLSX_LIMITS.parts) return reason('xlsxTooManyParts', { max: XLSX_LIMITS.parts });
    for await (const entry of zip.eachEntry()) entries.push(entry);
  } catch (error) {
    return reason('fileUnreadable', { reason: errorText(error) });
  }
  const refusal = refuseByDirectory(entries);
  if (refusal) return refusal;
  for (const entry of entries) {
    const refused = await refuseByContent(zip, entry);
    if (refused) return refused;
  }
  return undefined;
}

/** What the central directory alone tells: size, compression ratios, and whether this zip is a workbook at all. */
function refuseByDirectory(entries: Entry[]): Refusal | undefined {
  const unpacked = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0);
  if (unpacked > XLSX_LIMITS.unpackedMegabytes * 1024 * 1024) return reason('xlsxTooLargeUnpacked', { max: XLSX_LIMITS.unpackedMegabytes });
  const bomb = entries.find((entry) => entry.uncompressedSize > XLSX_LIMITS.ratioFromBytes && ratioOf(entry) > XLSX_LIMITS.compressionRatio);
  if (bomb) return reason('xlsxZipBomb', { part: partName(bomb), ratio: Math.round(ratioOf(bomb)) });
  const names = new Set(entries.map((entry) => entry.fileName));
  if (!REQUIRED_PARTS.every((part) => names.has(part))) return reason('xlsxNotWorkbook');
  const locked = entries.find((entry) => !entry.canDecodeFileData());
  if (locked) return reason('xlsxCorrupt', { part: partName(locked) });
  return undefined;
}

function ratioOf(entry: Entry): number {
  return entry.uncompressedSize / Math.max(entry.compressedSize, 1);
}

/** yauzl stops a part as soon as it inflates past its declared size, so a forged header costs one chunk, no more. */
async function refuseByContent(zip: ZipFile, entry: Entry): Promise<Refusal | undefined> {
  const head: Buffer[] = [];
  let headBytes = 0;
  const scan = WORKSHEET.test(entry.fileName);
  try {
    for await (const chunk of await zip.openReadStreamPromise(entry)) {
      if (scan && headBytes < DIMENSION_SCAN_BYTES) {
        head.push(chunk as Buffer);
        headBytes += (chunk as Buffer).length;
      }
    }
  } catch {
    return reason('xlsxCorrupt', { part: partName(entry) });
  }
  const columns = scan ? dimensionColumns(Buffer.concat(head).toString('utf8', 0, DIMENSION_SCAN_BYTES)) : 0;
  return columns > XLSX_LIMITS.columns ? reason('sheetTooWide', { columns, max: XLSX_LIMITS.columns }) : undefined;
}

/** The last column of a worksheet's declared range ("A1:XFD20" → 16384); 0 when the sheet declares none. */
function dimensionColumns(xmlHead: string): number {
  const letters = DIMENSION.exec(xmlHead)?.[1];
  return letters ? [...letters].reduce((n, letter) => n * 26 + letter.charCodeAt(0) - 64, 0) : 0;
}

/** Part names come from the file: shortened before they go into a message. */
function partName(entry: Entry): string {
  return entry.fileName.length > 80 ? `${entry.fileName.slice(0, 80)}…` : entry.fileName;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

import { fileTypeFromBuffer } from 'file-type';
import type { Problem } from '../shared/errors.ts';
import type { EvidenceFile } from './task-commands.ts';
import { taskReason } from './task-messages.ts';

/** Programs have no place among evidence: refused whatever their name says. */
const EXECUTABLE = new Set([
  'application/x-msdownload', 'application/x-elf', 'application/x-mach-binary', 'application/x-msi',
  'application/vnd.microsoft.portable-executable', 'application/x-executable', 'application/x-sharedlib', 'application/wasm',
]);

/**
 * Evidence files are typed by their content, not by the name or the type the sender claims: the stored type is what
 * the bytes are (text if they are UTF-8 text, bytes otherwise), so a download can never be served as something else.
 */
export async function typeEvidence(files: readonly EvidenceFile[]): Promise<{ files: EvidenceFile[]; problems: Problem[] }> {
  const problems: Problem[] = [];
  const typed: EvidenceFile[] = [];
  for (const f of files) {
    const detected = await fileTypeFromBuffer(f.data);
    if (detected && EXECUTABLE.has(detected.mime)) {
      problems.push({ field: 'files', value: f.fileName, ...taskReason('executableEvidence', { type: detected.ext }) });
      continue;
    }
    if (!detected && startsLikeScript(f.data)) {
      problems.push({ field: 'files', value: f.fileName, ...taskReason('executableEvidence', { type: 'script' }) });
      continue;
    }
    typed.push({ ...f, mime: detected?.mime ?? (isUtf8Text(f.data) ? 'text/plain; charset=utf-8' : 'application/octet-stream') });
  }
  return { files: typed, problems };
}

const startsLikeScript = (data: Buffer) => data.subarray(0, 2).toString('latin1') === '#!';

function isUtf8Text(data: Buffer): boolean {
  if (data.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(data);
    return true;
  } catch {
    return false;
  }
}

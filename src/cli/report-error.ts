import { AppError, exitCodeOf, type Problem } from '../shared/errors.ts';
import { asBusyError } from '../writes/busy.ts';

/** The one place errors become CLI output and exit codes. */
export function reportError(raw: unknown): number {
  const err = asBusyError(raw);
  if (err instanceof AppError) {
    process.stderr.write(`Lỗi (${err.code}): ${err.message}\n`);
    const problems = (err.details as { problems?: Problem[] } | undefined)?.problems ?? [];
    for (const p of problems.slice(0, 200)) {
      const where = [
        p.sheet !== undefined ? `trang "${p.sheet}"` : '',
        p.line !== undefined ? `dòng ${p.line}` : '',
        p.column !== undefined ? `cột ${p.column}${p.field ? ` "${p.field}"` : ''}` : p.field ? `cột/trường "${p.field}"` : '',
      ].filter(Boolean).join(', ');
      process.stderr.write(`  - ${where ? `${where}: ` : ''}${p.reason}${p.reasonEn ? ` (${p.reasonEn})` : ''}\n`);
    }
    if (problems.length > 200) process.stderr.write(`  … và ${problems.length - 200} lỗi khác\n`);
    return exitCodeOf[err.code];
  }
  process.stderr.write(`Lỗi hệ thống: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
  return 1;
}

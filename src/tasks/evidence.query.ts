import type { Trx } from '../kpi/kpi-context.ts';
import { NotFoundError } from '../shared/errors.ts';
import { msg } from '../shared/messages.ts';

export interface EvidenceDownload {
  hash: string;
  mime: string;
  data: Buffer;
  /** The name it was first attached under. */
  fileName: string;
}

/** An evidence file by its SHA-256, as stored when a progress or completion report attached it. */
export async function getEvidenceFile(trx: Trx, hash: string): Promise<EvidenceDownload> {
  const file = await trx.selectFrom('evidence_files').select(['hash', 'mime', 'data']).where('hash', '=', hash).executeTakeFirst();
  if (!file) throw new NotFoundError(msg('routeNotFound').vi, { hash });
  const attached = await trx.selectFrom('task_evidence').select('file_name').where('hash', '=', hash).orderBy('id').executeTakeFirst();
  return { ...file, fileName: attached?.file_name ?? hash };
}

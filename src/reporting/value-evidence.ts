import type { Core } from '../core.ts';
import { sha256 } from '../shared/hash.ts';
import { ValidationError } from '../shared/errors.ts';
import { msg } from '../shared/messages.ts';
import { typeEvidence } from '../tasks/evidence-type.ts';
import type { Actor } from '../writes/write-gate.ts';

export interface StoredEvidence {
  hash: string;
  /** What a reported value's `evidence` names: where the file is read back (signed-in readers). */
  url: string;
  fileName: string;
  size: number;
  mime: string;
}

/**
 * Stores an evidence file for a unit's reported values (decision 0030), in the same content-addressed store as task
 * evidence, typed by its bytes (programs refused). The value batch then names it by its URL in `evidence`.
 */
export async function storeValueEvidence(core: Core, actor: Actor, unit: string, file: { fileName: string; mime: string; data: Buffer }): Promise<StoredEvidence> {
  const { files, problems } = await typeEvidence([file]);
  const typed = files[0];
  if (!typed || problems.length > 0) throw new ValidationError(msg('batchRejected', { count: problems.length }).vi, problems);
  const hash = sha256(typed.data);
  const stored = { hash, url: `/api/evidence/${hash}`, fileName: typed.fileName, size: typed.data.length, mime: typed.mime };
  const at = core.ctx.now().toISOString();
  await core.gate.run(actor, { action: 'values.evidence', units: [unit] }, async (trx) => {
    await trx.insertInto('evidence_files').values({ hash, size: stored.size, mime: stored.mime, data: typed.data, created_at: at })
      .onConflict((oc) => oc.doNothing()).execute();
    return { audit: { target: `evidence:${hash}`, before: null, after: { fileName: stored.fileName, size: stored.size, mime: stored.mime } } };
  });
  return stored;
}

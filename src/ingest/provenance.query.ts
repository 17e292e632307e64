import { DEMO_LABEL } from '../demo/demo-label.ts';
import type { Db } from '../store/engine.ts';

/** Whether any stored data is the labelled synthetic demo data, so that screens can say so. */
export async function hasSyntheticData(db: Db): Promise<boolean> {
  const pattern = `${DEMO_LABEL}%`;
  const batch = await db.selectFrom('batches').select('id').where('source', 'like', pattern).limit(1).executeTakeFirst();
  if (batch) return true;
  const value = await db.selectFrom('reported_values').select('id').where('source', 'like', pattern).limit(1).executeTakeFirst();
  return value !== undefined;
}

/** Caches a "yes" for good (synthetic data never leaves a database) and a "no" for a minute. */
export function syntheticDataProbe(db: Db, now: () => number = Date.now): () => Promise<boolean> {
  let known = false;
  let checkedAt = -Infinity;
  return async () => {
    if (known || now() - checkedAt < 60_000) return known;
    known = await hasSyntheticData(db);
    checkedAt = now();
    return known;
  };
}

import type { Db } from '../store/engine.ts';

/** How many ingest batches the database holds: none means nobody has loaded anything yet. */
export async function countBatches(db: Db): Promise<number> {
  const row = await db.selectFrom('batches').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

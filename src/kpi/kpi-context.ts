import type { Transaction } from 'kysely';
import type { Catalogue } from '../indicators/catalogue.ts';
import type { Db } from '../store/engine.ts';
import type { Database } from '../store/schema.ts';
import type { UnitTree } from '../units/unit-tree.ts';
import type { BulkWrites } from '../store/bulk-writes.ts';
import type { DerivedState } from './derived-state.ts';
import type { AcceptedWindow } from '../periods/accepted-window.ts';

export type Trx = Transaction<Database> | Db;

/** What the KPI engine needs: the units and catalogue in memory, and a clock (tests pin it). */
export interface KpiContext {
  units: UnitTree;
  catalogue: Catalogue;
  now: () => Date;
  /** The times and periods accepted as input (see accepted-window.ts). */
  window: AcceptedWindow;
  /** Hot-path writes on the same connection as the transaction. */
  bulk: BulkWrites;
  /** The derived tables of the periods in play, in memory (a cache of the database). */
  state: DerivedState;
}

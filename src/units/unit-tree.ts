import type { Db } from '../store/engine.ts';
import type { UnitKind } from '../store/schema.ts';

export const NATION_CODE = 'VN';

export interface TreeUnit {
  code: string;
  kind: UnitKind;
  parent: string | null;
  name: string;
  nameEn: string;
}

/**
 * The unit hierarchy held in memory for the hot paths (ingest, roll-up, ranking): 3,321 communes,
 * 34 provinces, the ministries and the Nation fit in well under a megabyte.
 */
export class UnitTree {
  private readonly byCode = new Map<string, TreeUnit>();
  private readonly childrenOf = new Map<string, string[]>();
  private readonly ancestorCache = new Map<string, readonly string[]>();

  constructor(units: Iterable<TreeUnit>) {
    for (const u of units) this.byCode.set(u.code, u);
    for (const u of this.byCode.values()) {
      if (!u.parent) continue;
      const list = this.childrenOf.get(u.parent) ?? [];
      list.push(u.code);
      this.childrenOf.set(u.parent, list);
    }
    for (const list of this.childrenOf.values()) list.sort();
  }

  get(code: string): TreeUnit | undefined {
    return this.byCode.get(code);
  }

  has(code: string): boolean {
    return this.byCode.has(code);
  }

  get size(): number {
    return this.byCode.size;
  }

  all(): IterableIterator<TreeUnit> {
    return this.byCode.values();
  }

  children(code: string): readonly string[] {
    return this.childrenOf.get(code) ?? [];
  }

  /** Every unit beneath this one, at any depth (a province: its communes). */
  descendants(code: string): string[] {
    const out: string[] = [];
    for (const child of this.children(code)) out.push(child, ...this.descendants(child));
    return out;
  }

  /** The unit itself, then its parent, up to the Nation. */
  lineage(code: string): readonly string[] {
    const cached = this.ancestorCache.get(code);
    if (cached) return cached;
    const chain: string[] = [];
    for (let u = this.byCode.get(code); u; u = u.parent ? this.byCode.get(u.parent) : undefined) {
      chain.push(u.code);
      if (chain.length > 10) break;
    }
    this.ancestorCache.set(code, chain);
    return chain;
  }

  /** Depth below the Nation: 0 for the Nation, 1 for provinces and ministries, 2 for communes. */
  depth(code: string): number {
    return this.lineage(code).length - 1;
  }

  /**
   * Who a unit is ranked against: provinces among provinces, ministries among ministries, communes within their province.
   */
  peerGroup(code: string): string | undefined {
    const u = this.byCode.get(code);
    if (!u) return undefined;
    if (u.kind === 'commune') return `commune:${u.parent ?? ''}`;
    if (u.kind === 'province' || u.kind === 'ministry') return u.kind;
    return 'nation';
  }

  peers(group: string): string[] {
    if (group.startsWith('commune:')) return [...this.children(group.slice('commune:'.length))];
    return [...this.byCode.values()].filter((u) => u.kind === group).map((u) => u.code).sort();
  }
}

export async function loadUnitTree(db: Db): Promise<UnitTree> {
  const rows = await db
    .selectFrom('units')
    .select(['code', 'kind', 'parent_code', 'name', 'name_en'])
    .where('valid_to', 'is', null)
    .execute();
  return new UnitTree(rows.map((r) => ({ code: r.code, kind: r.kind, parent: r.parent_code, name: r.name, nameEn: r.name_en })));
}

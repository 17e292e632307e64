import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InsertableUnitRow } from '../store/schema.ts';
import { NATION_CODE } from './unit-tree.ts';
import { unitSearchText } from './unit-search.ts';

const defaultDataDir = fileURLToPath(new URL('../../data/', import.meta.url));

/** Proclamation of independence; Nghị quyết 176/2025/QH15 in force; the 2025 administrative reform. */
const NATION_FROM = '1945-09-02';
const MINISTRIES_FROM = '2025-03-01';
const REFORM_DATE = '2025-07-01';

interface RawMinistry {
  code: string;
  kind: string;
  name: string;
  nameEn: string;
}

interface RawAdminUnit {
  Code: string;
  Name: string;
  NameEn: string;
  FullName: string;
  FullNameEn: string;
  AdministrativeUnitShortNameEn: string;
}

interface RawProvince extends RawAdminUnit {
  Wards: RawAdminUnit[];
}

const ministrySubkinds = new Set(['ministry', 'ministerial-agency', 'state-enterprise']);
const provinceSubkinds: Record<string, string> = { City: 'city', Province: 'province' };
const communeSubkinds: Record<string, string> = {
  Ward: 'ward',
  Commune: 'commune',
  'Special administrative region': 'special-zone',
};

type UnitFields = Omit<InsertableUnitRow, 'search_text' | 'valid_to' | 'successor_code'>;

function unitRow(fields: UnitFields): InsertableUnitRow {
  return { ...fields, search_text: unitSearchText(fields), valid_to: null, successor_code: null };
}

function readJson(dataDir: string, file: string): unknown {
  return JSON.parse(readFileSync(join(dataDir, file), 'utf8'));
}

function fail(file: string, what: string): never {
  throw new Error(`${file}: ${what}`);
}

function nationRow(): InsertableUnitRow {
  return unitRow({
    code: NATION_CODE,
    kind: 'nation',
    subkind: 'nation',
    name: 'Việt Nam',
    name_en: 'Vietnam',
    full_name: 'Nước Cộng hòa xã hội chủ nghĩa Việt Nam',
    full_name_en: 'Socialist Republic of Viet Nam',
    parent_code: null,
    valid_from: NATION_FROM,
  });
}

function ministryRows(dataDir: string): InsertableUnitRow[] {
  const file = 'vn-ministries.json';
  const { units } = readJson(dataDir, file) as { units: RawMinistry[] };
  return units.map((m) => {
    if (!ministrySubkinds.has(m.kind)) fail(file, `unknown kind "${m.kind}" of ${m.code}`);
    return unitRow({
      code: m.code,
      kind: 'ministry',
      subkind: m.kind,
      name: m.name,
      name_en: m.nameEn,
      full_name: m.name,
      full_name_en: m.nameEn,
      parent_code: NATION_CODE,
      valid_from: MINISTRIES_FROM,
    });
  });
}

function adminRow(file: string, raw: RawAdminUnit, level: 'province' | 'commune', parent: string): InsertableUnitRow {
  const [pattern, subkinds] = level === 'province' ? [/^\d{2}$/, provinceSubkinds] : [/^\d{5}$/, communeSubkinds];
  const subkind = subkinds[raw.AdministrativeUnitShortNameEn];
  if (!pattern.test(raw.Code)) fail(file, `bad ${level} code "${raw.Code}"`);
  if (!subkind) fail(file, `unknown unit type "${raw.AdministrativeUnitShortNameEn}" of ${raw.Code}`);
  return unitRow({
    code: raw.Code,
    kind: level,
    subkind,
    name: raw.Name,
    name_en: raw.NameEn,
    full_name: raw.FullName,
    full_name_en: raw.FullNameEn,
    parent_code: parent,
    valid_from: REFORM_DATE,
  });
}

function administrativeRows(dataDir: string): InsertableUnitRow[] {
  const file = 'vn-admin-units.json';
  const provinces = readJson(dataDir, file) as RawProvince[];
  return provinces.flatMap((p) => [
    adminRow(file, p, 'province', NATION_CODE),
    ...p.Wards.map((w) => adminRow(file, w, 'commune', p.Code)),
  ]);
}

/** The Nation, the ministries, the 34 provinces and 3,321 communes, as rows ready to insert, parents first. */
export function readReferenceUnits(dataDir: string = defaultDataDir): InsertableUnitRow[] {
  return [nationRow(), ...ministryRows(dataDir), ...administrativeRows(dataDir)];
}

import { describe, expect, it } from 'vitest';
import { UnitTree } from '../units/unit-tree.ts';
import type { ChangeMessage } from './change-bus.ts';
import { filterChange } from './stream-filter.ts';

const tree = new UnitTree([
  { code: 'VN', kind: 'nation', parent: null, name: 'Việt Nam', nameEn: 'Viet Nam' },
  { code: '01', kind: 'province', parent: 'VN', name: 'Hà Nội', nameEn: 'Hanoi' },
  { code: '79', kind: 'province', parent: 'VN', name: 'Hồ Chí Minh', nameEn: 'Ho Chi Minh City' },
  { code: '00004', kind: 'commune', parent: '01', name: 'Ba Đình', nameEn: 'Ba Dinh' },
  { code: 'BCA', kind: 'ministry', parent: 'VN', name: 'Bộ Công an', nameEn: 'Ministry of Public Security' },
]);

const kpi = (indicator: string, unit: string) => ({ indicator, unit, period: '2026-11', value: 1, previous: null });
const task = (leadUnit: string, coordinators: string[]) => ({ id: 1, kind: 'created', directive: '4/TB-VPCP', title: 'x', leadUnit, coordinators, status: 'chua_thuc_hien', dueSoon: false, progress: 0, deadline: '2026-12-31' });
const message: ChangeMessage = {
  seq: 7, at: '2026-11-15T03:00:00Z', kind: 'test',
  changes: {
    kpis: [kpi('dossiers_total', '00004'), kpi('online_rate', '00004'), kpi('dossiers_total', '79')],
    scores: [{ unit: '01', period: '2026-11', score: 80, band: 'tot', rank: 1, peers: 2, previousScore: null, previousRank: null }],
    tasks: [task('BCA', ['01']), task('BCA', [])],
  },
};

describe('what a stream subscriber receives', () => {
  it('gives a province its own changes and those of its communes, and tasks it leads or coordinates', () => {
    const part = filterChange(message, { units: new Set(['01']) }, tree);
    expect(part?.changes.kpis.map((k) => k.unit)).toEqual(['00004', '00004']);
    expect(part?.changes.scores.map((s) => s.unit)).toEqual(['01']);
    expect(part?.changes.tasks).toHaveLength(1);
    expect(part?.seq).toBe(7);
  });

  it('narrows KPI changes to the indicators asked for', () => {
    const part = filterChange(message, { indicators: new Set(['online_rate']) }, tree);
    expect(part?.changes.kpis).toEqual([kpi('online_rate', '00004')]);
  });

  it('sends nothing when nothing matches', () => {
    expect(filterChange({ ...message, changes: { kpis: [kpi('x', '79')], scores: [] } }, { units: new Set(['01']) }, tree)).toBeUndefined();
  });
});

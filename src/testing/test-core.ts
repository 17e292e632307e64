import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startApp, type App } from '../app.ts';
import { loadConfig, type Config } from '../config.ts';
import { signIn, TEST_ADMIN, TEST_PASSWORD, type Client } from './test-client.ts';
import { openCore, type Core } from '../core.ts';
import type { CatalogueDefinition } from '../indicators/indicator.ts';
import type { Actor } from '../writes/write-gate.ts';

export const testActor: Actor = { id: 'test', kind: 'system' };

/** A fresh SQLite file per test, opened through the real core. */
export async function createTestCore(options: { catalogue?: CatalogueDefinition; now?: Date; parseInWorker?: boolean; foldGapAfter?: (tookMs: number) => number; earliest?: string } = {}): Promise<Core & { dir: string; dbFile: string; dispose(): Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'nhipso-test-'));
  const dbFile = join(dir, 'test.db');
  const now = options.now ?? new Date('2026-11-15T03:00:00Z');
  const core = await openCore({ dbFile, now: () => now, catalogue: options.catalogue, parseInWorker: options.parseInWorker, foldGapAfter: options.foldGapAfter, earliest: options.earliest });
  return {
    ...core,
    dir,
    dbFile,
    async dispose() {
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A small catalogue exercising every kind and roll-up rule, so engine tests do not depend on the default one. */
export const testCatalogue: CatalogueDefinition = {
  pillars: [
    { code: 'chinh_quyen_so', name: 'Chính quyền số', nameEn: 'Digital government', weight: 2 },
    { code: 'xa_hoi_so', name: 'Xã hội số', nameEn: 'Digital society', weight: 1 },
  ],
  indicators: [
    {
      code: 'dossiers_total', name: 'Hồ sơ tiếp nhận', nameEn: 'Dossiers received', kind: 'event', measure: 'hồ sơ',
      periodType: 'month', direction: 'higher', rollup: 'sum', pillar: 'chinh_quyen_so', weight: 0,
      appliesTo: ['nation', 'province', 'commune'], event: { type: 'dossier.submitted', aggregate: 'count' },
    },
    {
      code: 'dossiers_online', name: 'Hồ sơ trực tuyến', nameEn: 'Online dossiers', kind: 'event', measure: 'hồ sơ',
      periodType: 'month', direction: 'higher', rollup: 'sum', pillar: 'chinh_quyen_so', weight: 0,
      appliesTo: ['nation', 'province', 'commune'], event: { type: 'dossier.submitted', filter: { channel: 'online' }, aggregate: 'count' },
    },
    {
      code: 'online_rate', name: 'Tỷ lệ hồ sơ trực tuyến', nameEn: 'Online dossier rate', kind: 'formula', measure: '%',
      periodType: 'month', direction: 'higher', rollup: 'ratio', pillar: 'chinh_quyen_so', weight: 2, target: 80, valid: { min: 0, max: 100 },
      appliesTo: ['nation', 'province', 'commune'], formula: 'dossiers_online / dossiers_total * 100',
    },
    {
      code: 'fees_vnd', name: 'Phí, lệ phí thu trực tuyến', nameEn: 'Online fees', kind: 'event', measure: 'đồng',
      periodType: 'month', direction: 'higher', rollup: 'sum', pillar: 'chinh_quyen_so', weight: 0,
      appliesTo: ['nation', 'province', 'commune'], event: { type: 'dossier.submitted', aggregate: 'sum', field: 'fee' },
    },
    {
      code: 'people_trained', name: 'Người được phổ cập kỹ năng số', nameEn: 'People trained', kind: 'event', measure: 'người',
      periodType: 'month', direction: 'higher', rollup: 'sum', pillar: 'xa_hoi_so', weight: 1, target: 3,
      appliesTo: ['nation', 'province', 'commune'], event: { type: 'training.completed', aggregate: 'distinct', field: 'person' },
    },
    {
      code: 'population', name: 'Dân số', nameEn: 'Population', kind: 'reported', measure: 'người',
      periodType: 'year', direction: 'higher', rollup: 'sum', pillar: 'xa_hoi_so', weight: 0, appliesTo: ['nation', 'province', 'commune'],
      valid: { min: 0, integer: true },
    },
    {
      code: 'coverage_5g', name: 'Tỷ lệ dân số được phủ sóng 5G', nameEn: '5G population coverage', kind: 'reported', measure: '%',
      periodType: 'year', direction: 'higher', rollup: 'weighted_mean', weightBy: 'population', pillar: 'xa_hoi_so', weight: 1, target: 90, valid: { min: 0, max: 100 },
      appliesTo: ['nation', 'province', 'commune'],
    },
    {
      code: 'villages_no_power', name: 'Thôn chưa có điện', nameEn: 'Villages without power', kind: 'reported', measure: 'thôn',
      periodType: 'year', direction: 'lower', rollup: 'sum', pillar: 'xa_hoi_so', weight: 1, target: 0, valid: { min: 0, integer: true },
      appliesTo: ['nation', 'province'],
    },
    {
      code: 'speed_rank', name: 'Xếp hạng tốc độ Internet di động', nameEn: 'Mobile internet speed rank', kind: 'reported', measure: 'hạng',
      periodType: 'year', direction: 'lower', rollup: 'latest', pillar: 'xa_hoi_so', weight: 0, appliesTo: ['nation', 'province'],
      valid: { min: 1, integer: true },
    },
    {
      code: 'databases_done', name: 'CSDL hoàn thành', nameEn: 'Databases completed', kind: 'reported', measure: 'CSDL',
      periodType: 'quarter', direction: 'higher', rollup: 'sum', pillar: 'chinh_quyen_so', weight: 1, target: 4, valid: { min: 0, integer: true },
      appliesTo: ['nation', 'ministry'],
    },
  ],
};

/** Builds an NDJSON batch from event objects. */
export const ndjson = (events: object[]) => events.map((e) => JSON.stringify(e)).join('\n');

export interface TestApp extends App {
  dir: string;
  /** The first administrator, signed in. */
  admin: Client;
  dispose(): Promise<void>;
}

/** The real server on a fresh SQLite file and a free port, with a pinned clock; `dispose()` stops it and removes the file. */
export async function startTestApp(options: { catalogue?: CatalogueDefinition; now?: Date; config?: Partial<Config> } = {}): Promise<TestApp> {
  const dir = mkdtempSync(join(tmpdir(), 'nhipso-app-'));
  const now = options.now ?? new Date('2026-11-15T03:00:00Z');
  const config = loadConfig({
    dbFile: join(dir, 'test.db'), port: 0, host: '127.0.0.1', logLevel: 'silent',
    adminUser: TEST_ADMIN, adminPassword: TEST_PASSWORD, rateLimitPerMinute: 100_000, loginRateLimitPerMinute: 1000, ...options.config,
  }, {});
  const app = await startApp(config, { now: () => now, catalogue: options.catalogue });
  return {
    ...app,
    dir,
    admin: await signIn(app.url, TEST_ADMIN),
    async dispose() {
      await app.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

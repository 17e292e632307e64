import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { normalizePeriodInput } from '../periods/period.ts';
import type { Database } from '../store/schema.ts';
import { countRows } from '../testing/db-fingerprint.ts';
import {
  corruptedFile, deeplyNested, hostileJson, hostileNumber, hostileText, jsonObjectText, MALICIOUS_STRINGS, urlSafeText,
} from '../testing/hostile-arbitraries.ts';
import { seedDirective, seedTask } from '../testing/task-fixtures.ts';
import { addTestUser, TEST_ADMIN, TEST_PASSWORD } from '../testing/test-client.ts';
import { startTestApp, testCatalogue, type TestApp } from '../testing/test-core.ts';

/** Fixed, so that a run replays exactly; every failure names it. Set FC_SEED to explore other inputs. */
const SEED = Number(process.env.FC_SEED ?? 20261115);
/** Small, so that oversized bodies are cheap to send. */
const BODY_LIMIT = 1024 * 1024;
const runs = (numRuns: number) => ({ seed: SEED, numRuns, endOnFailure: true });

const UNITS = ['01', '00004', '48', '20194', 'VN', 'BKHCN', 'KHONGCO'];
const REPORTED = ['population', 'coverage_5g', 'villages_no_power', 'speed_rank', 'databases_done'];
const PERIODS = ['2026', '2025', 'năm 2026', '2026-Q4', 'Q4/2026', '2026-11', '11/2026', '2026-13'];
const TASK_HEADER = ['STT', 'Nội dung nhiệm vụ', 'Đơn vị chủ trì', 'Đơn vị phối hợp', 'Người chịu trách nhiệm', 'Chức vụ', 'Điện thoại', 'Thời hạn', 'Sản phẩm', 'Cấp có thẩm quyền'];
const TASK_ROW = [1, 'Số hóa hồ sơ', '01', 'BKHCN', 'Trần Thị B', 'Giám đốc Sở', '024 3943 7766', 'Quý 4/2026', 'Báo cáo', 'Chủ tịch UBND'];

let app: TestApp;
let directivePath: string;
let reportTasks: number[];
let valueXlsx: Buffer;
let taskXlsx: Buffer;
const baseline = {} as Record<keyof Database, number>;
let baselineTargets: Set<string>;
let baselineIndicators: Set<string>;

/** What the server said it accepted; at the end the database must hold exactly this. */
const ledger = {
  writes: 0, events: 0, batches: 0, values: 0, directives: 0, tasks: 0, users: 0, tokens: 0, publications: 0,
  targets: new Set<string>(), indicators: new Set<string>(),
};
/** Strings the server accepted, as the client sent them, to be read back unchanged. */
const sent = {
  events: new Map<string, [string, unknown][]>(),
  values: new Map<number, { unit: string; indicator: string; value: number; source: string | null; evidence: string | null }[]>(),
  sheetSources: new Map<number, string>(),
  directives: new Map<number, { number: string; type: string; issuer: string; title: string }>(),
  tasks: new Map<number, { title: string; description: string | null; responsible: { name: string; position: string; contact: string }; deliverable: string; approver: string }>(),
  users: new Map<string, string>(),
  tokens: new Map<number, string>(),
  indicators: new Map<string, { name: string; nameEn: string; measure: string; description?: string }>(),
};

beforeAll(async () => {
  app = await startTestApp({ catalogue: testCatalogue, config: { bodyLimit: BODY_LIMIT } });
  directivePath = `/api/directives/${encodeURIComponent(await seedDirective(app.core))}`;
  reportTasks = [await seedTask(app.core, '01'), await seedTask(app.core, '00004'), await seedTask(app.core, '01', { submitted: true }), await seedTask(app.core, '48', { submitted: true })];
  await addTestUser(app.core, 'fuzz.viewer', 'viewer', '01');
  valueXlsx = await workbook([['Mã đơn vị', 'population'], ['01', 8_435_700], ['48', 1_220_200]]);
  taskXlsx = await workbook([TASK_HEADER, TASK_ROW]);
  for (const table of ['batches', 'events', 'reported_values', 'directives', 'tasks', 'users', 'api_tokens', 'indicators', 'targets', 'audit_log', 'published_periods'] as const) {
    baseline[table] = await countRows(app.core.db, table);
  }
  baselineTargets = new Set((await app.core.db.selectFrom('targets').select(['indicator_code', 'unit_code', 'period']).execute()).map((t) => `${t.indicator_code}|${t.unit_code}|${t.period}`));
  baselineIndicators = new Set((await app.core.db.selectFrom('indicators').select('code').execute()).map((i) => i.code));
});
afterAll(async () => app.dispose());

async function workbook(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Báo cáo');
  rows.forEach((cells) => ws.addRow(cells));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are whatever the server said; the assertions check them
type Body = any;
interface Answer { status: number; body: Body }

/**
 * Promises every answer keeps, broken during the current test: one entry per endpoint and kind of breach, with the
 * first request that showed it. Collected rather than thrown, so one known breach does not hide the others.
 */
const violations = new Map<string, string>();
beforeEach(() => violations.clear());
function expectNoViolations(): void {
  expect([...violations.values()], `replay with FC_SEED=${SEED}`).toEqual([]);
}

/** `/api/tasks/12/progress` → `/api/tasks/:x/progress`: one entry per endpoint, whatever the ids. */
const route = (path: string) => (path.split('?')[0] ?? '').split('/').map((s) => (/^[a-z-]{1,20}$/.test(s) || s === '' ? s : ':x')).join('/');

/** Sends one write as the administrator: no 5xx, and every 4xx in the error shape. A 2xx is one write, so one audit record. */
async function write(method: string, path: string, body?: RequestInit['body'], contentType?: string): Promise<Answer> {
  const headers: Record<string, string> = contentType === undefined ? {} : { 'content-type': contentType };
  const res = await app.admin.fetch(path, { method, headers, body });
  const text = await res.text();
  let parsed: Body;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const seen = `${method} ${path.slice(0, 100)} (${contentType ?? 'no content type'}) → ${res.status} ${text.slice(0, 200)}`;
  const shaped = typeof parsed?.error?.code === 'string' && typeof parsed?.error?.message === 'string';
  if (res.status >= 500) note(`${method} ${route(path)} answered ${res.status}`, seen);
  else if (res.status >= 400 && !shaped) note(`${method} ${route(path)} answered ${res.status} outside the error shape`, seen);
  if (res.status < 300) ledger.writes += 1;
  return { status: res.status, body: parsed };
}
function note(breach: string, seen: string): void {
  if (!violations.has(breach)) violations.set(breach, `${breach}; first seen: ${seen}`);
}
const writeJson = (method: string, path: string, value: unknown) => write(method, path, JSON.stringify(value), 'application/json');
const ok = (a: Answer) => a.status >= 200 && a.status < 300;
const read = async (path: string): Promise<Body> => (await app.admin.fetch(path)).json();

function multipart(fileName: string, data: Buffer): FormData {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)]), fileName);
  return form;
}

const eventLine = fc.record({
  id: fc.oneof({ weight: 6, arbitrary: fc.uuid() }, { weight: 1, arbitrary: fc.constantFrom('trung-1', 'trung-2') }),
  type: fc.constantFrom('dossier.submitted', 'dossier.submitted', 'training.completed', 'Dossier.Submitted', 'khong.co', 'x'.repeat(129)),
  unit: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...UNITS) }, { weight: 1, arbitrary: hostileText }),
  time: fc.oneof(
    { weight: 5, arbitrary: fc.integer({ min: 1, max: 15 }).map((d) => `2026-11-${String(d).padStart(2, '0')}T09:00:00+07:00`) },
    { weight: 1, arbitrary: fc.constantFrom('2026-10-31', '2999-01-01', 'hôm qua', '2026-02-30', '', '2026-11-01T25:00:00Z') },
  ),
  attributes: fc.array(fc.tuple(
    fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'channel', ...MALICIOUS_STRINGS.slice(0, 6)), fc.string({ maxLength: 70 })),
    fc.oneof(hostileText, hostileNumber, fc.boolean(), hostileJson),
  ), { maxLength: 5 }),
  fee: fc.option(fc.oneof(fc.integer({ min: 0, max: 1_000_000 }), hostileNumber), { nil: undefined }),
  person: fc.option(hostileText, { nil: undefined }),
}).map(({ attributes, fee, person, ...envelope }) => {
  const attrs: [string, unknown][] = [...attributes];
  if (fee !== undefined) attrs.push(['fee', fee]);
  if (person !== undefined) attrs.push(['person', person]);
  return `${jsonObjectText(Object.entries(envelope)).slice(0, -1)},"attributes":${jsonObjectText(attrs)}}`;
});

const ndjsonLine = fc.oneof(
  { weight: 8, arbitrary: eventLine },
  { weight: 1, arbitrary: fc.json({ maxDepth: 3 }) },
  { weight: 1, arbitrary: hostileText },
  { weight: 1, arbitrary: fc.constantFrom('{"id":"x","type":"dossier.submitted","unit":"01","time":"2026-11-01","attributes":{"fee":1e400}}', '[1,2,3]', 'null', '{"id":', '{}') },
);

/** Text within every length limit, so that what decides acceptance is its content. */
const storableText = (max: number) => hostileText.filter((t) => t.length <= max);

/** An event valid in every field the server checks, carrying hostile keys and text in its attributes. */
const validEventLine = fc.record({
  id: fc.oneof({ weight: 9, arbitrary: fc.uuid() }, { weight: 1, arbitrary: fc.constantFrom('trung-1', 'trung-2') }),
  type: fc.constantFrom('dossier.submitted', 'training.completed'),
  unit: fc.constantFrom('01', '00004', '48', '20194'),
  day: fc.integer({ min: 1, max: 15 }),
  attributes: fc.array(fc.tuple(
    fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'channel', ...MALICIOUS_STRINGS.slice(0, 8)), fc.string({ maxLength: 20 })),
    fc.oneof(storableText(1000), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean()),
  ), { maxLength: 4 }),
  fee: fc.oneof({ weight: 19, arbitrary: fc.integer({ min: 0, max: 1_000_000 }) }, { weight: 1, arbitrary: fc.constantFrom(1e308, Number.MAX_VALUE) }),
  person: storableText(1000).filter((t) => t !== ''),
}).map(({ id, type, unit, day, attributes, fee, person }) => {
  const attrs: [string, unknown][] = [...attributes, type === 'dossier.submitted' ? ['fee', fee] : ['person', person]];
  const envelope: [string, unknown][] = [['id', id], ['type', type], ['unit', unit], ['time', `2026-11-${String(day).padStart(2, '0')}T09:00:00+07:00`]];
  return `${jsonObjectText(envelope).slice(0, -1)},"attributes":${jsonObjectText(attrs)}}`;
});

interface ValueRow { unit: string; indicator: string; period: string; value: unknown; source?: string; evidence?: string }

/** A reported value valid in unit, indicator and period, with edge numbers and hostile source and evidence. */
const validValueRow = fc.oneof(
  fc.record({ indicator: fc.constantFrom('population', 'coverage_5g'), unit: fc.constantFrom('01', '00004', '48', '20194', 'VN'), period: fc.constantFrom('2026', 'năm 2026', '2025') }),
  fc.record({ indicator: fc.constant('databases_done'), unit: fc.constant('BKHCN'), period: fc.constantFrom('2026-Q4', 'Q4/2026', '2026-Q3') }),
  fc.record({ indicator: fc.constant('villages_no_power'), unit: fc.constantFrom('01', '48'), period: fc.constant('2026') }),
).chain((cell) => fc.record({
  value: fc.oneof({ weight: 19, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }) }, { weight: 1, arbitrary: fc.constantFrom(1e308, Number.MAX_VALUE) }),
  source: fc.option(storableText(200), { nil: undefined }),
  evidence: fc.option(storableText(2000), { nil: undefined }),
}).map((rest) => ({ ...cell, ...rest })));

describe('hostile input at every write endpoint, as the administrator', () => {
  it('NDJSON events: never a 5xx, and only whole valid batches are stored', async () => {
    await fc.assert(fc.asyncProperty(
      fc.oneof({ weight: 3, arbitrary: fc.array(validEventLine, { minLength: 1, maxLength: 4 }) }, { weight: 2, arbitrary: fc.array(ndjsonLine, { minLength: 1, maxLength: 5 }) }),
      fc.constantFrom('\n', '\r\n'),
      fc.constantFrom('application/x-ndjson', 'application/x-ndjson', 'application/x-ndjson', 'text/plain', 'application/json', 'application/octet-stream'),
      fc.constantFrom('clean', 'clean', 'clean', 'invalid-utf8', 'bom'),
      async (lines, separator, contentType, damage) => {
        const text = lines.join(separator);
        const body = damage === 'invalid-utf8' ? Buffer.concat([Buffer.from(text), Buffer.from([0x0a, 0xff, 0xfe, 0xc3, 0x28, 0x0a])])
          : damage === 'bom' ? `\ufeff${text}` : text;
        const answer = await write('POST', '/api/events', body, contentType);
        if (!ok(answer)) return;
        ledger.events += answer.body.accepted;
        if (answer.body.accepted > 0) ledger.batches += 1;
        if (damage !== 'clean') return;
        for (const line of lines) {
          const event = parseLine(line);
          if (event && !sent.events.has(event.id)) sent.events.set(event.id, event.attributes);
        }
      },
    ), runs(200));
    expectNoViolations();
  });

  it('reported values as JSON: never a 5xx, whole batch or nothing', async () => {
    const row = fc.record({
      unit: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...UNITS) }, { weight: 1, arbitrary: hostileText }),
      indicator: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...REPORTED, 'dossiers_total') }, { weight: 1, arbitrary: hostileText }),
      period: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...PERIODS) }, { weight: 1, arbitrary: hostileText }),
      value: fc.oneof({ weight: 5, arbitrary: hostileNumber }, { weight: 1, arbitrary: hostileJson }),
      source: fc.option(hostileText, { nil: undefined }),
      evidence: fc.option(hostileText, { nil: undefined }),
    });
    const rows: fc.Arbitrary<ValueRow[]> = fc.oneof({ weight: 3, arbitrary: fc.array(validValueRow, { minLength: 1, maxLength: 3 }) }, { weight: 1, arbitrary: fc.array(row, { minLength: 1, maxLength: 4 }) });
    const batch = fc.oneof(
      { weight: 4, arbitrary: rows.map((values) => ({ payload: values as unknown, values, source: undefined as string | undefined })) },
      { weight: 2, arbitrary: fc.record({ values: rows, source: fc.option(hostileText, { nil: undefined }) }).map((b) => ({ payload: b as unknown, ...b })) },
      { weight: 1, arbitrary: hostileJson.map((payload) => ({ payload, values: undefined, source: undefined })) },
    );
    await fc.assert(fc.asyncProperty(batch, async ({ payload, values, source }) => {
      const answer = await writeJson('POST', '/api/values', payload);
      if (!ok(answer)) return;
      ledger.values += answer.body.accepted;
      ledger.batches += 1;
      if (!values) return;
      sent.values.set(answer.body.batchId, values.map((v) => ({
        unit: v.unit, indicator: v.indicator, value: v.value as number,
        source: typeof v.source === 'string' ? v.source : source ?? null, evidence: typeof v.evidence === 'string' ? v.evidence : null,
      })));
    }), runs(200));
    expectNoViolations();
  });

  it('value sheets (CSV, XLSX, corrupted XLSX, random bytes): never a 5xx', async () => {
    await fc.assert(fc.asyncProperty(sheetUpload(valueCsv(), valueXlsx), fc.constantFrom('2026', '2026', '2026-11', undefined), fc.option(urlSafeText, { nil: undefined }), async (file, period, source) => {
      const query = new URLSearchParams();
      if (period) query.set('period', period);
      if (source !== undefined) query.set('source', source.slice(0, 200));
      const answer = await upload('/api/values/import', file, query);
      if (!ok(answer)) return;
      ledger.values += answer.body.accepted;
      ledger.batches += 1;
      sent.sheetSources.set(answer.body.batchId, source === undefined ? file.name : source.slice(0, 200));
    }), runs(60));
    expectNoViolations();
  });

  it('targets: never a 5xx', async () => {
    const target = fc.record({
      indicator: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...REPORTED, 'online_rate', 'people_trained') }, { weight: 1, arbitrary: hostileText }),
      unit: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...UNITS) }, { weight: 1, arbitrary: hostileText }),
      period: fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...PERIODS) }, { weight: 1, arbitrary: hostileText }),
      value: hostileNumber,
    });
    await fc.assert(fc.asyncProperty(fc.oneof({ weight: 4, arbitrary: fc.array(target, { minLength: 1, maxLength: 4 }) }, { weight: 1, arbitrary: hostileJson }), async (body) => {
      const answer = await writeJson('PUT', '/api/targets', body);
      if (!ok(answer) || !Array.isArray(body)) return;
      for (const t of body as { indicator: string; unit: string; period: string }[]) ledger.targets.add(`${t.indicator}|${t.unit}|${normalizePeriodInput(String(t.period))}`);
    }), runs(150));
    expectNoViolations();
  });

  it('indicator definitions: never a 5xx', async () => {
    const definition = fc.record({
      code: fc.stringMatching(/^fz_[a-z0-9_]{1,12}$/),
      name: hostileText,
      nameEn: hostileText,
      description: fc.option(hostileText, { nil: undefined }),
      kind: fc.constantFrom('reported', 'reported', 'event', 'formula'),
      measure: hostileText,
      periodType: fc.constantFrom('day', 'month', 'quarter', 'year', 'week'),
      direction: fc.constantFrom('higher', 'lower'),
      rollup: fc.constantFrom('sum', 'latest', 'ratio', 'weighted_mean'),
      pillar: fc.constantFrom('xa_hoi_so', 'chinh_quyen_so', 'khong_co'),
      weight: fc.oneof(fc.constant(0), hostileNumber),
      appliesTo: fc.subarray(['nation', 'ministry', 'province', 'commune']),
      target: fc.option(hostileNumber, { nil: undefined }),
      formula: fc.option(fc.constantFrom('population * 2', 'population / 0', '((((', "1; DROP TABLE indicators"), { nil: undefined }),
    });
    const validDefinition = fc.record({
      code: fc.stringMatching(/^fz_[a-z0-9_]{1,12}$/),
      name: storableText(200).filter((t) => t.trim() !== ''),
      nameEn: storableText(200).filter((t) => t.trim() !== ''),
      description: fc.option(storableText(2000), { nil: undefined }),
      kind: fc.constant('reported'),
      measure: storableText(40).filter((t) => t.trim() !== ''),
      periodType: fc.constantFrom('day', 'month', 'quarter', 'year'),
      direction: fc.constantFrom('higher', 'lower'),
      rollup: fc.constantFrom('sum', 'latest'),
      pillar: fc.constantFrom('xa_hoi_so', 'chinh_quyen_so'),
      weight: fc.constantFrom(0, 0.5, 1, 100),
      appliesTo: fc.subarray(['nation', 'ministry', 'province', 'commune'], { minLength: 1 }),
      target: fc.option(fc.double({ noNaN: true, noDefaultInfinity: true }), { nil: undefined }),
    });
    await fc.assert(fc.asyncProperty(
      fc.oneof({ weight: 3, arbitrary: validDefinition }, { weight: 2, arbitrary: definition }, { weight: 1, arbitrary: hostileJson }),
      fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: urlSafeText }),
      async (body, otherCode) => {
        const code = otherCode ?? (isObject(body) && typeof body.code === 'string' ? body.code : 'fz_khong_co');
        const answer = await writeJson('PUT', `/api/indicators/${encodeURIComponent(code)}`, body);
        if (!ok(answer) || !isObject(body)) return;
        const def = body as { code: string; name: string; nameEn: string; measure: string; description?: string };
        ledger.indicators.add(def.code);
        sent.indicators.set(def.code, { name: def.name, nameEn: def.nameEn, measure: def.measure, description: def.description });
      },
    ), runs(100));
    expectNoViolations();
  });

  it('directives: never a 5xx', async () => {
    const directive = fc.record({
      number: fc.oneof(fc.uuid().map((u) => `${u.slice(0, 8)}/CT-FZ`), hostileText),
      type: hostileText,
      issuedOn: fc.oneof(fc.constantFrom('05/01/2026', '2026-01-05', '31/02/2026', '2026-13-01'), hostileText),
      issuer: hostileText,
      title: hostileText,
    });
    const filled = storableText(1000).filter((t) => t.trim() !== '');
    const validDirective = fc.record({ number: fc.uuid().map((u) => `${u.slice(0, 13)}/KH-FZ`), type: filled, issuedOn: fc.constantFrom('05/01/2026', '2026-01-05'), issuer: filled, title: filled });
    await fc.assert(fc.asyncProperty(fc.oneof({ weight: 2, arbitrary: validDirective }, { weight: 2, arbitrary: directive }, { weight: 1, arbitrary: hostileJson }), async (body) => {
      const answer = await writeJson('POST', '/api/directives', body);
      if (!ok(answer)) return;
      ledger.directives += 1;
      const d = body as { number: string; type: string; issuer: string; title: string };
      sent.directives.set(answer.body.id, { number: d.number.trim(), type: d.type.trim(), issuer: d.issuer.trim(), title: d.title.trim() });
    }), runs(150));
    expectNoViolations();
  });

  it('tasks as JSON: never a 5xx, all "6 rõ" or nothing', async () => {
    const task = fc.record({
      title: hostileText,
      description: fc.option(hostileText, { nil: undefined }),
      leadUnit: fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...UNITS) }, { weight: 1, arbitrary: hostileText }),
      coordinators: fc.option(fc.subarray(UNITS), { nil: undefined }),
      responsible: fc.record({ name: hostileText, position: hostileText, contact: hostileText }),
      deadline: fc.oneof(fc.constantFrom('Quý 4/2026', '31/12/2026', 'tháng 12/2026', '2026-12-31', '30/02/2026', '01/01/2020'), hostileText),
      deliverable: hostileText,
      approver: hostileText,
    });
    const filled = storableText(2000).filter((t) => t.trim() !== '');
    const validTask = fc.record({
      title: filled, description: fc.option(storableText(2000), { nil: undefined }), leadUnit: fc.constantFrom('01', '00004', 'BKHCN', '48'),
      responsible: fc.record({ name: filled, position: filled, contact: filled }), deadline: fc.constantFrom('Quý 4/2026', '31/12/2026', 'tháng 12/2026'),
      deliverable: filled, approver: filled,
    });
    const tasks = fc.oneof(fc.array(validTask, { minLength: 1, maxLength: 3 }), fc.array(task, { minLength: 1, maxLength: 3 }));
    await fc.assert(fc.asyncProperty(fc.oneof({ weight: 3, arbitrary: tasks }, { weight: 1, arbitrary: tasks.map((t) => ({ tasks: t })) }, { weight: 1, arbitrary: hostileJson }), async (body) => {
      const answer = await writeJson('POST', `${directivePath}/tasks`, body);
      if (!ok(answer)) return;
      const inputs = (Array.isArray(body) ? body : (body as { tasks: unknown[] }).tasks) as { title: string; description?: string; responsible: { name: string; position: string; contact: string }; deliverable: string; approver: string }[];
      ledger.tasks += answer.body.ids.length;
      (answer.body.ids as number[]).forEach((id, i) => {
        const t = inputs[i];
        if (!t) return;
        sent.tasks.set(id, {
          title: t.title.trim(), description: t.description?.trim() ? t.description.trim() : null, deliverable: t.deliverable.trim(), approver: t.approver.trim(),
          responsible: { name: t.responsible.name.trim(), position: t.responsible.position.trim(), contact: t.responsible.contact.trim() },
        });
      });
    }), runs(150));
    expectNoViolations();
  });

  it('task sheets (CSV, XLSX, corrupted XLSX, random bytes): never a 5xx', async () => {
    await fc.assert(fc.asyncProperty(sheetUpload(taskCsv(), taskXlsx), async (file) => {
      const answer = await upload(`${directivePath}/tasks/import`, file, new URLSearchParams());
      if (ok(answer)) ledger.tasks += answer.body.accepted;
    }), runs(60));
    expectNoViolations();
  });

  it('progress, completion, acceptance and rejection reports: never a 5xx', async () => {
    const report = fc.record({
      progress: fc.oneof(fc.integer({ min: 0, max: 100 }), hostileNumber, hostileJson),
      note: fc.option(hostileText, { nil: undefined }),
      reason: fc.option(hostileText, { nil: undefined }),
      links: fc.option(fc.array(fc.oneof(fc.constantFrom('https://hanoi.gov.vn/bao-cao', 'javascript:alert(1)', `https://${'a'.repeat(2100)}`), hostileText), { maxLength: 3 }), { nil: undefined }),
    });
    await fc.assert(fc.asyncProperty(
      fc.integer({ min: 0, max: 3 }), fc.constantFrom('progress', 'complete', 'accept', 'reject'), fc.oneof({ weight: 4, arbitrary: report }, { weight: 1, arbitrary: hostileJson }),
      fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.tuple(urlSafeText, fc.uint8Array({ maxLength: 256 })) }),
      async (which, action, body, file) => {
        const path = `/api/tasks/${reportTasks[which]}/${action}`;
        if (!file || !isObject(body)) return void (await writeJson('POST', path, body));
        const form = new FormData();
        for (const [k, v] of Object.entries(body)) form.append(k, typeof v === 'string' ? v : JSON.stringify(v) ?? '');
        form.append('files', new Blob([file[1]]), file[0]);
        await write('POST', path, form);
      },
    ), runs(150));
    expectNoViolations();
  });

  it('accounts: never a 5xx', async () => {
    const account = fc.record({
      username: fc.oneof(fc.stringMatching(/^[a-z0-9][a-z0-9._-]{2,16}$/), hostileText),
      displayName: fc.option(hostileText, { nil: undefined }),
      role: fc.oneof(fc.constantFrom('admin', 'steering', 'editor', 'viewer', 'root', 'Admin'), hostileText),
      unit: fc.option(fc.constantFrom('01', '48', '00004', 'KHONGCO'), { nil: undefined }),
      password: fc.option(fc.oneof(fc.constant(TEST_PASSWORD), hostileText), { nil: undefined }),
    });
    const validAccount = fc.record({
      username: fc.stringMatching(/^[a-z0-9][a-z0-9._-]{2,16}$/),
      displayName: fc.option(storableText(200), { nil: undefined }),
      password: fc.option(fc.constant(TEST_PASSWORD), { nil: undefined }),
    }).chain((a) => fc.oneof(
      fc.constantFrom('admin', 'steering').map((role) => ({ ...a, role })),
      fc.tuple(fc.constantFrom('editor', 'viewer'), fc.constantFrom('01', '48', '00004', 'BKHCN')).map(([role, unit]) => ({ ...a, role, unit })),
    ));
    await fc.assert(fc.asyncProperty(fc.oneof({ weight: 2, arbitrary: validAccount }, { weight: 2, arbitrary: account }, { weight: 1, arbitrary: hostileJson }), async (body) => {
      const answer = await writeJson('POST', '/api/users', body);
      if (!ok(answer)) return;
      ledger.users += 1;
      const a = body as { username: string; displayName?: string };
      const username = a.username.trim().toLowerCase();
      sent.users.set(username, a.displayName?.trim() || username);
    }), runs(40));
    expectNoViolations();
  });

  it('disabling, enabling and resetting accounts, and revoking tokens: never a 5xx', async () => {
    const username = fc.oneof(fc.constantFrom('fuzz.viewer', 'khong.co'), urlSafeText).filter((u) => u.trim().toLowerCase() !== TEST_ADMIN && u.length > 0);
    await fc.assert(fc.asyncProperty(
      fc.oneof(
        fc.tuple(fc.constantFrom('disable', 'enable', 'reset-password'), username).map(([op, u]) => ({ method: 'POST', path: `/api/users/${encodeURIComponent(u)}/${op}` })),
        fc.oneof(fc.integer({ min: -3, max: 40 }).map(String), urlSafeText).map((id) => ({ method: 'DELETE', path: `/api/tokens/${encodeURIComponent(id)}` })),
      ),
      async ({ method, path }) => void (await write(method, path)),
    ), runs(60));
    expectNoViolations();
  });

  it('tokens: never a 5xx', async () => {
    const token = fc.record({
      name: hostileText,
      units: fc.array(fc.oneof(fc.constantFrom('01', '48', 'VN', 'KHONGCO'), hostileText), { maxLength: 3 }),
      eventTypes: fc.array(fc.oneof(fc.constantFrom('dossier.*', '*', 'training.completed', 'Bad Type', '..', 'a.*.b'), hostileText), { maxLength: 3 }),
    });
    const validToken = fc.record({
      name: storableText(200).filter((t) => t.trim() !== ''),
      units: fc.subarray(['01', '48', 'VN', '00004'], { minLength: 1 }),
      eventTypes: fc.subarray(['dossier.*', '*', 'training.completed'], { minLength: 1 }),
    });
    await fc.assert(fc.asyncProperty(fc.oneof({ weight: 2, arbitrary: validToken }, { weight: 2, arbitrary: token }, { weight: 1, arbitrary: hostileJson }), async (body) => {
      const answer = await writeJson('POST', '/api/tokens', body);
      if (!ok(answer)) return;
      ledger.tokens += 1;
      sent.tokens.set(answer.body.record.id, (body as { name: string }).name.trim());
    }), runs(100));
    expectNoViolations();
  });

  it('publications and their corrections: never a 5xx', async () => {
    const month = fc.oneof(fc.constantFrom('2026-10', '2026-11', '2026-12', '2026-13', '2025-02', '10/2026', ' 2026-10 '), hostileText);
    const request = fc.oneof(
      fc.record({ period: month, note: fc.option(fc.oneof(hostileText, fc.constant(null)), { nil: undefined }) }).map((body) => ({ path: '/api/publications', body: body as unknown })),
      fc.tuple(fc.oneof(fc.constantFrom('2026-10', '2025-02'), urlSafeText), fc.record({ reason: fc.option(hostileText, { nil: undefined }), units: fc.option(fc.array(fc.oneof(fc.constantFrom(...UNITS), hostileText), { maxLength: 3 }), { nil: undefined }) }))
        .map(([period, body]) => ({ path: `/api/publications/${encodeURIComponent(period)}/corrections`, body: body as unknown })),
      hostileJson.map((body) => ({ path: '/api/publications', body })),
    );
    await fc.assert(fc.asyncProperty(request, async ({ path, body }) => {
      const answer = await writeJson('POST', path, body);
      if (ok(answer) && path === '/api/publications') ledger.publications += 1;
    }), runs(80));
    expectNoViolations();
  });

  it('answers a body of the wrong media type with a 4xx in the error shape', async () => {
    const endpoints = [
      ['POST', '/api/events'], ['POST', '/api/values'], ['POST', '/api/values/import'], ['PUT', '/api/targets'], ['PUT', '/api/indicators/fz_media'],
      ['POST', '/api/directives'], ['POST', `/api/directives/1/tasks`], ['POST', '/api/directives/1/tasks/import'], ['POST', '/api/tasks/1/progress'],
      ['POST', '/api/tasks/1/complete'], ['POST', '/api/tasks/1/accept'], ['POST', '/api/tasks/1/reject'], ['POST', '/api/users'], ['POST', '/api/tokens'],
      ['POST', '/api/publications'], ['POST', '/api/publications/2026-10/corrections'],
    ] as const;
    const mediaTypes = [
      'text/plain', 'application/xml', 'image/png', 'multipart/form-data', 'multipart/form-data; boundary=----x', 'application/x-www-form-urlencoded',
      'application/json; charset=utf-16', 'application/json', 'text/csv', 'application/octet-stream', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'bogus',
    ];
    await fc.assert(fc.asyncProperty(
      fc.constantFrom(...endpoints), fc.constantFrom(...mediaTypes), fc.oneof(fc.uint8Array({ minLength: 1, maxLength: 2000 }), hostileText.map((s) => new TextEncoder().encode(`${s}x`))),
      async ([method, path], contentType, bytes) => {
        const answer = await write(method, path, Buffer.from(bytes), contentType);
        if (ok(answer)) note(`${method} ${path} accepted a body of ${contentType}`, Buffer.from(bytes).toString('hex').slice(0, 80));
      },
    ), runs(200));
    expectNoViolations();
  });

  const oversized: [string, string, string][] = [
    ['POST', '/api/events', 'application/x-ndjson'], ['POST', '/api/values', 'application/json'], ['POST', '/api/values/import?filename=a.csv', 'text/csv'],
    ['POST', '/api/values/import?filename=a.xlsx', 'application/octet-stream'], ['PUT', '/api/targets', 'application/json'], ['POST', '/api/directives', 'application/json'],
    ['POST', '/api/directives/1/tasks', 'application/json'], ['POST', '/api/directives/1/tasks/import?filename=a.csv', 'text/csv'], ['POST', '/api/users', 'application/json'],
  ];
  it.each(oversized)('refuses an oversized body to %s %s (%s) with 413', async (method, path, contentType) => {
    const answer = await write(method, path, Buffer.alloc(BODY_LIMIT + 1, 0x20), contentType);
    expect(answer.status).toBe(413);
    expectNoViolations();
  });

  it('refuses an oversized file sent as multipart with 413', async () => {
    const answer = await write('POST', '/api/values/import', multipart('to.csv', Buffer.alloc(BODY_LIMIT + 1, 0x41)));
    expect(answer.status).toBe(413);
    expectNoViolations();
  });

  it('refuses batches over their line limits, naming the limit', async () => {
    const tooManyEvents = await write('POST', '/api/events', Array.from({ length: 50_001 }, () => '{}').join('\n'), 'application/x-ndjson');
    const tooManyValues = await writeJson('POST', '/api/values', Array.from({ length: 50_001 }, () => 0));
    const tooManyTasks = await writeJson('POST', `${directivePath}/tasks`, Array.from({ length: 5001 }, () => ({})));
    expect([tooManyEvents.status, tooManyValues.status, tooManyTasks.status]).toEqual([400, 400, 400]);
    expectNoViolations();
  });

  const deep = deeplyNested(100_000);
  const nested: [string, string, string, string][] = [
    ['a value row whose unit is', 'POST', '/api/values', `[{"unit":${deep},"indicator":"population","period":"2026","value":1}]`],
    ['an event whose id is', 'POST', '/api/events', `{"id":${deep},"type":"dossier.submitted","unit":"01","time":"2026-11-01"}`],
    ['an event attribute that is', 'POST', '/api/events', `{"id":"sau","type":"dossier.submitted","unit":"01","time":"2026-11-01","attributes":{"fee":${deep}}}`],
    ['a value batch that is', 'POST', '/api/values', deep],
    ['a target whose indicator is', 'PUT', '/api/targets', `[{"indicator":${deep},"unit":"01","period":"2026","value":1}]`],
    ['a directive whose number is', 'POST', '/api/directives', `{"number":${deep}}`],
    ['a task whose title is', 'POST', '/api/directives/1/tasks', `[{"title":${deep}}]`],
    ['a progress report whose progress is', 'POST', '/api/tasks/1/progress', `{"progress":${deep}}`],
    ['an account whose username is', 'POST', '/api/users', `{"username":${deep},"role":"viewer"}`],
  ];
  it.each(nested)('answers %s 100 000 arrays deep with a 4xx in the error shape', async (_what, method, path, body) => {
    const answer = await write(method, path, body, path === '/api/events' ? 'application/x-ndjson' : 'application/json');
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expectNoViolations();
  });
});

describe('found by the fuzz run', () => {
  /** A refusal is a fair answer to each of these; accepting and then storing something else is not. */
  async function postEvent(line: string): Promise<Answer> {
    const answer = await write('POST', '/api/events', line, 'application/x-ndjson');
    if (ok(answer)) {
      ledger.events += answer.body.accepted;
      if (answer.body.accepted > 0) ledger.batches += 1;
    }
    return answer;
  }

  it('keeps an event attribute named "__proto__" as sent, or refuses it', async () => {
    const answer = await postEvent('{"id":"proto-1","type":"dossier.submitted","unit":"01","time":"2026-11-02","attributes":{"fee":1,"__proto__":"gia tri"}}');
    if (!ok(answer)) return;
    const stored = await app.core.db.selectFrom('events').select('attributes').where('id', '=', 'proto-1').executeTakeFirstOrThrow();
    expect(Object.entries(JSON.parse(stored.attributes))).toContainEqual(['__proto__', 'gia tri']);
  });

  it('keeps text with a lone surrogate unchanged, or refuses it', async () => {
    const directive = { number: 'SURROGATE/1', type: 'Kế hoạch', issuedOn: '05/01/2026', issuer: 'UBND', title: 'Kế hoạch \ud800 số' };
    const answer = await writeJson('POST', '/api/directives', directive);
    if (!ok(answer)) return;
    ledger.directives += 1;
    expect((await read(`/api/directives/${answer.body.id}`)).title).toBe(directive.title);
  });

  it.each(['/api/values/import', '/api/directives/1/tasks/import', '/api/tasks/1/progress'])('answers a cut-short multipart body to %s with a 4xx in the error shape', async (path) => {
    const answer = await write('POST', path, Buffer.from('------x\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nMã'), 'multipart/form-data; boundary=----x');
    expect(answer.status).toBeGreaterThanOrEqual(400);
    expectNoViolations();
  });

  it('answers a path parameter over the router\'s length limit in the error shape', async () => {
    await write('DELETE', `/api/tokens/${'9'.repeat(101)}`);
    await write('POST', `/api/users/${'a'.repeat(101)}/disable`);
    expectNoViolations();
  });

  it('refuses an amount that would make a total overflow, rather than store Infinity', async () => {
    for (const id of ['tran-1', 'tran-2']) await postEvent(`{"id":"${id}","type":"dossier.submitted","unit":"48","time":"2026-11-02","attributes":{"fee":1.7976931348623157e308}}`);
    const totals = await app.core.db.selectFrom('kpi_values').select('derived').where('indicator_code', '=', 'fees_vnd').where('unit_code', '=', '48').execute();
    expect(totals.map((t) => t.derived).filter((t) => t !== null && !Number.isFinite(t))).toEqual([]);
  });
});

describe('after the run', () => {
  it('still answers, and the database and the audit chain are intact', async () => {
    expect((await app.admin.fetch('/api/health')).status).toBe(200);
    const { rows } = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(app.core.db);
    expect(rows).toEqual([{ integrity_check: 'ok' }]);
    expect(await read('/api/audit/verify')).toMatchObject({ ok: true });
  });

  it('holds exactly what was accepted', async () => {
    const count = (table: keyof Database) => countRows(app.core.db, table);
    const targetKeys = new Set([...baselineTargets, ...ledger.targets]);
    const indicatorCodes = new Set([...baselineIndicators, ...ledger.indicators]);
    expect({
      events: await count('events'), batches: await count('batches'), reported_values: await count('reported_values'), directives: await count('directives'),
      tasks: await count('tasks'), users: await count('users'), api_tokens: await count('api_tokens'), targets: await count('targets'),
      indicators: await count('indicators'), audit_log: await count('audit_log'), published_periods: await count('published_periods'),
    }).toEqual({
      events: baseline.events + ledger.events, batches: baseline.batches + ledger.batches, reported_values: baseline.reported_values + ledger.values,
      directives: baseline.directives + ledger.directives, tasks: baseline.tasks + ledger.tasks, users: baseline.users + ledger.users,
      api_tokens: baseline.api_tokens + ledger.tokens, targets: targetKeys.size, indicators: indicatorCodes.size, audit_log: baseline.audit_log + ledger.writes,
      published_periods: baseline.published_periods + ledger.publications,
    });
    expect(ledger.writes, 'the run should have had writes accepted').toBeGreaterThan(100);
  });

  it('gives back every accepted string byte-identical', async () => {
    /** Per kind of record: how many came back changed, and the first one, showing only what changed. */
    const mismatches = new Map<string, { count: number; first: unknown }>();
    const same = (kind: string, id: unknown, got: unknown, want: unknown) => {
      if (canonical(got) === canonical(want)) return;
      const seen = mismatches.get(kind);
      mismatches.set(kind, { count: (seen?.count ?? 0) + 1, first: seen?.first ?? { id, got, want } });
    };
    const differing = (got: [string, unknown][], want: [string, unknown][]) => {
      const stored = new Map(got);
      return want.filter(([k, v]) => JSON.stringify(stored.get(k)) !== JSON.stringify(v)).map(([k, v]) => ({ key: k, sent: v, stored: stored.has(k) ? stored.get(k) : '(missing)' }));
    };

    for (const [id, attributes] of sent.events) {
      const row = await app.core.db.selectFrom('events').select('attributes').where('id', '=', id).executeTakeFirst();
      const stored: [string, unknown][] = row ? Object.entries(JSON.parse(row.attributes)) : [];
      same('event attributes', id, differing(stored, attributes), []);
    }
    for (const [batchId, values] of sent.values) {
      const rows = await app.core.db.selectFrom('reported_values').select(['unit_code', 'indicator_code', 'value', 'source', 'evidence']).where('batch_id', '=', batchId).orderBy('id').execute();
      same('reported values', batchId, rows.map((r) => [r.unit_code, r.indicator_code, r.value, r.source, r.evidence]), values.map((v) => [v.unit, v.indicator, v.value === 0 ? 0 : v.value, v.source, v.evidence]));
    }
    for (const [batchId, source] of sent.sheetSources) {
      const rows = await app.core.db.selectFrom('reported_values').select('source').where('batch_id', '=', batchId).execute();
      same('sheet sources', batchId, [...new Set(rows.map((r) => r.source))], [source]);
    }
    for (const [id, d] of sent.directives) {
      const got = await read(`/api/directives/${id}`);
      same('directives', id, { number: got.number, type: got.type, issuer: got.issuer, title: got.title }, d);
    }
    for (const [id, t] of sent.tasks) {
      const got = await read(`/api/tasks/${id}`);
      // The description is read back from the task's history: the task itself does not show it.
      const description = (got.history as { kind: string; data: { description?: string | null } }[]).find((h) => h.kind === 'created')?.data.description ?? null;
      same('tasks', id, { title: got.title, description, responsible: got.responsible, deliverable: got.deliverable, approver: got.approver }, t);
    }
    const users = new Map<string, string>(((await read('/api/users')).users as { username: string; displayName: string }[]).map((u) => [u.username, u.displayName]));
    for (const [username, displayName] of sent.users) same('account names', username, users.get(username), displayName);
    const tokens = new Map<number, string>(((await read('/api/tokens')).tokens as { id: number; name: string }[]).map((t) => [t.id, t.name]));
    for (const [id, name] of sent.tokens) same('token names', id, tokens.get(id), name);
    for (const [code, def] of sent.indicators) {
      const got = await read(`/api/indicators/${code}`);
      same('indicators', code, { name: got.name, nameEn: got.nameEn, measure: got.measure, description: got.description }, def);
    }

    expect(Object.fromEntries(mismatches)).toEqual({});
  });

  it('keeps every total, KPI value and score a finite number', async () => {
    const infinite = async (table: 'kpi_values' | 'scores' | 'reported_values' | 'targets', column: string) => {
      const { rows } = await sql<{ n: number }>`select count(*) as n from ${sql.table(table)} where abs(${sql.ref(column)}) > 1.7976931348623157e308`.execute(app.core.db);
      return rows[0]?.n ?? 0;
    };
    expect({
      kpiValues: await infinite('kpi_values', 'value'), kpiDerived: await infinite('kpi_values', 'derived'),
      scores: await infinite('scores', 'score'), reported: await infinite('reported_values', 'value'), targets: await infinite('targets', 'value'),
    }).toEqual({ kpiValues: 0, kpiDerived: 0, scores: 0, reported: 0, targets: 0 });
  });
});

/** JSON with every object's keys in order, so that only content is compared. */
const canonical = (value: unknown) => JSON.stringify(value, (_key, v: unknown) => (isObject(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An accepted line's id and attributes, read the way a JSON client would. */
function parseLine(line: string): { id: string; attributes: [string, unknown][] } | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (!isObject(parsed) || typeof parsed.id !== 'string') return undefined;
  const reserved = new Set(['id', 'type', 'unit', 'time', 'attributes']);
  const nested = isObject(parsed.attributes) ? Object.entries(parsed.attributes) : [];
  const merged = new Map<string, unknown>([...nested, ...Object.entries(parsed).filter(([k]) => !reserved.has(k))]);
  return { id: parsed.id, attributes: [...merged] };
}

interface Upload { name: string; data: Buffer; multipart: boolean }

/** A sheet as offices send them, or broken: CSV text, a real XLSX, the XLSX damaged, or bytes that are no file at all. */
function sheetUpload(csv: fc.Arbitrary<string>, xlsx: Buffer): fc.Arbitrary<Upload> {
  const file = fc.oneof(
    { weight: 3, arbitrary: csv.map((text) => ({ name: 'bao-cao.csv', data: Buffer.from(text) })) },
    { weight: 1, arbitrary: fc.constant({ name: 'bao-cao.xlsx', data: xlsx }) },
    { weight: 3, arbitrary: corruptedFile(xlsx).map((data) => ({ name: 'bao-cao.xlsx', data })) },
    { weight: 1, arbitrary: fc.tuple(fc.uint8Array({ maxLength: 2048 }), fc.constantFrom('x.csv', 'x.xlsx', 'x.exe', 'x', 'x.xls')).map(([bytes, name]) => ({ name, data: Buffer.from(bytes) })) },
  );
  return fc.tuple(file, fc.boolean()).map(([f, asForm]) => ({ ...f, multipart: asForm }));
}

function upload(path: string, file: Upload, query: URLSearchParams): Promise<Answer> {
  if (file.multipart) return write('POST', `${path}?${query}`, multipart(file.name, file.data));
  query.set('filename', file.name);
  return write('POST', `${path}?${query}`, file.data, 'application/octet-stream');
}

const csvCell = (valid: readonly string[]) => fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...valid) }, { weight: 1, arbitrary: hostileText });
const csvNumber = fc.oneof(
  fc.constantFrom('1.234,5', '8.435.700', '72,5%', '1e308', '1e309', 'NaN', '-0', '', '  12  ', '=1+1', "=cmd|' /C calc'!A0"),
  fc.integer().map(String), fc.double().map(String), hostileText,
);

function valueCsv(): fc.Arbitrary<string> {
  return fc.record({
    separator: fc.constantFrom(';', ',', '\t'),
    header: fc.array(csvCell(['Mã đơn vị', 'Tên đơn vị', 'population', 'Dân số (người)', 'coverage_5g', 'Kỳ']), { minLength: 1, maxLength: 3 }),
    rows: fc.array(fc.tuple(csvCell(['01', '48', '00004', 'Hà Nội', 'ha noi', 'Thành phố Đà Nẵng']), csvNumber, csvNumber), { minLength: 1, maxLength: 4 }),
    bom: fc.boolean(),
  }).map(({ separator, header, rows, bom }) => `${bom ? '\ufeff' : ''}${[header, ...rows].map((r) => r.join(separator)).join('\r\n')}`);
}

function taskCsv(): fc.Arbitrary<string> {
  return fc.record({
    separator: fc.constantFrom(';', ','),
    header: fc.boolean().map((full) => (full ? TASK_HEADER : TASK_HEADER.slice(0, 4))),
    rows: fc.array(fc.tuple(hostileText, csvCell(['01', 'BKHCN', 'Bộ Công an', 'thanh pho ha noi']), hostileText, csvCell(['Quý 4/2026', '31/12/2026', '30/02/2026'])), { minLength: 1, maxLength: 3 }),
  }).map(({ separator, header, rows }) => [
    header.join(separator),
    ...rows.map(([title, lead, person, deadline], i) => [i + 1, title, lead, '', person, 'Giám đốc', '024 3943 7766', deadline, 'Báo cáo', 'Chủ tịch UBND'].join(separator)),
  ].join('\n'));
}


import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { Core } from '../core.ts';
import type { Actor } from '../auth/actor.ts';
import { authMsg, authReason } from '../auth/auth-messages.ts';
import { createToken, listTokens, revokeToken, type PublicToken } from '../auth/tokens.ts';
import { addUser, listUsers, resetPassword, setUserDisabled } from '../auth/users.ts';
import type { PublicUser } from '../auth/user.repository.ts';
import { verifyAudit, type AuditVerification } from '../audit/audit-log.ts';
import { listAudit, type AuditFilter, type AuditRecord } from '../audit/audit.query.ts';
import { auditToXlsx } from '../audit/export-audit.ts';
import { ValidationError, type Problem } from '../shared/errors.ts';

/** How a command reaches the database, and who it acts as: the local operator. */
export interface CliContext {
  actor: Actor;
  withCore(work: (core: Core) => Promise<void>): Promise<void>;
}

/** A broken audit chain is not an input error: it gets its own exit code so scripts and monitoring can tell. */
const AUDIT_BROKEN_EXIT = 7;

export function registerAuthCommands(program: Command, cli: CliContext): void {
  userCommands(program.command('user').description('tài khoản người dùng'), cli);
  tokenCommands(program.command('token').description('mã truy cập cho hệ thống nguồn gửi sự kiện'), cli);
  auditCommands(program.command('audit').description('nhật ký thao tác ghi, nối chuỗi bằng mã băm'), cli);
}

interface NewUserFlags { role?: string; unit?: string; name?: string; passwordStdin?: boolean }

function userCommands(users: Command, cli: CliContext): void {
  users
    .command('add <username>')
    .description('tạo tài khoản; không có --password-stdin thì sinh mật khẩu dùng một lần, phải đổi khi đăng nhập lần đầu')
    .option('--role <role>', 'vai trò: admin, steering (Ban Chỉ đạo), editor (nhập liệu của đơn vị), viewer (xem của đơn vị)')
    .option('--unit <code>', 'mã đơn vị (bắt buộc với editor, viewer)')
    .option('--name <display name>', 'họ tên hiển thị')
    .option('--password-stdin', 'đọc mật khẩu từ đầu vào chuẩn (không bao giờ truyền mật khẩu làm tham số dòng lệnh)')
    .action(async (username: string, flags: NewUserFlags) => {
      const password = flags.passwordStdin ? await readSecret() : undefined;
      await cli.withCore(async (core) => {
        const { user, oneTimePassword } = await addUser(core, cli.actor, { username, displayName: flags.name, role: flags.role ?? '', unit: flags.unit, password });
        console.log(`Đã tạo tài khoản "${user.username}" (${user.displayName}), vai trò ${user.role}${user.unit ? `, đơn vị ${user.unit}` : ''}.`);
        if (oneTimePassword) printOneTimePassword(oneTimePassword);
      });
    });

  users
    .command('list')
    .description('liệt kê tài khoản với trạng thái và lần đăng nhập gần nhất')
    .option('--json', 'in dạng JSON')
    .action((flags: { json?: boolean }) =>
      cli.withCore(async (core) => {
        const rows = await listUsers(core);
        if (flags.json) return printJson(rows);
        const now = core.ctx.now().toISOString();
        printTable(['Tên đăng nhập', 'Họ tên', 'Vai trò', 'Đơn vị', 'Trạng thái', 'Đăng nhập gần nhất'],
          rows.map((u) => [u.username, truncate(u.displayName, 32), u.role, u.unit ?? '', userState(u, now), vnTime(u.lastLoginAt)]));
        console.log(`${rows.length} tài khoản`);
      }));

  users
    .command('disable <username>')
    .description('vô hiệu hóa tài khoản; các phiên đăng nhập của tài khoản kết thúc ngay')
    .action((username: string) =>
      cli.withCore(async (core) => {
        const user = await setUserDisabled(core, cli.actor, username, true);
        console.log(`Đã vô hiệu hóa tài khoản "${user.username}"; các phiên đăng nhập của tài khoản đã kết thúc.`);
      }));

  users
    .command('enable <username>')
    .description('kích hoạt lại tài khoản đã vô hiệu hóa')
    .action((username: string) =>
      cli.withCore(async (core) => {
        const user = await setUserDisabled(core, cli.actor, username, false);
        console.log(`Đã kích hoạt lại tài khoản "${user.username}".`);
      }));

  users
    .command('reset-password <username>')
    .description('đặt lại mật khẩu: sinh mật khẩu dùng một lần mới, mở khóa tài khoản, kết thúc các phiên đăng nhập')
    .action((username: string) =>
      cli.withCore(async (core) => {
        const { user, oneTimePassword } = await resetPassword(core, cli.actor, username);
        console.log(`Đã đặt lại mật khẩu tài khoản "${user.username}"; các phiên đăng nhập của tài khoản đã kết thúc.`);
        printOneTimePassword(oneTimePassword);
      }));
}

interface NewTokenFlags { name?: string; unit?: string[]; eventType?: string[] }

function tokenCommands(tokens: Command, cli: CliContext): void {
  tokens
    .command('create')
    .description('tạo mã truy cập cho một hệ thống nguồn; mã chỉ hiển thị một lần')
    .option('--name <name>', 'tên hệ thống nguồn (vd. Cổng dịch vụ công tỉnh)')
    .option('--unit <code...>', 'mã đơn vị được gửi sự kiện; lặp lại hoặc cách nhau bởi dấu phẩy')
    .option('--event-type <pattern...>', 'loại sự kiện được gửi (vd. dossier.submitted, dossier.*); lặp lại hoặc cách nhau bởi dấu phẩy')
    .action((flags: NewTokenFlags) =>
      cli.withCore(async (core) => {
        const { token, record } = await createToken(core, cli.actor, { name: flags.name ?? '', units: listOf(flags.unit), eventTypes: listOf(flags.eventType) });
        console.log(`Đã tạo mã truy cập số ${record.id} "${record.name}" (đơn vị: ${record.units.join(', ')}; loại sự kiện: ${record.eventTypes.join(', ')}).`);
        console.log('Mã truy cập dưới đây CHỈ HIỂN THỊ MỘT LẦN và không thể xem lại; hãy lưu ngay vào hệ thống nguồn:');
        console.log(token);
      }));

  tokens
    .command('list')
    .description('liệt kê mã truy cập (chỉ tiền tố, không bao giờ hiện mã)')
    .option('--json', 'in dạng JSON')
    .action((flags: { json?: boolean }) =>
      cli.withCore(async (core) => {
        const rows = await listTokens(core);
        if (flags.json) return printJson(rows);
        printTable(['Số', 'Tên', 'Tiền tố', 'Đơn vị', 'Loại sự kiện', 'Tạo lúc', 'Dùng gần nhất', 'Thu hồi'], rows.map(tokenRow));
        console.log(`${rows.length} mã truy cập`);
      }));

  tokens
    .command('revoke <id>')
    .description('thu hồi mã truy cập; có hiệu lực từ yêu cầu tiếp theo')
    .action((id: string) =>
      cli.withCore(async (core) => {
        const record = await revokeToken(core, cli.actor, positiveInteger(id, 'id'));
        console.log(`Đã thu hồi mã truy cập số ${record.id} "${record.name}" (${record.prefix}…); mọi yêu cầu dùng mã này đều bị từ chối.`);
      }));
}

interface AuditFlags { unit?: string; action?: string; limit?: string; json?: boolean; expectHead?: string }

function auditCommands(audit: Command, cli: CliContext): void {
  audit
    .command('verify')
    .description('tính lại chuỗi băm của nhật ký: phát hiện bản ghi bị sửa, xóa hoặc chèn')
    .option('--expect-head <hash>', 'mã băm đầu chuỗi đã ghi lại trước đó: phải còn nguyên trong chuỗi (phát hiện bị cắt bớt bản ghi cuối)')
    .action((flags: AuditFlags) =>
      cli.withCore(async (core) => {
        const result = await verifyAudit(core.db, { anchor: flags.expectHead?.trim().toLowerCase() });
        const failure = auditFailure(result, flags.expectHead?.trim().toLowerCase());
        if (!failure) return console.log(`Nhật ký toàn vẹn: ${result.records} bản ghi, đầu chuỗi ${headText(result.head)}.`);
        process.stderr.write(`Nhật ký KHÔNG toàn vẹn: ${failure}\n`);
        process.exitCode = AUDIT_BROKEN_EXIT;
      }));

  audit
    .command('list')
    .description('liệt kê nhật ký thao tác ghi, mới nhất trước')
    .option('--unit <code>', 'chỉ các bản ghi chạm tới đơn vị này')
    .option('--action <action>', 'chỉ một loại thao tác (vd. users.manage, tokens.manage)')
    .option('--limit <n>', 'số bản ghi tối đa', '20')
    .option('--json', 'in dạng JSON')
    .action((flags: AuditFlags) =>
      cli.withCore(async (core) => {
        const records = await listAudit(core.db, auditFilter(core, flags));
        if (flags.json) return printJson(records);
        printTable(['STT', 'Thời điểm', 'Người/hệ thống', 'Thao tác', 'Đơn vị', 'Đối tượng'], records.map(auditRow));
        console.log(`${records.length} bản ghi, mới nhất trước`);
      }));

  audit
    .command('export <file>')
    .description('xuất nhật ký ra tệp Excel (.xlsx), kèm mã băm từng bản ghi để đối chiếu')
    .option('--unit <code>', 'chỉ các bản ghi chạm tới đơn vị này')
    .option('--action <action>', 'chỉ một loại thao tác')
    .option('--limit <n>', 'số bản ghi tối đa (mới nhất trước)', '5000')
    .action((file: string, flags: AuditFlags) =>
      cli.withCore(async (core) => {
        const records = await listAudit(core.db, auditFilter(core, flags));
        await writeFile(file, await auditToXlsx(records, flags.unit ? `Đơn vị: ${flags.unit}` : 'Toàn hệ thống'));
        console.log(`Đã xuất ${records.length} bản ghi nhật ký ra ${file}.`);
      }));
}

/** What is wrong with the chain, or undefined when it is whole (and ends where the operator expected). */
function auditFailure(result: AuditVerification, expectedHead: string | undefined): string | undefined {
  const { problem } = result;
  if (problem) {
    const intact = result.head ? `${result.records} bản ghi đầu còn nguyên (đến ${headText(result.head)})` : 'không còn bản ghi nào nguyên vẹn';
    return `${problemText(problem)}; ${intact}.`;
  }
  if (expectedHead !== undefined && !result.anchorSeq) {
    return `mã băm đã ghi lại ${expectedHead} không còn trong chuỗi (đầu chuỗi hiện là ${headText(result.head)}): bản ghi đó hoặc các bản ghi trước nó đã bị xóa hay sửa.`;
  }
  return undefined;
}

function problemText(problem: NonNullable<AuditVerification['problem']>): string {
  switch (problem.kind) {
    case 'edited': return `bản ghi seq ${problem.seq} đã bị sửa (nội dung không khớp mã băm đã lưu)`;
    case 'missing': return `bản ghi seq ${problem.seq} đã bị xóa (sau seq ${problem.seq - 1} là ${problem.found})`;
    case 'relinked': return `bản ghi seq ${problem.seq} không nối với bản ghi trước: có bản ghi bị chèn, xóa rồi đánh số lại, hoặc đổi thứ tự`;
  }
}

const headText = (head: AuditVerification['head']) => (head ? `seq ${head.seq} hash ${head.hash}` : 'trống (chưa có bản ghi)');

function auditFilter(core: Core, flags: AuditFlags): AuditFilter {
  if (flags.unit && !core.ctx.units.has(flags.unit)) invalid({ field: 'unit', value: flags.unit, ...authReason('unknownUnit', { code: flags.unit }) });
  return { units: flags.unit ? [flags.unit] : undefined, action: flags.action, limit: flags.limit === undefined ? undefined : positiveInteger(flags.limit, 'limit') };
}

const auditRow = (r: AuditRecord) => [String(r.seq), vnTime(r.at), truncate(r.actor, 32), r.action, truncate(r.units.join(', '), 24), r.target ?? ''];

function userState(u: PublicUser, now: string): string {
  const state = u.disabled ? 'vô hiệu' : u.lockedUntil && u.lockedUntil > now ? `tạm khóa đến ${vnTime(u.lockedUntil)}` : 'hoạt động';
  return u.mustChangePassword ? `${state}, chờ đổi mật khẩu` : state;
}

const tokenRow = (t: PublicToken) => [
  String(t.id), truncate(t.name, 32), `${t.prefix}…`, truncate(t.units.join(', '), 24), truncate(t.eventTypes.join(', '), 32),
  vnTime(t.createdAt), vnTime(t.lastUsedAt), t.revokedAt ? vnTime(t.revokedAt) : '',
];

function printOneTimePassword(password: string): void {
  console.log('Mật khẩu dùng một lần (CHỈ HIỂN THỊ LẦN NÀY; người dùng phải đổi khi đăng nhập lần đầu):');
  console.log(password);
}

/** `--unit 01 --unit 79`, `--unit 01 79` and `--unit 01,79` all mean the same. */
const listOf = (values: readonly string[] = []) => values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);

function positiveInteger(text: string, field: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n) || n < 1) invalid({ field, value: text, reason: 'Phải là số nguyên dương', reasonEn: 'Must be a positive integer' });
  return n;
}

function invalid(problem: Problem): never {
  throw new ValidationError(authMsg('invalidInput').vi, [problem]);
}

/** Stored instants are UTC; operators read Vietnam time (UTC+7, no daylight saving). */
function vnTime(iso: string | null): string {
  if (!iso) return '—';
  const t = new Date(Date.parse(iso) + 7 * 3600_000).toISOString();
  return `${t.slice(8, 10)}/${t.slice(5, 7)}/${t.slice(0, 4)} ${t.slice(11, 16)}`;
}

const printJson = (value: unknown) => console.log(JSON.stringify(value, null, 2));

function printTable(header: string[], rows: string[][]): void {
  const all = [header, ...rows];
  const widths = header.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  for (const r of all) console.log(r.map((cell, i) => (i === r.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd());
}

const truncate = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * The password comes from standard input, never from the command line (shell history, `ps`). Piped: the whole
 * input without its final newline. At a terminal: a prompt that does not echo.
 */
async function readSecret(): Promise<string> {
  if (process.stdin.isTTY) return promptHidden('Mật khẩu: ');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

function promptHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  return new Promise((resolve) => {
    let typed = '';
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\u0003') process.exit(130);
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          stdin.off('data', onData).setRawMode(false).pause();
          process.stderr.write('\n');
          return resolve(typed);
        }
        typed = ch === '\u007f' || ch === '\b' ? typed.slice(0, -1) : typed + ch;
      }
    };
    stdin.on('data', onData).resume();
  });
}

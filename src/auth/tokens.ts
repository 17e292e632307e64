import { randomBytes } from 'node:crypto';
import type { Core } from '../core.ts';
import { NotFoundError, ProblemList } from '../shared/errors.ts';
import type { ApiTokenRow } from '../store/schema.ts';
import type { Actor } from './actor.ts';
import { authMsg, authReason } from './auth-messages.ts';
import { EVENT_TYPE_PATTERN } from './policy.ts';
import { sha256 } from '../shared/hash.ts';

export interface NewToken {
  name: string;
  units: readonly string[];
  eventTypes: readonly string[];
}

/** Refreshing "last used" on every request would turn each read into a write; once a minute is enough to see use. */
const LAST_USED_RESOLUTION_MS = 60_000;
const MAX_NAME = 200;

/**
 * Creates a source system's token: 256 random bits, shown once; only its SHA-256 is stored (a fast hash is
 * enough for a secret that cannot be guessed, and keeps every ingest request cheap).
 */
export async function createToken(core: Core, actor: Actor, input: NewToken): Promise<{ token: string; record: PublicToken }> {
  const problems = new ProblemList();
  const name = input.name.trim();
  if (!name) problems.add({ field: 'name', ...authReason('required') });
  else if (name.length > MAX_NAME) problems.add({ field: 'name', ...authReason('tooLong', { max: MAX_NAME }) });
  if (input.units.length === 0) problems.add({ field: 'units', ...authReason('tokenNeedsUnits') });
  for (const unit of input.units) if (!core.ctx.units.has(unit)) problems.add({ field: 'units', value: unit, ...authReason('unknownUnit', { code: unit }) });
  if (input.eventTypes.length === 0) problems.add({ field: 'eventTypes', ...authReason('tokenNeedsTypes') });
  for (const type of input.eventTypes) if (!EVENT_TYPE_PATTERN.test(type)) problems.add({ field: 'eventTypes', value: type, ...authReason('badEventTypePattern', { value: type }) });
  problems.throwIfAny(authMsg('invalidInput').vi);
  const token = `nhs_${randomBytes(32).toString('base64url')}`;
  const units = [...new Set(input.units)];
  const result = await core.gate.run(actor, { action: 'tokens.manage', units }, async (trx) => {
    const row = await trx
      .insertInto('api_tokens')
      .values({
        name, token_hash: sha256(token), prefix: token.slice(0, 10), units: JSON.stringify(units), event_types: JSON.stringify([...new Set(input.eventTypes)]),
        created_by: actor.id, created_at: core.ctx.now().toISOString(), revoked_at: null, last_used_at: null,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const record = publicToken(row);
    return { record, audit: { target: `token:${row.id}`, after: record } };
  });
  return { token, record: result.record };
}

export async function listTokens(core: Core): Promise<PublicToken[]> {
  return (await core.db.selectFrom('api_tokens').selectAll().orderBy('id').execute()).map(publicToken);
}

/** Revocation takes effect on the next request: every request looks the token up. */
export async function revokeToken(core: Core, actor: Actor, id: number): Promise<PublicToken> {
  const result = await core.gate.run(actor, { action: 'tokens.manage', units: [] }, async (trx) => {
    const row = await trx.selectFrom('api_tokens').selectAll().where('id', '=', id).executeTakeFirst();
    if (!row) throw new NotFoundError(authMsg('tokenNotFound', { id }).vi);
    const revokedAt = row.revoked_at ?? core.ctx.now().toISOString();
    await trx.updateTable('api_tokens').set({ revoked_at: revokedAt }).where('id', '=', id).execute();
    const record = publicToken({ ...row, revoked_at: revokedAt });
    return { record, audit: { target: `token:${id}`, before: publicToken(row), after: record } };
  });
  return result.record;
}

/** The actor behind a bearer token, or undefined if it is unknown or revoked. */
export async function tokenActor(core: Core, secret: string, ip: string): Promise<Extract<Actor, { kind: 'token' }> | undefined> {
  const row = await core.db.selectFrom('api_tokens').selectAll().where('token_hash', '=', sha256(secret)).executeTakeFirst();
  if (!row || row.revoked_at) return undefined;
  const now = core.ctx.now();
  if (!row.last_used_at || now.getTime() - Date.parse(row.last_used_at) >= LAST_USED_RESOLUTION_MS) {
    await core.db.updateTable('api_tokens').set({ last_used_at: now.toISOString() }).where('id', '=', row.id).execute();
  }
  return {
    kind: 'token', id: `token:${row.id}:${row.name}`, ip, tokenId: row.id,
    units: JSON.parse(row.units) as string[], eventTypes: JSON.parse(row.event_types) as string[],
  };
}

function publicToken(row: ApiTokenRow) {
  return {
    id: row.id, name: row.name, prefix: row.prefix, units: JSON.parse(row.units) as string[], eventTypes: JSON.parse(row.event_types) as string[],
    createdBy: row.created_by, createdAt: row.created_at, revokedAt: row.revoked_at, lastUsedAt: row.last_used_at,
  };
}
export type PublicToken = ReturnType<typeof publicToken>;

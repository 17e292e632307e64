import type { Kysely } from 'kysely';

/** Accounts, sessions, system tokens, the hash-chained audit trail and published report periods (issue #5). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('users')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('username', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('role', 'varchar(16)', (c) => c.notNull())
    .addColumn('unit_code', 'varchar(32)')
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('must_change_password', 'integer', (c) => c.notNull())
    .addColumn('disabled', 'integer', (c) => c.notNull())
    .addColumn('failed_logins', 'integer', (c) => c.notNull())
    .addColumn('locked_until', 'varchar(32)')
    .addColumn('last_login_at', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'integer', (c) => c.notNull())
    .addColumn('csrf_token', 'varchar(64)', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('prefix', 'varchar(16)', (c) => c.notNull())
    .addColumn('units', 'text', (c) => c.notNull())
    .addColumn('event_types', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('revoked_at', 'varchar(32)')
    .addColumn('last_used_at', 'varchar(32)')
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('actor_kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('ip', 'text')
    .addColumn('action', 'varchar(64)', (c) => c.notNull())
    .addColumn('units', 'text', (c) => c.notNull())
    .addColumn('target', 'text')
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('prev_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('hash', 'varchar(64)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_action').on('audit_log').columns(['action', 'seq']).execute();

  /** Which units an audit record touched, so a unit can read its own records. */
  await db.schema
    .createTable('audit_units')
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('unit_code', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('audit_units_pk', ['unit_code', 'seq'])
    .execute();

  await db.schema
    .createTable('published_periods')
    .addColumn('period', 'varchar(10)', (c) => c.primaryKey())
    .addColumn('published_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('published_by', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .execute();

  /** The scores as published: frozen; only a recorded correction changes a row. */
  await db.schema
    .createTable('published_scores')
    .addColumn('unit_code', 'varchar(32)', (c) => c.notNull())
    .addColumn('period', 'varchar(10)', (c) => c.notNull())
    .addColumn('peer_group', 'varchar(64)', (c) => c.notNull())
    .addColumn('score', 'real', (c) => c.notNull())
    .addColumn('pillars', 'text', (c) => c.notNull())
    .addColumn('band', 'varchar(16)', (c) => c.notNull())
    .addColumn('rank', 'integer', (c) => c.notNull())
    .addColumn('peers', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('published_scores_pk', ['period', 'unit_code'])
    .execute();
  await db.schema.createIndex('published_scores_group').on('published_scores').columns(['peer_group', 'period']).execute();

  await db.schema
    .createTable('score_corrections')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('period', 'varchar(10)', (c) => c.notNull())
    .addColumn('unit_code', 'varchar(32)', (c) => c.notNull())
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('corrected_by', 'text', (c) => c.notNull())
    .addColumn('corrected_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('score_corrections_period').on('score_corrections').columns(['period', 'unit_code']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['score_corrections', 'published_scores', 'published_periods', 'audit_units', 'audit_log', 'api_tokens', 'sessions', 'users']) {
    await db.schema.dropTable(table).execute();
  }
}

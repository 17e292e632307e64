import type { Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('directives')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('number', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('type', 'varchar(64)', (c) => c.notNull())
    .addColumn('issued_on', 'varchar(10)', (c) => c.notNull())
    .addColumn('issuer', 'text', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('file_hash', 'varchar(64)')
    .addColumn('file_name', 'text')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('tasks')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('directive_id', 'integer', (c) => c.notNull())
    .addColumn('parent_id', 'integer')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('lead_unit', 'varchar(32)', (c) => c.notNull())
    .addColumn('responsible_name', 'text', (c) => c.notNull())
    .addColumn('responsible_position', 'text', (c) => c.notNull())
    .addColumn('responsible_contact', 'text', (c) => c.notNull())
    .addColumn('deadline', 'varchar(10)', (c) => c.notNull())
    .addColumn('deadline_text', 'text', (c) => c.notNull())
    .addColumn('deliverable', 'text', (c) => c.notNull())
    .addColumn('approver', 'text', (c) => c.notNull())
    .addColumn('progress', 'real', (c) => c.notNull())
    .addColumn('completion', 'varchar(16)', (c) => c.notNull())
    .addColumn('completed_on', 'varchar(10)')
    .addColumn('status', 'varchar(32)', (c) => c.notNull())
    .addColumn('due_soon', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(32)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tasks_directive').on('tasks').columns(['directive_id', 'id']).execute();
  await db.schema.createIndex('tasks_lead').on('tasks').columns(['lead_unit', 'deadline']).execute();
  await db.schema.createIndex('tasks_parent').on('tasks').columns(['parent_id']).execute();
  await db.schema.createIndex('tasks_open').on('tasks').columns(['completion', 'deadline']).execute();

  await db.schema
    .createTable('task_coordinators')
    .addColumn('task_id', 'integer', (c) => c.notNull())
    .addColumn('unit_code', 'varchar(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('task_coordinators_pk', ['task_id', 'unit_code'])
    .execute();
  await db.schema.createIndex('task_coordinators_unit').on('task_coordinators').columns(['unit_code', 'task_id']).execute();

  await db.schema
    .createTable('task_events')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('task_id', 'integer', (c) => c.notNull())
    .addColumn('at', 'varchar(32)', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    .addColumn('kind', 'varchar(32)', (c) => c.notNull())
    .addColumn('progress', 'real')
    .addColumn('note', 'text')
    .addColumn('data', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('task_events_task').on('task_events').columns(['task_id', 'id']).execute();

  await db.schema
    .createTable('evidence_files')
    .addColumn('hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('size', 'integer', (c) => c.notNull())
    .addColumn('mime', 'varchar(128)', (c) => c.notNull())
    .addColumn('data', 'blob', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('task_evidence')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('task_id', 'integer', (c) => c.notNull())
    .addColumn('task_event_id', 'integer', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('hash', 'varchar(64)')
    .addColumn('link', 'text')
    .execute();
  await db.schema.createIndex('task_evidence_task').on('task_evidence').columns(['task_id']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const t of ['task_evidence', 'evidence_files', 'task_events', 'task_coordinators', 'tasks', 'directives']) await db.schema.dropTable(t).execute();
}

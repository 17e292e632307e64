import { afterEach, describe, expect, it } from 'vitest';
import { ValidationError } from '../shared/errors.ts';
import { createTestCore, testActor } from '../testing/test-core.ts';
import { createToken } from './tokens.ts';
import { addUser } from './users.ts';

type TestCore = Awaited<ReturnType<typeof createTestCore>>;
let core: TestCore;
afterEach(async () => core?.dispose());

const refusal = (promise: Promise<unknown>) => promise.then(() => undefined, (e: unknown) => e as ValidationError);

describe('names that cannot be stored whole', () => {
  it('refuses a display name over 200 characters, naming the field and the limit, and adds no account', async () => {
    core = await createTestCore();
    const error = await refusal(addUser(core, testActor, { username: 'canbo.dai', displayName: 'Nguyễn '.repeat(40), role: 'viewer', unit: '01' }));
    expect(error?.problems).toEqual([expect.objectContaining({ field: 'displayName', reasonEn: 'Too long (at most 200 characters)' })]);
    expect(await core.db.selectFrom('users').select('id').where('username', '=', 'canbo.dai').execute()).toEqual([]);
  });

  it('refuses a token name over 200 characters saying it is too long, not missing', async () => {
    core = await createTestCore();
    const error = await refusal(createToken(core, testActor, { name: 'Cổng '.repeat(60), units: ['01'], eventTypes: ['dossier.*'] }));
    expect(error?.problems).toEqual([expect.objectContaining({ field: 'name', reason: 'Quá dài (tối đa 200 ký tự)' })]);
  });
});

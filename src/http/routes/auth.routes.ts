import Type from 'typebox';
import type { Core } from '../../core.ts';
import { authMsg } from '../../auth/auth-messages.ts';
import { logIn, logOut } from '../../auth/sessions.ts';
import { createToken, listTokens, revokeToken } from '../../auth/tokens.ts';
import { addUser, changeOwnPassword, listUsers, resetPassword, setUserDisabled } from '../../auth/users.ts';
import { ROLES } from '../../auth/actor.ts';
import { ForbiddenError, UnauthorizedError } from '../../shared/errors.ts';
import { actorOf } from '../actor.ts';
import { clearSessionCookie, requireAccount, SESSION_COOKIE, setSessionCookie } from '../auth.ts';
import type { FastifyRequest } from 'fastify';
import type { TypedServer } from '../server.ts';

const tags = ['tài khoản'];
const Username = Type.String({ minLength: 1, maxLength: 64 });
const Password = Type.String({ minLength: 1, maxLength: 200 });

/** Only administrators manage accounts and tokens. */
function requireAdmin(req: FastifyRequest): void {
  const actor = requireAccount(req);
  if (actor.kind === 'user' && actor.role !== 'admin') throw new ForbiddenError(authMsg('forbiddenAction', { role: actor.role, action: 'users.manage' }).vi);
}

export function authRoutes(api: TypedServer, core: Core, loginLimit: object): void {
  api.post('/api/session', {
    config: loginLimit,
    schema: { tags, summary: 'Đăng nhập: đặt cookie phiên (HttpOnly) và trả mã CSRF cho các thao tác ghi', body: Type.Object({ username: Username, password: Password }) },
  }, async (req, reply) => {
    const signedIn = await logIn(core, req.body.username, req.body.password, req.ip);
    setSessionCookie(req, reply, signedIn.token, signedIn.expiresAt);
    return { user: signedIn.user, csrfToken: signedIn.csrfToken, expiresAt: signedIn.expiresAt };
  });

  api.get('/api/session', { schema: { tags, summary: 'Phiên hiện tại: tài khoản và mã CSRF, hoặc user: null' } }, async (req) => ({
    user: req.session?.user ?? null,
    csrfToken: req.session?.csrfToken ?? null,
  }));

  api.delete('/api/session', { schema: { tags, summary: 'Đăng xuất' } }, async (req, reply) => {
    const raw = req.cookies[SESSION_COOKIE];
    if (raw && req.session) {
      await logOut(core, raw);
      req.server.forgetSession(raw);
    }
    clearSessionCookie(reply);
    return reply.status(204).send();
  });

  api.post('/api/session/password', {
    schema: { tags, summary: 'Đổi mật khẩu của chính mình (bắt buộc sau khi đăng nhập bằng mật khẩu dùng một lần)', body: Type.Object({ currentPassword: Password, newPassword: Password }) },
  }, async (req, reply) => {
    if (!req.session) throw new UnauthorizedError(authMsg('loginRequired').vi);
    await changeOwnPassword(core, actorOf(req), req.body.currentPassword, req.body.newPassword, req.session.tokenHash);
    return reply.status(204).send();
  });

  api.get('/api/users', { schema: { tags, summary: 'Danh sách tài khoản (quản trị)' } }, async (req) => {
    requireAdmin(req);
    return { users: await listUsers(core) };
  });

  api.post('/api/users', {
    schema: {
      tags, summary: 'Tạo tài khoản; không nêu mật khẩu thì hệ thống sinh mật khẩu dùng một lần (chỉ hiện một lần)',
      body: Type.Object({
        username: Username,
        displayName: Type.Optional(Type.String({ maxLength: 200 })),
        role: Type.String({ maxLength: 16, description: `Một trong: ${ROLES.join(', ')}` }),
        unit: Type.Optional(Type.String({ maxLength: 32, description: 'Mã đơn vị (bắt buộc với editor, viewer)' })),
        password: Type.Optional(Password),
      }),
    },
  }, async (req, reply) => {
    requireAdmin(req);
    return reply.status(201).send(await addUser(core, actorOf(req), req.body));
  });

  const UserParams = Type.Object({ username: Username });
  api.post('/api/users/:username/disable', { schema: { tags, summary: 'Vô hiệu hóa tài khoản (các phiên kết thúc ngay)', params: UserParams } }, async (req) => {
    requireAdmin(req);
    return { user: await setUserDisabled(core, actorOf(req), req.params.username, true) };
  });
  api.post('/api/users/:username/enable', { schema: { tags, summary: 'Mở lại tài khoản', params: UserParams } }, async (req) => {
    requireAdmin(req);
    return { user: await setUserDisabled(core, actorOf(req), req.params.username, false) };
  });
  api.post('/api/users/:username/reset-password', { schema: { tags, summary: 'Cấp mật khẩu dùng một lần mới (chỉ hiện một lần)', params: UserParams } }, async (req) => {
    requireAdmin(req);
    return resetPassword(core, actorOf(req), req.params.username);
  });

  api.get('/api/tokens', { schema: { tags, summary: 'Mã truy cập của các hệ thống nguồn (không bao giờ hiện lại mã)' } }, async (req) => {
    requireAdmin(req);
    return { tokens: await listTokens(core) };
  });
  api.post('/api/tokens', {
    schema: {
      tags, summary: 'Cấp mã truy cập cho hệ thống nguồn, gắn với đơn vị và loại sự kiện; mã chỉ hiện một lần',
      body: Type.Object({
        name: Type.String({ minLength: 1, maxLength: 200 }),
        units: Type.Array(Type.String({ maxLength: 32 }), { minItems: 1, maxItems: 5000 }),
        eventTypes: Type.Array(Type.String({ maxLength: 100 }), { minItems: 1, maxItems: 100, description: 'vd. dossier.* hoặc dossier.submitted' }),
      }),
    },
  }, async (req, reply) => {
    requireAdmin(req);
    return reply.status(201).send(await createToken(core, actorOf(req), req.body));
  });
  api.delete('/api/tokens/:id', { schema: { tags, summary: 'Thu hồi mã truy cập (có hiệu lực ngay)', params: Type.Object({ id: Type.Integer({ minimum: 1 }) }) } }, async (req) => {
    requireAdmin(req);
    return { token: await revokeToken(core, actorOf(req), req.params.id) };
  });
}

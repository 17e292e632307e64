import { t, type MessageKey } from '../i18n.ts';
import { here, navigate } from '../router.ts';
import { currentUser, signOut, type Role } from '../session.ts';
import { loginHref } from './sign-in-notice.tsx';

export const ACCOUNT_PATH = '/tai-khoan';

const ROLE_KEYS: Record<Role, MessageKey> = { admin: 'roleAdmin', steering: 'roleSteering', editor: 'roleEditor', viewer: 'roleViewer' };

export function roleLabel(role: Role): string {
  const key = ROLE_KEYS[role];
  return key ? t(key) : role;
}

/** The header's account corner: "Đăng nhập" for the public; who is signed in, and "Đăng xuất", for an official. */
export function AccountBar() {
  const user = currentUser.value;
  if (user === undefined) return null;
  if (user === null) {
    return here.value.path === '/dang-nhap' ? null : <a class="btn btn-login" href={loginHref()} data-testid="sign-in-link">{t('signIn')}</a>;
  }
  const role = roleLabel(user.role);
  return (
    <div class="account" data-testid="account">
      <a class="account-who" href={ACCOUNT_PATH}>
        <span class="account-name"><span class="sr-only">{t('account')}: </span>{user.displayName}</span>
        <span class="account-role">{role}</span>
      </a>
      <button
        type="button"
        class="btn"
        onClick={() => void signOut().then(() => {
          if (here.value.path === ACCOUNT_PATH) navigate('/');
        })}
      >
        {t('signOut')}
      </button>
    </div>
  );
}

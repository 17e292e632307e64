import { t } from '../i18n.ts';
import { here } from '../router.ts';

export const LOGIN_PATH = '/dang-nhap';

/** The login page, coming back here afterwards. */
export function loginHref(): string {
  const { path, query } = here.value;
  if (path === LOGIN_PATH) return path;
  const qs = query.toString();
  return `${LOGIN_PATH}?next=${encodeURIComponent(qs ? `${path}?${qs}` : path)}`;
}

/** In place of figures the reader may not see yet: why, and the way in. */
export function SignInNotice({ text }: { text: string }) {
  return (
    <div class="notice" role="status" data-testid="sign-in-notice">
      <p>{text}</p>
      <a class="btn btn-primary" href={loginHref()}>{t('signIn')}</a>
    </div>
  );
}

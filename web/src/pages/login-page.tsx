import { useRef, useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { useTitle } from '../app.tsx';
import { ACCOUNT_PATH, roleLabel } from '../components/account-bar.tsx';
import { LOGIN_PATH } from '../components/sign-in-notice.tsx';
import { t } from '../i18n.ts';
import { landingFor } from '../landing.ts';
import { here, navigate } from '../router.ts';
import { currentUser, signIn, type User } from '../session.ts';

/** Where to go once signed in: the page that sent the reader here (`?next=`), never another site. */
function nextPath(): string {
  const { path, query } = here.value;
  const asked = query.get('next');
  if (asked && /^\/(?![/\\])/.test(asked) && !asked.startsWith(LOGIN_PATH)) return asked;
  if (path !== LOGIN_PATH) return query.toString() ? `${path}?${query.toString()}` : path;
  return '/';
}

export function LoginPage() {
  useTitle(t('signIn'));
  const user = currentUser.value;
  return (
    <div class="page page-auth">
      <section class="card auth-card" aria-labelledby="login-title">
        <h1 id="login-title">{t('signIn')}</h1>
        {user ? <AlreadySignedIn user={user} /> : <LoginForm />}
      </section>
    </div>
  );
}

function AlreadySignedIn({ user }: { user: User }) {
  return (
    <>
      <p>{t('signedInAs', { name: user.displayName, role: roleLabel(user.role) })}</p>
      <p class="form-actions">
        <a class="btn btn-primary" href={nextPath()}>{t('continue')} →</a>
        <a class="btn" href={ACCOUNT_PATH}>{t('account')}</a>
      </p>
    </>
  );
}

type Invalid = 'username' | 'password' | 'both';

/** The password lives in this form's state only, and is dropped after every attempt. */
function LoginForm() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<{ text: string; invalid: Invalid } | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const usernameBox = useRef<HTMLInputElement>(null);
  const passwordBox = useRef<HTMLInputElement>(null);

  const fail = (text: string, invalid: Invalid) => {
    setError({ text, invalid });
    (invalid === 'username' ? usernameBox : passwordBox).current?.focus();
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    if (!username.trim()) return fail(t('usernameRequired'), 'username');
    if (!password) return fail(t('passwordRequired'), 'password');
    setBusy(true);
    setError(undefined);
    try {
      const user = await signIn(username.trim(), password);
      setPassword('');
      navigate(landingFor(user, nextPath()), { replace: true });
    } catch (err) {
      setBusy(false);
      setPassword('');
      fail(loginError(err), 'both');
    }
  };

  const invalid = (field: 'username' | 'password') => (error && (error.invalid === field || error.invalid === 'both') ? 'true' : undefined);
  return (
    <form class="auth-form" onSubmit={submit} noValidate aria-busy={busy}>
      <p class="muted">{t('signInLead')}</p>
      <div class="form-field">
        <label for="login-username">{t('username')}</label>
        <input
          id="login-username" ref={usernameBox} name="username" type="text" autocomplete="username" autocapitalize="none"
          spellcheck={false} required value={username} aria-invalid={invalid('username')} aria-describedby={error ? 'login-error' : undefined}
          onInput={(e) => setUsername((e.currentTarget as HTMLInputElement).value)}
        />
      </div>
      <div class="form-field">
        <label for="login-password">{t('password')}</label>
        <input
          id="login-password" ref={passwordBox} name="password" type="password" autocomplete="current-password" required
          value={password} aria-invalid={invalid('password')} aria-describedby={error ? 'login-error' : undefined}
          onInput={(e) => setPassword((e.currentTarget as HTMLInputElement).value)}
        />
      </div>
      <p id="login-error" class="form-error" role="alert" data-testid="login-error">{error?.text}</p>
      <p class="form-actions">
        <button type="submit" class="btn btn-primary" aria-disabled={busy}>{busy ? t('signingIn') : t('signIn')}</button>
      </p>
    </form>
  );
}

/** The server's reasons, in the reader's language. */
function loginError(err: unknown): string {
  if (!(err instanceof ApiError)) return t('serverUnreachable');
  if (err.status === 401 || err.status === 400) return t('loginFailed');
  if (err.status === 403) return t('accountDisabled');
  if (err.status === 429) {
    const seconds = (err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
    return t('loginLocked', { seconds: seconds ?? 60 });
  }
  return `${t('loadFailed')}: ${err.message}`;
}

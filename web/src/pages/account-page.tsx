import { useRef, useState } from 'preact/hooks';
import { ApiError } from '../api.ts';
import { useTitle } from '../app.tsx';
import { roleLabel } from '../components/account-bar.tsx';
import { UnitFullName } from '../components/unit-full-name.tsx';
import { lang, t } from '../i18n.ts';
import { changePassword, currentUser } from '../session.ts';

/** The server's minimum (src/auth/password.ts), checked here first so the reader learns it before sending. */
const MIN_PASSWORD = 10;

/** Who is signed in, and the change-password form; `forced` after a one-time password, before anything else. */
export function AccountPage({ forced = false }: { forced?: boolean }) {
  const user = currentUser.value;
  const title = forced ? t('mustChangeTitle') : t('account');
  useTitle(title);
  if (!user) return null;
  return (
    <div class="page page-auth">
      <section class="card auth-card" aria-labelledby="account-title" data-testid={forced ? 'forced-password' : 'account-page'}>
        <h1 id="account-title">{title}</h1>
        {forced ? <p>{t('mustChangeLead')}</p> : (
          <dl class="definition">
            <dt>{t('account')}</dt><dd>{user.displayName} ({user.username})</dd>
            <dt>{t('accountRole')}</dt><dd>{roleLabel(user.role)}</dd>
            {user.unit && <><dt>{t('accountUnit')}</dt><dd data-testid="account-unit"><UnitFullName code={user.unit} /></dd></>}
          </dl>
        )}
        {!forced && <h2 class="sub">{t('changePassword')}</h2>}
        <PasswordForm username={user.username} forced={forced} />
      </section>
    </div>
  );
}

type Field = 'current' | 'next' | 'repeat';
interface Problem { field: Field; text: string }

const SERVER_FIELDS: Record<string, Field> = { currentPassword: 'current', newPassword: 'next' };

function PasswordForm({ username, forced }: { username: string; forced: boolean }) {
  const [values, setValues] = useState<Record<Field, string>>({ current: '', next: '', repeat: '' });
  const [problems, setProblems] = useState<Problem[]>([]);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const boxes = { current: useRef<HTMLInputElement>(null), next: useRef<HTMLInputElement>(null), repeat: useRef<HTMLInputElement>(null) };

  const show = (found: Problem[]) => {
    setProblems(found);
    const first = found[0];
    if (first) boxes[first.field].current?.focus();
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (busy) return;
    setDone(false);
    const found = check(values);
    if (found.length > 0) return show(found);
    setBusy(true);
    setProblems([]);
    try {
      await changePassword(values.current, values.next);
      setValues({ current: '', next: '', repeat: '' });
      setDone(true);
      // A forced change gives way to the page asked for: keyboard and screen-reader users land on it.
      if (forced) requestAnimationFrame(() => document.getElementById('main')?.focus());
    } catch (err) {
      show(serverProblems(err));
    } finally {
      setBusy(false);
    }
  };

  const field = (name: Field, label: string, autocomplete: 'current-password' | 'new-password', hint?: string) => {
    const mine = problems.filter((p) => p.field === name);
    const described = [hint ? `pw-${name}-hint` : '', problems.length > 0 ? 'pw-errors' : ''].filter(Boolean).join(' ');
    return (
      <div class="form-field">
        <label for={`pw-${name}`}>{label}</label>
        <input
          id={`pw-${name}`} ref={boxes[name]} type="password" autocomplete={autocomplete} required
          minLength={name === 'current' ? undefined : MIN_PASSWORD} value={values[name]}
          aria-invalid={mine.length > 0 ? 'true' : undefined} aria-describedby={described || undefined}
          onInput={(e) => setValues((v) => ({ ...v, [name]: (e.currentTarget as HTMLInputElement).value }))}
        />
        {hint && <span id={`pw-${name}-hint`} class="muted small">{hint}</span>}
      </div>
    );
  };

  return (
    <form class="auth-form" onSubmit={submit} noValidate aria-busy={busy}>
      {/* Password managers file the new password under this account. */}
      <input type="text" name="username" autocomplete="username" value={username} readOnly hidden />
      {field('current', t('currentPassword'), 'current-password')}
      {field('next', t('newPassword'), 'new-password', t('passwordHint', { min: MIN_PASSWORD }))}
      {field('repeat', t('repeatPassword'), 'new-password')}
      <div id="pw-errors" class="form-error" role="alert" data-testid="password-error">
        {problems.length === 1 ? problems[0]?.text : problems.length > 1 && <ul>{problems.map((p) => <li key={p.field + p.text}>{p.text}</li>)}</ul>}
      </div>
      <p class="form-ok" role="status">{done && !forced ? t('passwordChanged') : ''}</p>
      <p class="form-actions">
        <button type="submit" class="btn btn-primary" aria-disabled={busy}>{busy ? t('saving') : t('changePassword')}</button>
      </p>
    </form>
  );
}

function check(values: Record<Field, string>): Problem[] {
  const found: Problem[] = [];
  if (!values.current) found.push({ field: 'current', text: t('passwordRequired') });
  if (values.next.length < MIN_PASSWORD) found.push({ field: 'next', text: t('passwordTooShort', { min: MIN_PASSWORD }) });
  else if (values.next === values.current) found.push({ field: 'next', text: t('passwordUnchanged') });
  if (values.repeat !== values.next) found.push({ field: 'repeat', text: t('passwordMismatch') });
  return found;
}

/** The server names the field and the reason in both languages; a wrong current password reads as such. */
function serverProblems(err: unknown): Problem[] {
  if (!(err instanceof ApiError)) return [{ field: 'current', text: t('serverUnreachable') }];
  const listed = (err.details as { problems?: { field?: string; reason: string; reasonEn?: string }[] } | undefined)?.problems ?? [];
  const known = listed.flatMap((p): Problem[] => {
    const field = SERVER_FIELDS[p.field ?? ''];
    if (!field) return [];
    const text = field === 'current' ? t('currentPasswordWrong') : lang.value === 'en' ? p.reasonEn ?? p.reason : p.reason;
    return [{ field, text }];
  });
  return known.length > 0 ? known : [{ field: 'current', text: err.message }];
}

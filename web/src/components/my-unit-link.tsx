import { useEffect } from 'preact/hooks';
import { th } from '../i18n-home.ts';
import { HOME_PATH } from '../landing.ts';
import { here, navigate } from '../router.ts';
import { currentUser } from '../session.ts';

/** "Đơn vị của tôi" in the header's navigation, for an account bound to a unit. */
export function MyUnitLink() {
  if (!currentUser.value?.unit) return null;
  return (
    <li>
      <a href={HOME_PATH} aria-current={here.value.path === HOME_PATH ? 'page' : undefined} data-testid="my-unit-link">{th('myUnit')}</a>
    </li>
  );
}

/** Goes on to another page in place of this one, leaving no step in the history. */
export function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

import { tr } from '../i18n-report.ts';
import { currentUser } from '../session.ts';

export const REPORT_PATH = '/bao-cao';

/** "Báo cáo" in the header, for the accounts that may report: a unit's editors and administrators. */
export function ReportLink({ path }: { path: string }) {
  const role = currentUser.value?.role;
  if (role !== 'editor' && role !== 'admin') return null;
  return (
    <li>
      <a href={REPORT_PATH} aria-current={path === REPORT_PATH ? 'page' : undefined} data-testid="nav-report">{tr('navReport')}</a>
    </li>
  );
}

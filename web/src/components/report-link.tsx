import { tr } from '../i18n-report.ts';
import { currentUser, type User } from '../session.ts';

export const REPORT_PATH = '/bao-cao';

/** Who may report: a unit's editors (for it and the units beneath) and administrators (for any unit). */
export const canReport = (user: User | null | undefined): boolean => user?.role === 'editor' || user?.role === 'admin';

/** "Báo cáo" in the header, for the accounts that may report: a unit's editors and administrators. */
export function ReportLink({ path }: { path: string }) {
  if (!canReport(currentUser.value)) return null;
  return (
    <li>
      <a href={REPORT_PATH} aria-current={path === REPORT_PATH ? 'page' : undefined} data-testid="nav-report">{tr('navReport')}</a>
    </li>
  );
}

import { useEffect } from 'preact/hooks';
import { catalogue, periodsKnown } from './app-state.ts';
import { ACCOUNT_PATH } from './components/account-bar.tsx';
import { lazy } from './components/lazy.tsx';
import { Redirect } from './components/my-unit-link.tsx';
import { PublishedOnly } from './components/published-only.tsx';
import { Shell } from './components/shell.tsx';
import { LOGIN_PATH } from './components/sign-in-notice.tsx';
import { REPORT_PATH } from './components/report-link.tsx';
import { Loading } from './components/ui.tsx';
import { t } from './i18n.ts';
import { HOME_PATH, landsOnHome } from './landing.ts';
import { here } from './router.ts';
import { currentUser, signedIn } from './session.ts';
import { OverviewPage } from './pages/overview-page.tsx';
import { UnitPage } from './pages/unit-page.tsx';
import { UnitHomePage } from './pages/unit-home-page.tsx';

const LoginPage = lazy(() => import('./pages/login-page.tsx').then((m) => m.LoginPage));
const AccountPage = lazy(() => import('./pages/account-page.tsx').then((m) => m.AccountPage));
// The overview and a unit's page are what people open first (decision 0033): the others load with their first visit.
const MapPage = lazy(() => import('./pages/map-page.tsx').then((m) => m.MapPage));
const RankingsPage = lazy(() => import('./pages/rankings-page.tsx').then((m) => m.RankingsPage));
const IndicatorPage = lazy(() => import('./pages/indicator-page.tsx').then((m) => m.IndicatorPage));
const IndicatorListPage = lazy(() => import('./pages/indicator-page.tsx').then((m) => m.IndicatorListPage));
const TasksPage = lazy(() => import('./pages/tasks-page.tsx').then((m) => m.TasksPage));
const TaskPage = lazy(() => import('./pages/task-page.tsx').then((m) => m.TaskPage));
const ReportPage = lazy(() => import('./pages/report-page.tsx').then((m) => m.ReportPage));

export function App() {
  const ready = catalogue.value && signedIn.value !== undefined && periodsKnown.value;
  return <Shell>{ready ? <Routed /> : <Loading />}</Shell>;
}

/** A one-time password is changed before anything else; signing in or out reloads the page with the other figures. */
function Routed() {
  if (currentUser.value?.mustChangePassword) return <AccountPage forced />;
  return <Page key={signedIn.value ? 'live' : 'public'} path={here.value.path} />;
}

function Page({ path }: { path: string }) {
  let m: RegExpExecArray | null;
  if (landsOnHome(currentUser.value, path, here.value.query)) return <Redirect to={HOME_PATH} />;
  if (path === HOME_PATH) return <UnitHomePage />;
  if (path === '/' || path === '/index.html') return <PublishedOnly><OverviewPage /></PublishedOnly>;
  if (path === '/ban-do') return <PublishedOnly><MapPage /></PublishedOnly>;
  if (path === '/xep-hang') return <PublishedOnly><RankingsPage /></PublishedOnly>;
  if ((m = /^\/don-vi\/([^/]+)$/.exec(path))) return <PublishedOnly><UnitPage key={m[1]} code={m[1] ?? ''} /></PublishedOnly>;
  if (path === '/chi-tieu') return <IndicatorListPage />;
  if ((m = /^\/chi-tieu\/([^/]+)$/.exec(path))) return <PublishedOnly><IndicatorPage key={m[1]} code={m[1] ?? ''} /></PublishedOnly>;
  if (path === '/nhiem-vu') return <TasksPage />;
  if ((m = /^\/nhiem-vu\/(\d{1,12})$/.exec(path))) return <TaskPage key={m[1]} id={Number(m[1])} />;
  if (path === REPORT_PATH) return signedIn.value ? <ReportPage /> : <LoginPage />;
  if (path === LOGIN_PATH) return <LoginPage />;
  if (path === ACCOUNT_PATH) return signedIn.value ? <AccountPage /> : <LoginPage />;
  return <NotFound />;
}

function NotFound() {
  useTitle(t('notFound'));
  return (
    <div class="page">
      <h1>{t('notFound')}</h1>
      <p><a href="/">{t('backHome')}</a></p>
    </div>
  );
}

export function useTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} — ${t('appName')}`;
  }, [title]);
}

import { useEffect } from 'preact/hooks';
import { catalogue } from './app-state.ts';
import { Shell } from './components/shell.tsx';
import { Loading } from './components/ui.tsx';
import { t } from './i18n.ts';
import { here } from './router.ts';
import { IndicatorListPage, IndicatorPage } from './pages/indicator-page.tsx';
import { MapPage } from './pages/map-page.tsx';
import { OverviewPage } from './pages/overview-page.tsx';
import { RankingsPage } from './pages/rankings-page.tsx';
import { TasksPage } from './pages/tasks-page.tsx';
import { UnitPage } from './pages/unit-page.tsx';

export function App() {
  return <Shell>{catalogue.value ? <Page path={here.value.path} /> : <Loading />}</Shell>;
}

function Page({ path }: { path: string }) {
  let m: RegExpExecArray | null;
  if (path === '/' || path === '/index.html') return <OverviewPage />;
  if (path === '/ban-do') return <MapPage />;
  if (path === '/xep-hang') return <RankingsPage />;
  if ((m = /^\/don-vi\/([^/]+)$/.exec(path))) return <UnitPage key={m[1]} code={m[1] ?? ''} />;
  if (path === '/chi-tieu') return <IndicatorListPage />;
  if ((m = /^\/chi-tieu\/([^/]+)$/.exec(path))) return <IndicatorPage key={m[1]} code={m[1] ?? ''} />;
  if (path === '/nhiem-vu') return <TasksPage />;
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

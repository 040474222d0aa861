import { AppShell } from '../components/layout/app-shell';
import { useT } from '../components/i18n/use-t';
import { HomePage } from '../features/home/home-page';
import { routeSegments, useHashRoute } from './use-hash-route';

function NotFound() {
  const t = useT();
  return (
    <section className="page">
      <h1>{t('notFound.title')}</h1>
      <a href="#/">{t('notFound.back')}</a>
    </section>
  );
}

export function App() {
  const [page] = routeSegments(useHashRoute());
  return <AppShell>{page === undefined ? <HomePage /> : <NotFound />}</AppShell>;
}

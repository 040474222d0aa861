import { useT } from '../../components/i18n/use-t';

export function HomePage() {
  const t = useT();
  return (
    <section className="page home">
      <h1>{t('home.title')}</h1>
      <p className="lead">{t('home.intro')}</p>
      <a className="button primary" href="#/library">
        {t('home.start')}
      </a>
    </section>
  );
}

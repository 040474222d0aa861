import type { ReactNode } from 'react';
import { useT } from '../i18n/use-t';
import { LanguageSwitch } from './language-switch';

/** Header with navigation and language switch around every page. */
export function AppShell({ children }: { children: ReactNode }) {
  const t = useT();
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="app-header">
        <a className="brand" href="#/">
          {t('app.name')}
        </a>
        <nav aria-label={t('nav.main')}>
          <a href="#/library">{t('nav.library')}</a>
          <a href="#/history">{t('nav.history')}</a>
          <a href="#/profile">{t('nav.profile')}</a>
        </nav>
        <LanguageSwitch />
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

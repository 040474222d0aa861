import type { ReactNode } from 'react';
import { LEARNER_ONLY } from '../../lms/learner-only';
import { useT, type MessageKey } from '../i18n/use-t';
import { LanguageSwitch } from './language-switch';
import { LmsBanner } from './lms-banner';
import { StorageBanner } from './storage-banner';
import { UpdatePrompt } from './update-prompt';
import './app-shell.css';

export type NavPage = 'library' | 'history' | 'profile' | 'trainer' | 'records';

const TRAINEE_NAV: { page: NavPage; href: string; label: MessageKey }[] = [
  { page: 'library', href: '#/library', label: 'nav.library' },
  { page: 'history', href: '#/history', label: 'nav.history' },
  { page: 'profile', href: '#/profile', label: 'nav.profile' },
];
// The learner-only build packed for an LMS has no staff pages to link to.
const NAV = LEARNER_ONLY
  ? TRAINEE_NAV
  : [
      ...TRAINEE_NAV,
      { page: 'trainer' as const, href: '#/trainer', label: 'nav.trainer' as const },
      { page: 'records' as const, href: '#/records', label: 'nav.records' as const },
    ];

/** Header with navigation (the current page marked) and language switch around every page. */
export function AppShell({ children, current }: { children: ReactNode; current?: NavPage }) {
  const t = useT();
  return (
    <>
      <a
        className="skip-link"
        href="#main"
        onClick={(event) => {
          // "#main" would be read as a route; move the focus without touching the hash.
          event.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('app.skip')}
      </a>
      <header className="app-header">
        <a className="brand" href="#/">
          {t('app.name')}
        </a>
        <nav aria-label={t('nav.main')}>
          {NAV.map((item) => (
            <a
              key={item.page}
              href={item.href}
              aria-current={item.page === current ? 'page' : undefined}
            >
              {t(item.label)}
            </a>
          ))}
        </nav>
        <LanguageSwitch />
      </header>
      <StorageBanner />
      <LmsBanner />
      <UpdatePrompt />
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}

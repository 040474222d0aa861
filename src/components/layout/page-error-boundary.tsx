/**
 * A route-level error boundary: a page that throws while rendering shows a plain message and a
 * way back instead of unmounting the whole app. A lazy page whose chunk is gone (a new deploy
 * removed it) reloads once to fetch the new build.
 */
import { Component, type ReactNode } from 'react';
import { useT } from '../i18n/use-t';

const RELOADED_KEY = 'servicedojo.chunk-reload';

/** True for the errors browsers raise when a lazily imported chunk cannot be loaded. */
export function isChunkLoadError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /dynamically imported module|Importing a module script failed|Loading chunk|module script/i.test(
    message,
  );
}

function PageError({ chunk }: { chunk: boolean }) {
  const t = useT();
  return (
    <section className="page" role="alert">
      <h1>{t('pageError.title')}</h1>
      <p>{t(chunk ? 'pageError.newVersion' : 'pageError.body')}</p>
      <p>
        <a href="#/">{t('notFound.back')}</a>{' '}
        <button type="button" onClick={() => window.location.reload()}>
          {t('pageError.reload')}
        </button>
      </p>
    </section>
  );
}

interface State {
  error: unknown;
}

export class PageErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: undefined };

  static getDerivedStateFromError(error: unknown): State {
    return { error };
  }

  override componentDidCatch(error: unknown): void {
    // A missing chunk after a deploy: reload once for the new build; never loop.
    if (isChunkLoadError(error) && sessionStorage.getItem(RELOADED_KEY) === null) {
      sessionStorage.setItem(RELOADED_KEY, '1');
      window.location.reload();
    }
  }

  override render(): ReactNode {
    if (this.state.error === undefined) return this.props.children;
    return <PageError chunk={isChunkLoadError(this.state.error)} />;
  }
}

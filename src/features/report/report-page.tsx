import { useEffect, useState } from 'react';
import { restoreReport } from '../../core/stored-report';
import type { AttemptRecord } from '../../data/db';
import { loadAttempt, rememberedAttempt } from '../../data/memory-attempts';
import { useLocalized, useT, type MessageKey } from '../../components/i18n/use-t';
import { useCatalogStore } from '../../stores/use-catalog-store';
import { useLocaleStore } from '../../stores/use-locale-store';
import { DimensionChart } from './dimension-chart';
import { FindingsList } from './findings-list';
import { ProcedureChecklist } from './procedure-checklist';
import { ReportSummary } from './report-summary';
import { ResponseTimes } from './response-times';
import { TranscriptView } from './transcript-view';
import { WeakReplies } from './weak-replies';
import './report.css';

type Loaded =
  | { status: 'loading' }
  | { status: 'missing' }
  | { status: 'found'; record: AttemptRecord; inMemory: boolean };

/** The report of one finished attempt: score, dimensions, procedure, every finding, retries. */
export function ReportPage({ attemptId }: { attemptId: string }) {
  const t = useT();
  const local = useLocalized();
  const locale = useLocaleStore((state) => state.locale);
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const record = loaded.status === 'found' ? loaded.record : undefined;
  const scenario = useCatalogStore((state) =>
    record ? state.scenarioById(record.scenarioId) : undefined,
  );
  const analyzer = useCatalogStore((state) => state.analyzer);

  useEffect(() => {
    let current = true;
    // An attempt the browser could not store is still in this tab's memory.
    void loadAttempt(attemptId).then((found) => {
      if (!current) return;
      const inMemory = rememberedAttempt(attemptId) !== undefined;
      setLoaded(found ? { status: 'found', record: found, inMemory } : { status: 'missing' });
    });
    return () => {
      current = false;
    };
  }, [attemptId]);

  if (loaded.status === 'loading') return <p className="page">{t('report.loading')}</p>;
  if (!record)
    return (
      <section className="page">
        <h1>{t('report.notFound')}</h1>
        <a href="#/library">{t('report.backToLibrary')}</a>
      </section>
    );

  const practiceHref = `#/practice/${encodeURIComponent(record.scenarioId)}?mode=${record.mode}`;
  const restored = restoreReport(record.report);
  const report = restored.ok ? restored.report : undefined;
  if (record.status === 'finished' && !report)
    return (
      <section className="page">
        <h1>{t('report.title', { title: local(record.scenarioTitle) })}</h1>
        <p role="alert">{t('report.unreadable')}</p>
        <a href="#/library">{t('report.backToLibrary')}</a>
      </section>
    );
  if (record.status !== 'finished' || !report)
    return (
      <section className="page">
        <h1>{t('report.title', { title: local(record.scenarioTitle) })}</h1>
        <p>{t('report.notFinished')}</p>
        <a className="button primary" href={practiceHref}>
          {t('report.continue')}
        </a>
      </section>
    );

  const customerName = scenario ? local(scenario.persona.name) : t('practice.customer');
  return (
    <section className="page report">
      <header className="report-header">
        <h1>{t('report.title', { title: local(record.scenarioTitle) })}</h1>
        <p className="report-meta">
          {t('report.meta', {
            mode: t(`practice.mode.${record.mode}` as MessageKey),
            date: new Date(record.finishedAt ?? record.updatedAt).toLocaleString(locale),
            name: record.trainee.name,
          })}
        </p>
      </header>
      {loaded.status === 'found' && loaded.inMemory && (
        <p role="status" className="report-memory-note">
          {t('report.memoryOnly')}
        </p>
      )}
      <ReportSummary report={report} />
      <div className="report-actions">
        <a className="button primary" href={practiceHref}>
          {t('report.tryAgain')}
        </a>
        <a className="button" href="#/library">
          {t('report.backToLibrary')}
        </a>
      </div>
      <div className="report-grid">
        <DimensionChart dimensions={report.dimensions} />
        <ProcedureChecklist procedure={report.procedure} />
      </div>
      <FindingsList report={report} />
      <WeakReplies report={report} scenario={scenario} analyzer={analyzer} />
      <ResponseTimes times={report.responseTimes} />
      <TranscriptView transcript={report.transcript} customerName={customerName} />
    </section>
  );
}

/**
 * Every attempt of this trainee, newest first, and a score trend per scenario. Without storage
 * (private mode) the page says records are not kept and lists this tab's in-memory attempts.
 */
import { useEffect, useId, useState } from 'react';
import { LazyChart } from '../../components/charts/lazy-chart';
import { useLocalized, useT } from '../../components/i18n/use-t';
import { listAttempts } from '../../data/attempts';
import type { AttemptRecord } from '../../data/db';
import { isStorageFailure, rememberedAttempts } from '../../data/memory-attempts';
import { getStorageHealth } from '../../data/storage-health';
import { useLocaleStore } from '../../stores/use-locale-store';
import { useCatalogStore } from '../../stores/use-catalog-store';
import { passScoreOf, scenariosWithScores, scoreTrend, seriesByMode } from './score-trend';
import './history.css';
import { RestoreBackup } from './restore-backup';

type Loaded =
  | { state: 'loading' }
  | { state: 'failed' }
  | { state: 'ready'; attempts: AttemptRecord[] }
  | { state: 'no-storage'; attempts: AttemptRecord[] };

/** Scorecards a trainer filled in for others are not this trainee's practice. */
function ownPractice(attempts: readonly AttemptRecord[]): AttemptRecord[] {
  return attempts.filter((attempt) => attempt.observer === undefined);
}

export function HistoryPage() {
  const t = useT();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  // Bumped after a restore so the list is read again.
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    const noStorage = () =>
      setLoaded({ state: 'no-storage', attempts: ownPractice(rememberedAttempts()) });
    if (getStorageHealth() === 'unavailable') noStorage();
    else
      listAttempts()
        .then((attempts) => {
          if (current) setLoaded({ state: 'ready', attempts: ownPractice(attempts) });
        })
        .catch((error: unknown) => {
          if (!current) return;
          if (isStorageFailure(error) || getStorageHealth() === 'unavailable') noStorage();
          else setLoaded({ state: 'failed' });
        });
    return () => {
      current = false;
    };
  }, [generation]);

  return (
    <section className="page history" aria-labelledby="history-title">
      <h1 id="history-title">{t('history.title')}</h1>
      <p>
        <a href="#/export">{t('history.exportBundle')}</a> ·{' '}
        <a href="#/server">{t('server.title')}</a>
      </p>
      {loaded.state === 'ready' && (
        <RestoreBackup onRestored={() => setGeneration((value) => value + 1)} />
      )}
      {loaded.state === 'loading' && <p role="status">{t('history.loading')}</p>}
      {loaded.state === 'failed' && <p role="alert">{t('history.failed')}</p>}
      {loaded.state === 'no-storage' && (
        <>
          <p className="notice">{t('history.notKept')}</p>
          {loaded.attempts.length === 0 ? (
            <p>
              {t('history.noneInTab')}{' '}
              <a className="button primary" href="#/library">
                {t('history.toLibrary')}
              </a>
            </p>
          ) : (
            <>
              <p className="lead">{t('history.thisTab')}</p>
              <AttemptTable attempts={loaded.attempts} />
            </>
          )}
        </>
      )}
      {loaded.state === 'ready' &&
        (loaded.attempts.length === 0 ? (
          <p>
            {t('history.empty')}{' '}
            <a className="button primary" href="#/library">
              {t('history.toLibrary')}
            </a>
          </p>
        ) : (
          <>
            <p className="lead">{t('history.intro')}</p>
            <ScoreTrend attempts={loaded.attempts} />
            <AttemptTable attempts={loaded.attempts} />
          </>
        ))}
    </section>
  );
}

function useDateTime(): (time: number) => string {
  const locale = useLocaleStore((state) => state.locale);
  const format = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' });
  return (time) => format.format(new Date(time));
}

function AttemptTable({ attempts }: { attempts: AttemptRecord[] }) {
  const t = useT();
  const localized = useLocalized();
  const dateTime = useDateTime();
  return (
    <div className="history-table-wrap">
      <table className="history-table">
        <caption>{t('history.table')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('history.col.scenario')}</th>
            <th scope="col">{t('history.col.mode')}</th>
            <th scope="col">{t('history.col.date')}</th>
            <th scope="col">{t('history.col.score')}</th>
            <th scope="col">{t('history.col.result')}</th>
            <th scope="col">{t('history.col.ending')}</th>
            <th scope="col">{t('history.col.status')}</th>
            <th scope="col">{t('history.col.action')}</th>
          </tr>
        </thead>
        <tbody>
          {attempts.map((attempt) => (
            <tr key={attempt.id}>
              <th scope="row">{localized(attempt.scenarioTitle)}</th>
              <td data-label={t('history.col.mode')}>{t(`mode.${attempt.mode}`)}</td>
              <td data-label={t('history.col.date')}>
                <time dateTime={new Date(attempt.startedAt).toISOString()}>
                  {dateTime(attempt.startedAt)}
                </time>
              </td>
              <td className="number" data-label={t('history.col.score')}>
                {attempt.score === undefined ? t('history.none') : Math.round(attempt.score)}
              </td>
              <td data-label={t('history.col.result')}>
                {attempt.passed === undefined ? (
                  t('history.none')
                ) : attempt.passed ? (
                  <span className="passed">{t('history.passed')}</span>
                ) : (
                  <span className="not-passed">{t('history.failedResult')}</span>
                )}
              </td>
              <td data-label={t('history.col.ending')}>
                {attempt.endingKind ? t(`ending.${attempt.endingKind}`) : t('history.none')}
              </td>
              <td data-label={t('history.col.status')}>{t(`history.status.${attempt.status}`)}</td>
              <td className="history-action">
                {attempt.status === 'finished' ? (
                  <a href={`#/report/${encodeURIComponent(attempt.id)}`}>{t('history.report')}</a>
                ) : attempt.status === 'in-progress' ? (
                  <a
                    href={`#/practice/${encodeURIComponent(attempt.scenarioId)}?mode=${attempt.mode}`}
                  >
                    {t('history.resume')}
                  </a>
                ) : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ScoreTrend({ attempts }: { attempts: AttemptRecord[] }) {
  const t = useT();
  const localized = useLocalized();
  const dateTime = useDateTime();
  const selectId = useId();
  const scenarioIds = scenariosWithScores(attempts);
  const [chosen, setChosen] = useState<string | undefined>(undefined);
  const scenarioId = chosen !== undefined && scenarioIds.includes(chosen) ? chosen : scenarioIds[0];

  const titleOf = (id: string) => {
    const attempt = attempts.find((candidate) => candidate.scenarioId === id);
    return attempt ? localized(attempt.scenarioTitle) : id;
  };

  return (
    <section className="score-trend" aria-labelledby={`${selectId}-heading`}>
      <h2 id={`${selectId}-heading`}>{t('history.trend')}</h2>
      {scenarioId === undefined ? (
        <p>{t('history.trendEmpty')}</p>
      ) : (
        <>
          <label className="trend-select" htmlFor={selectId}>
            <span>{t('history.trendScenario')}</span>
            <select
              id={selectId}
              value={scenarioId}
              onChange={(event) => setChosen(event.target.value)}
            >
              {scenarioIds.map((id) => (
                <option key={id} value={id}>
                  {titleOf(id)}
                </option>
              ))}
            </select>
          </label>
          <TrendChart
            title={t('history.trendTitle', { title: titleOf(scenarioId) })}
            attempts={attempts}
            scenarioId={scenarioId}
            dateTime={dateTime}
          />
        </>
      )}
    </section>
  );
}

/** The scores of one scenario, one line per mode, with the pass mark as a dashed line. */
function TrendChart({
  title,
  attempts,
  scenarioId,
  dateTime,
}: {
  title: string;
  attempts: AttemptRecord[];
  scenarioId: string;
  dateTime: (time: number) => string;
}) {
  const t = useT();
  const catalogPass = useCatalogStore((state) => state.scenarioById(scenarioId)?.passScore);
  const points = scoreTrend(attempts, scenarioId);
  const passScore = passScoreOf(attempts, scenarioId) ?? catalogPass;
  return (
    <>
      <LazyChart
        type="line"
        title={title}
        labels={points.map((point) => dateTime(point.at))}
        datasets={[
          ...seriesByMode(points).map((series) => ({
            label: t(`mode.${series.mode}`),
            data: series.scores,
          })),
          ...(passScore === undefined
            ? []
            : [
                {
                  label: t('history.passLine', { score: passScore }),
                  data: points.map(() => passScore),
                  dashed: true,
                },
              ]),
        ]}
        min={0}
        max={100}
      />
      {passScore !== undefined && (
        <p className="trend-note">{t('history.passLineNote', { score: passScore })}</p>
      )}
    </>
  );
}

import { useState } from 'react';
import { useT } from '../../components/i18n/use-t';
import type { RoleAssignment } from '../../data/db';
import { useCatalogStore } from '../../stores/use-catalog-store';
import { useClassroomStore } from '../../stores/use-classroom-store';
import { ClassSummaryView } from './class-summary-view';
import { ObserverScorecard } from './observer-scorecard';
import { PairTyping } from './pair-typing';
import { PairingPanel } from './pairing-panel';
import { ResultsImport } from './results-import';
import { RosterPanel } from './roster-panel';
import { RoundsPanel } from './rounds-panel';
import { ServerClassSignIn } from './server-class-sign-in';
import { useClassSummary } from './use-class-summary';
import { useOpenClass } from './use-open-class';
import './classroom.css';

/** The trainer's console for one class: roster, pairing, rounds, scorecards, results, summary. */
export function ClassConsolePage({
  classId,
  clock = Date.now,
}: {
  classId: string;
  clock?: () => number;
}) {
  const t = useT();
  const { record, status, view, saveFailed } = useClassroomStore();
  const analyzer = useCatalogStore((state) => state.analyzer);
  const scenarioById = useCatalogStore((state) => state.scenarioById);
  const summary = useClassSummary();
  const [typing, setTyping] = useState<RoleAssignment | undefined>();

  useOpenClass(classId);

  if (status === 'missing')
    return (
      <section className="page">
        <h1>{t('trainer.missing')}</h1>
        <ServerClassSignIn classId={classId} />
        <a href="#/trainer">{t('trainer.back')}</a>
      </section>
    );
  if (!record) return <p className="page">{t('trainer.loading')}</p>;

  const entry = (id: string | undefined) => record.roster.find((item) => item.id === id);
  const typingScenarios = record.scenarioIds.flatMap((id) => scenarioById(id) ?? []);
  const typingCustomer = entry(typing?.customer);
  const typingRep = entry(typing?.rep);

  return (
    <section className="page trainer class-console">
      <header className="class-header">
        <h1>{t('class.heading', { name: record.name })}</h1>
        <p>
          {t('class.meta', {
            trainer: record.trainer,
            date: record.date,
            count: record.roster.length,
          })}
        </p>
        <button
          type="button"
          onClick={() =>
            window.open(`#/trainer/projector/${record.id}`, `servicedojo-projector-${record.id}`)
          }
        >
          {t('class.projector')}
        </button>
        <a href="#/trainer">{t('trainer.back')}</a>
        {saveFailed && <p role="alert">{t('serverClass.unreachable')}</p>}
      </header>
      <div className="console-grid">
        <RosterPanel />
        <PairingPanel />
        <RoundsPanel clock={clock} onTypeRolePlay={setTyping} />
        {typing && typingScenarios.length > 0 && analyzer && typingCustomer && typingRep && (
          <PairTyping
            key={`${typing.groupId}-${typing.rep}`}
            scenarios={typingScenarios}
            analyzer={analyzer}
            customer={typingCustomer}
            rep={typingRep}
            group={t('class.group', {
              n: record.groups.findIndex((group) => group.id === typing.groupId) + 1,
            })}
            classId={record.id}
            clock={clock}
            onSaved={() => useClassroomStore.getState().resultsChanged()}
            onClose={() => setTyping(undefined)}
          />
        )}
        <ObserverScorecard clock={clock} />
        <ResultsImport />
        <section className="panel" aria-labelledby="summary-heading">
          <h2 id="summary-heading">{t('class.summary')}</h2>
          <ClassSummaryView summary={summary} />
          <button
            type="button"
            onClick={() =>
              void useClassroomStore.getState().show(view === 'summary' ? 'round' : 'summary')
            }
          >
            {view === 'summary' ? t('class.showRound') : t('class.showSummary')}
          </button>
        </section>
      </div>
    </section>
  );
}

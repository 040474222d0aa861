import { useLocalized, useT } from '../../components/i18n/use-t';
import { useCatalogStore } from '../../stores/use-catalog-store';
import { useClassroomStore } from '../../stores/use-classroom-store';
import { AssignmentList } from './assignment-list';
import { ClassSummaryView } from './class-summary-view';
import { RoundTimer } from './round-timer';
import { useClassSummary } from './use-class-summary';
import { useOpenClass } from './use-open-class';
import './classroom.css';

/** The projector window: big round timer, pairs and roles, the customer's brief, or the class summary. */
export function ProjectorPage({
  classId,
  clock = Date.now,
}: {
  classId: string;
  clock?: () => number;
}) {
  const t = useT();
  const local = useLocalized();
  const { record, status, view } = useClassroomStore();
  const scenarioById = useCatalogStore((state) => state.scenarioById);
  const summary = useClassSummary();

  useOpenClass(classId);

  if (status === 'missing') return <p className="projector">{t('trainer.missing')}</p>;
  if (!record) return <p className="projector">{t('trainer.loading')}</p>;
  const round = record.rounds[record.rounds.length - 1];
  const scenarios = record.scenarioIds.flatMap((id) => scenarioById(id) ?? []);

  return (
    <main className="projector" aria-label={t('projector.title')}>
      <h1>{record.name}</h1>
      {record.code && <p className="projector-code">{t('class.code', { code: record.code })}</p>}
      {view === 'summary' ? (
        <section aria-labelledby="projector-summary">
          <h2 id="projector-summary">{t('class.summary')}</h2>
          <ClassSummaryView summary={summary} />
        </section>
      ) : !round ? (
        <p className="projector-wait">{t('projector.noRound')}</p>
      ) : (
        <>
          <RoundTimer round={round} clock={clock} big />
          <section aria-labelledby="projector-pairs">
            <h2 id="projector-pairs">{t('projector.pairs')}</h2>
            <AssignmentList record={record} round={round} />
          </section>
          {scenarios.map((scenario) => (
            <section key={scenario.id} className="projector-brief">
              <h2>{t('projector.brief', { title: local(scenario.title) })}</h2>
              <p>{local(scenario.brief)}</p>
              <p>
                <strong>{local(scenario.persona.name)}</strong>
                {t('projector.personaWho', { who: local(scenario.persona.who) })}
              </p>
              <p>{local(scenario.persona.situation)}</p>
            </section>
          ))}
        </>
      )}
    </main>
  );
}

import { useLocalized, useT } from '../../components/i18n/use-t';
import { LazyQrCode } from '../../components/qr/lazy-qr-code';
import { briefPath, groupScenarioId, projectedRoles } from '../../data/class-rounds';
import type { ClassRecord, RoleAssignment } from '../../data/db';
import { useCatalogStore } from '../../stores/use-catalog-store';
import { useClassroomStore } from '../../stores/use-classroom-store';
import { ClassSummaryView } from './class-summary-view';
import { RoundTimer } from './round-timer';
import { ServerClassSignIn } from './server-class-sign-in';
import { useClassSummary } from './use-class-summary';
import { useOpenClass } from './use-open-class';
import './classroom.css';

/** The page's own address without its hash: where the brief links point. */
function appAddress(): string {
  return `${window.location.origin}${window.location.pathname}`;
}

/** One group on the projector: its roles, the scenario it plays and the brief link for its customer player. */
function GroupCard({ record, roles }: { record: ClassRecord; roles: RoleAssignment }) {
  const t = useT();
  const local = useLocalized();
  const scenarioById = useCatalogStore((state) => state.scenarioById);
  const nameOf = (id: string) => record.roster.find((entry) => entry.id === id)?.name ?? '?';
  const number = record.groups.findIndex((g) => g.id === roles.groupId) + 1;
  const group = t('class.group', { n: number });
  const scenarioId = groupScenarioId(record, roles.groupId);
  const scenario = scenarioId ? scenarioById(scenarioId) : undefined;
  const link = scenarioId ? `${appAddress()}${briefPath(scenarioId, number)}` : undefined;
  return (
    <li className="group-card">
      <p className="group-roles">
        {t('class.assignment', { group, customer: nameOf(roles.customer), rep: nameOf(roles.rep) })}
        {roles.observer !== undefined &&
          t('class.assignmentObserver', { observer: nameOf(roles.observer) })}
      </p>
      {scenario && (
        <p className="group-scenario">{t('projector.plays', { title: local(scenario.title) })}</p>
      )}
      {link && (
        <div className="group-brief">
          <LazyQrCode text={link} label={t('projector.briefQr', { group })} />
          <p>
            {t('projector.briefFor', { name: nameOf(roles.customer) })}
            <br />
            <a href={link}>{link}</a>
          </p>
        </div>
      )}
    </li>
  );
}

/**
 * The projector window: the round timer and, group by group, roles and scenario with a link
 * (and QR code) to the customer's brief for the customer player's phone — never the brief
 * itself; before round 1 the pairs; or the class summary with a chart.
 */
export function ProjectorPage({
  classId,
  clock = Date.now,
}: {
  classId: string;
  clock?: () => number;
}) {
  const t = useT();
  const { record, status, view } = useClassroomStore();
  const summary = useClassSummary();

  useOpenClass(classId);

  if (status === 'missing')
    return (
      <main className="projector" aria-label={t('projector.title')}>
        <p>{t('trainer.missing')}</p>
        <ServerClassSignIn classId={classId} />
      </main>
    );
  if (!record) return <p className="projector">{t('trainer.loading')}</p>;
  const round = record.rounds[record.rounds.length - 1];
  const roles = projectedRoles(record);
  const local = /^(localhost|127\.|\[::1\])/.test(window.location.hostname);

  return (
    <main className="projector" aria-label={t('projector.title')}>
      <h1>{record.name}</h1>
      {record.code && <p className="projector-code">{t('class.code', { code: record.code })}</p>}
      {view === 'summary' ? (
        <section aria-labelledby="projector-summary">
          <h2 id="projector-summary">{t('class.summary')}</h2>
          <ClassSummaryView summary={summary} big />
        </section>
      ) : roles.length === 0 ? (
        <p className="projector-wait">{t('projector.noGroups')}</p>
      ) : (
        <>
          {round ? (
            <RoundTimer round={round} clock={clock} big />
          ) : (
            <p className="projector-wait">{t('projector.noRound')}</p>
          )}
          <section aria-labelledby="projector-pairs">
            <h2 id="projector-pairs">
              {round ? t('projector.pairs') : t('projector.pairsBefore')}
            </h2>
            {local && <p className="hint">{t('projector.localOnly')}</p>}
            <ul className="group-cards">
              {roles.map((item) => (
                <GroupCard key={item.groupId} record={record} roles={item} />
              ))}
            </ul>
          </section>
        </>
      )}
    </main>
  );
}

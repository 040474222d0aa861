/**
 * HR's assignments on the server: a form (scenario, counted modes, due date, targets picked from
 * the roster's departments, stores, roles and people), the list with each one's progress, and
 * an assignment's status — counts, by department and store, each person's state, its trend and
 * its CSV/XLSX files. Trainers read the status of their own classes' people only.
 */
import { useCallback, useEffect, useId, useState, type FormEvent } from 'react';
import { useT } from '../../components/i18n/use-t';
import { CompletionModes } from '../../components/records/completion-modes';
import { DEFAULT_COMPLETION_MODES } from '../../core/counting-policy';
import type { Mode } from '../../core/scenario-schema';
import { formatDateTime } from '../../data/workbook';
import { useLocaleStore } from '../../stores/use-locale-store';
import {
  assignmentFileHref,
  type AssignmentStatus,
  type AssignmentTargets,
  type ListedAssignment,
  type ServerPerson,
  type StaffApi,
} from './staff-api';
import { TrendChart } from './trend-chart';
import { useFailure } from './use-failure';

type TargetKind = 'departments' | 'stores' | 'positions';
const TARGET_KINDS: readonly TargetKind[] = ['departments', 'stores', 'positions'];

interface Draft {
  scenarioId: string;
  modes: readonly Mode[];
  /** YYYY-MM-DD from the date field. */
  due: string;
  departments: string[];
  stores: string[];
  positions: string[];
  personIds: number[];
}

const EMPTY_DRAFT: Omit<Draft, 'scenarioId'> = {
  modes: DEFAULT_COMPLETION_MODES,
  due: '',
  departments: [],
  stores: [],
  positions: [],
  personIds: [],
};

/** The end of a local calendar day as an ISO time: an assignment due that day is due by then. */
function endOfDay(date: string): string {
  const [year, month, day] = date.split('-').map(Number);
  return new Date(year!, month! - 1, day!, 23, 59, 59).toISOString();
}

const dayOf = (ms: number) => formatDateTime(ms).slice(0, 10);
const percent = (share: number) => Math.round(share * 100);

export function AssignmentsPanel({
  api,
  caller,
  onSessionEnded,
}: {
  api: StaffApi;
  caller: ServerPerson;
  onSessionEnded: () => void;
}) {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  const describe = useFailure(onSessionEnded);
  const manages = caller.role === 'admin' || caller.role === 'hr';
  const [targets, setTargets] = useState<AssignmentTargets>();
  const [assignments, setAssignments] = useState<ListedAssignment[]>();
  const [shown, setShown] = useState<number>();
  const [error, setError] = useState('');

  const load = useCallback(() => {
    Promise.all([api.assignmentTargets(), api.assignments()])
      .then(([nextTargets, nextAssignments]) => {
        setTargets(nextTargets);
        setAssignments(nextAssignments);
      })
      .catch((failure: unknown) => setError(describe(failure)));
    // `describe` changes with the language only; reloading then is not needed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api]);
  useEffect(load, [load]);

  const titleOf = (scenarioId: string) =>
    targets?.scenarios.find((scenario) => scenario.id === scenarioId)?.title[locale] ?? scenarioId;

  const remove = (assignment: ListedAssignment) => {
    if (
      !window.confirm(t('staff.assign.confirmDelete', { scenario: titleOf(assignment.scenarioId) }))
    )
      return;
    api
      .deleteAssignment(assignment.id)
      .then(() => {
        if (shown === assignment.id) setShown(undefined);
        load();
      })
      .catch((failure: unknown) => setError(describe(failure)));
  };

  return (
    <section aria-labelledby="staff-assign-title">
      <h2 id="staff-assign-title">{t('staff.assign.title')}</h2>
      <p className="staff-help">{t(manages ? 'staff.assign.help' : 'staff.assign.readOnly')}</p>
      {error && <p role="alert">{error}</p>}
      {(!targets || !assignments) && !error && <p role="status">{t('staff.loading')}</p>}
      {manages && targets && (
        <AssignmentForm
          api={api}
          targets={targets}
          titleOf={titleOf}
          onCreated={load}
          onSessionEnded={onSessionEnded}
        />
      )}
      {assignments && (
        <>
          <h3>{t('staff.assign.list')}</h3>
          {assignments.length === 0 ? (
            <p>{t('staff.assign.none')}</p>
          ) : (
            <div
              className="staff-scroll"
              role="region"
              tabIndex={0}
              aria-label={t('staff.assign.list')}
            >
              <table className="staff-table">
                <thead>
                  <tr>
                    <th scope="col">{t('staff.assign.col.scenario')}</th>
                    <th scope="col">{t('staff.assign.col.due')}</th>
                    <th scope="col">{t('staff.assign.col.progress')}</th>
                    <th scope="col">{t('staff.assign.col.modes')}</th>
                    <th scope="col">{t('staff.assign.col.for')}</th>
                    <th scope="col">{t('staff.assign.col.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {assignments.map((assignment) => (
                    <tr key={assignment.id}>
                      <th scope="row">{titleOf(assignment.scenarioId)}</th>
                      <td>{dayOf(assignment.dueAt)}</td>
                      <td>
                        {t('staff.assign.progress', {
                          passed: assignment.counts.passed,
                          headcount: assignment.headcount,
                          rate: percent(assignment.passRate),
                          overdue: assignment.counts.overdue,
                        })}
                      </td>
                      <td>{assignment.modes.map((mode) => t(`mode.${mode}`)).join('、')}</td>
                      <td>{targetSummary(assignment, targets)}</td>
                      <td className="staff-row-actions">
                        <button
                          type="button"
                          aria-pressed={shown === assignment.id}
                          onClick={() => setShown(assignment.id)}
                        >
                          {t('staff.assign.show')}
                        </button>
                        {manages && (
                          <button type="button" onClick={() => remove(assignment)}>
                            {t('staff.assign.delete')}
                          </button>
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
      {shown !== undefined && (
        <StatusView
          key={shown}
          api={api}
          id={shown}
          titleOf={titleOf}
          onSessionEnded={onSessionEnded}
        />
      )}
    </section>
  );
}

/** The targets in a line: departments, stores, roles, then people by name. */
function targetSummary(
  assignment: ListedAssignment,
  targets: AssignmentTargets | undefined,
): string {
  const names = assignment.personIds.map(
    (id) => targets?.people.find((person) => person.id === id)?.name ?? `#${id}`,
  );
  return [...assignment.departments, ...assignment.stores, ...assignment.positions, ...names].join(
    '、',
  );
}

function AssignmentForm({
  api,
  targets,
  titleOf,
  onCreated,
  onSessionEnded,
}: {
  api: StaffApi;
  targets: AssignmentTargets;
  titleOf: (scenarioId: string) => string;
  onCreated: () => void;
  onSessionEnded: () => void;
}) {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  const describe = useFailure(onSessionEnded);
  const [draft, setDraft] = useState<Draft>({
    ...EMPTY_DRAFT,
    scenarioId: targets.scenarios[0]?.id ?? '',
  });
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState('');
  // Labels name their control by id: a label wrapping a select would read its choice as part of its name.
  const ids = useId();

  const toggle = (kind: TargetKind, value: string, on: boolean) =>
    setDraft((before) => ({
      ...before,
      [kind]: on ? [...before[kind], value] : before[kind].filter((one) => one !== value),
    }));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setMessage('');
    const chosen =
      draft.departments.length +
      draft.stores.length +
      draft.positions.length +
      draft.personIds.length;
    if (!draft.due) return setError(t('staff.assign.needDue'));
    if (chosen === 0) return setError(t('staff.assign.needTarget'));
    setError('');
    setBusy(true);
    const { due, modes, ...rest } = draft;
    api
      .createAssignment({ ...rest, modes: [...modes], dueAt: endOfDay(due) })
      .then((created) => {
        // Only a success clears the form: a refused one keeps what was chosen.
        setDraft({ ...EMPTY_DRAFT, scenarioId: draft.scenarioId });
        setMessage(
          t('staff.assign.created', {
            scenario: titleOf(created.scenarioId),
            due: dayOf(created.dueAt),
          }),
        );
        onCreated();
      })
      .catch((failure: unknown) => setError(describe(failure)))
      .finally(() => setBusy(false));
  };

  return (
    <form className="staff-form staff-assign-form" onSubmit={submit} noValidate>
      <h3>{t('staff.assign.new')}</h3>
      <div className="staff-field">
        <label htmlFor={`${ids}-scenario`}>{t('staff.assign.scenario')}</label>
        <select
          id={`${ids}-scenario`}
          value={draft.scenarioId}
          onChange={(event) =>
            setDraft((before) => ({ ...before, scenarioId: event.target.value }))
          }
        >
          {targets.scenarios.map((scenario) => (
            <option key={scenario.id} value={scenario.id}>
              {scenario.title[locale]}
            </option>
          ))}
        </select>
      </div>
      <CompletionModes
        modes={draft.modes}
        onModes={(modes) => setDraft((before) => ({ ...before, modes }))}
      />
      <div className="staff-field">
        <label htmlFor={`${ids}-due`}>{t('staff.assign.due')}</label>
        <input
          id={`${ids}-due`}
          type="date"
          value={draft.due}
          onChange={(event) => setDraft((before) => ({ ...before, due: event.target.value }))}
        />
      </div>
      <fieldset className="staff-targets">
        <legend>{t('staff.assign.targets')}</legend>
        {TARGET_KINDS.map((kind) => (
          <fieldset key={kind} className="staff-target-group">
            <legend>{t(`staff.assign.${kind}`)}</legend>
            {targets[kind].length === 0 && (
              <p className="staff-help">{t('staff.assign.noneYet')}</p>
            )}
            {targets[kind].map((value) => (
              <label key={value} className="staff-check">
                <input
                  type="checkbox"
                  checked={draft[kind].includes(value)}
                  onChange={(event) => toggle(kind, value, event.target.checked)}
                />
                {value}
              </label>
            ))}
          </fieldset>
        ))}
        <div className="staff-field">
          <label htmlFor={`${ids}-people`}>{t('staff.assign.people')}</label>
          <select
            id={`${ids}-people`}
            multiple
            size={Math.min(6, Math.max(2, targets.people.length))}
            value={draft.personIds.map(String)}
            onChange={(event) =>
              setDraft((before) => ({
                ...before,
                personIds: [...event.target.selectedOptions].map((option) => Number(option.value)),
              }))
            }
          >
            {targets.people.map((person) => (
              <option key={person.id} value={person.id}>
                {person.name}（{person.employeeNo}，{person.department}）
              </option>
            ))}
          </select>
        </div>
      </fieldset>
      {error && <p role="alert">{error}</p>}
      {message && <p role="status">{message}</p>}
      <button type="submit" className="primary" disabled={busy}>
        {t('staff.assign.create')}
      </button>
    </form>
  );
}

function StatusView({
  api,
  id,
  titleOf,
  onSessionEnded,
}: {
  api: StaffApi;
  id: number;
  titleOf: (scenarioId: string) => string;
  onSessionEnded: () => void;
}) {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  const describe = useFailure(onSessionEnded);
  const [status, setStatus] = useState<AssignmentStatus>();
  const [error, setError] = useState('');

  useEffect(() => {
    let live = true;
    api
      .assignmentStatus(id)
      .then((next) => live && setStatus(next))
      .catch((failure: unknown) => live && setError(describe(failure)));
    return () => {
      live = false;
    };
    // `describe` changes with the language only; reloading then is not needed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, id]);

  if (error) return <p role="alert">{error}</p>;
  if (!status) return <p role="status">{t('staff.loading')}</p>;
  const scenario = titleOf(status.assignment.scenarioId);
  return (
    <section className="staff-status" aria-labelledby="staff-status-title">
      <h3 id="staff-status-title">
        {t('staff.assign.status', { scenario, due: dayOf(status.assignment.dueAt) })}
      </h3>
      <p>
        {t('staff.assign.counts', {
          headcount: status.headcount,
          passed: status.counts.passed,
          inProgress: status.counts['in-progress'],
          notStarted: status.counts['not-started'],
          overdue: status.counts.overdue,
          rate: percent(status.passRate),
        })}
      </p>
      <div className="staff-actions">
        <a className="button primary" href={assignmentFileHref(id, 'xlsx', locale)} download>
          {t('staff.assign.xlsx')}
        </a>
        <a className="button" href={assignmentFileHref(id, 'csv', locale)} download>
          {t('staff.assign.csv')}
        </a>
      </div>
      <div className="staff-groups">
        <GroupTable
          caption={t('staff.assign.byDepartment')}
          groups={status.byDepartment.map((group) => ({ ...group, name: group.department }))}
        />
        <GroupTable
          caption={t('staff.assign.byStore')}
          groups={status.byStore.map((group) => ({
            ...group,
            name: group.store || t('staff.assign.noStore'),
          }))}
        />
      </div>
      <div
        className="staff-scroll"
        role="region"
        tabIndex={0}
        aria-label={t('staff.assign.people.title')}
      >
        <table className="staff-table">
          <caption>{t('staff.assign.people.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('staff.assign.col.name')}</th>
              <th scope="col">{t('staff.assign.col.state')}</th>
              <th scope="col">{t('staff.assign.col.best')}</th>
              <th scope="col">{t('staff.assign.col.attempts')}</th>
              <th scope="col">{t('staff.assign.col.department')}</th>
              <th scope="col">{t('staff.assign.col.store')}</th>
            </tr>
          </thead>
          <tbody>
            {status.people.map((person) => (
              <tr key={person.id}>
                <th scope="row">
                  {person.name} <small>{person.employeeNo}</small>
                </th>
                <td className={`state-${person.state}`}>
                  {t(`staff.state.${person.state}`)}
                  {person.late && ` ${t('staff.assign.late')}`}
                </td>
                <td>{person.best ?? '—'}</td>
                <td>{person.attempts}</td>
                <td>{person.department}</td>
                <td>{person.store}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>{t('staff.trend.title')}</h3>
      <TrendChart
        api={api}
        query={{ assignment: id }}
        scope={scenario}
        onSessionEnded={onSessionEnded}
      />
    </section>
  );
}

function GroupTable({
  caption,
  groups,
}: {
  caption: string;
  groups: {
    name: string;
    headcount: number;
    passRate: number;
    counts: AssignmentStatus['counts'];
  }[];
}) {
  const t = useT();
  return (
    <div className="staff-scroll" role="region" tabIndex={0} aria-label={caption}>
      <table className="staff-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('staff.assign.group')}</th>
            <th scope="col">{t('staff.assign.headcount')}</th>
            <th scope="col">{t('staff.state.passed')}</th>
            <th scope="col">{t('staff.state.overdue')}</th>
            <th scope="col">{t('staff.assign.rate')}</th>
          </tr>
        </thead>
        <tbody>
          {groups.map((group) => (
            <tr key={group.name}>
              <th scope="row">{group.name}</th>
              <td>{group.headcount}</td>
              <td>{group.counts.passed}</td>
              <td>{group.counts.overdue}</td>
              <td>{percent(group.passRate)}%</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

import { useState } from 'react';
import { useLocalized, useT, type MessageKey } from '../../components/i18n/use-t';
import {
  groupProblems,
  groupScenarioId,
  pairRandomly,
  type GroupProblem,
} from '../../data/class-rounds';
import type { ClassGroup } from '../../data/db';
import { useCatalogStore } from '../../stores/use-catalog-store';
import { useClassroomStore } from '../../stores/use-classroom-store';

/** Pairing: random, or manual by choosing a group number for each trainee (an odd roster makes a trio). */
export function PairingPanel() {
  const t = useT();
  const local = useLocalized();
  const scenarioById = useCatalogStore((state) => state.scenarioById);
  const record = useClassroomStore((state) => state.record);
  const update = useClassroomStore((state) => state.update);
  const [manual, setManual] = useState<Record<string, number>>({});
  const [problems, setProblems] = useState<GroupProblem[]>([]);
  if (!record) return null;

  const nameOf = (id: string) => record.roster.find((entry) => entry.id === id)?.name ?? '?';
  const groupCount = Math.max(1, Math.floor(record.roster.length / 2));
  const currentGroup = (id: string) =>
    manual[id] ?? record.groups.findIndex((group) => group.members.includes(id)) + 1;

  const save = async (groups: ClassGroup[]) => {
    const found = groupProblems(groups, record.roster);
    setProblems(found);
    if (found.length > 0) return;
    // New groups start the rounds again.
    await update((current) => ({ ...current, groups, rounds: [] }));
    setManual({});
  };

  const applyManual = () => {
    const groups: ClassGroup[] = [];
    for (let n = 1; n <= groupCount; n += 1)
      groups.push({
        id: `g${n}`,
        members: record.roster.filter((entry) => currentGroup(entry.id) === n).map((e) => e.id),
      });
    void save(groups.filter((group) => group.members.length > 0));
  };

  return (
    <section className="panel" aria-labelledby="pairing-heading">
      <h2 id="pairing-heading">{t('class.pairing')}</h2>
      <button
        type="button"
        disabled={record.roster.length < 2}
        onClick={() => void save(pairRandomly(record.roster.map((entry) => entry.id)))}
      >
        {t('class.pairRandom')}
      </button>
      {record.groups.length === 0 ? (
        <p>{t('class.noGroups')}</p>
      ) : (
        <ol className="groups">
          {record.groups.map((group, index) => (
            <li key={group.id}>
              {t('class.group', { n: index + 1 })}: {group.members.map(nameOf).join('、')}
              {record.scenarioIds.length > 1 && (
                <select
                  aria-label={t('class.groupScenario', {
                    group: t('class.group', { n: index + 1 }),
                  })}
                  value={groupScenarioId(record, group.id)}
                  onChange={(event) => {
                    const scenarioId = event.target.value;
                    void update((current) => ({
                      ...current,
                      groups: current.groups.map((g) =>
                        g.id === group.id ? { ...g, scenarioId } : g,
                      ),
                    }));
                  }}
                >
                  {record.scenarioIds.map((id) => {
                    const scenario = scenarioById(id);
                    return (
                      <option key={id} value={id}>
                        {scenario ? local(scenario.title) : id}
                      </option>
                    );
                  })}
                </select>
              )}
            </li>
          ))}
        </ol>
      )}
      {record.roster.length % 2 === 1 && <p className="hint">{t('class.trioNote')}</p>}
      {record.roster.length >= 2 && (
        <details>
          <summary>{t('class.pairManual')}</summary>
          <table>
            <tbody>
              {record.roster.map((entry) => (
                <tr key={entry.id}>
                  <td>{entry.name}</td>
                  <td>
                    <select
                      aria-label={t('class.groupOf', { name: entry.name })}
                      value={currentGroup(entry.id)}
                      onChange={(event) =>
                        setManual((chosen) => ({
                          ...chosen,
                          [entry.id]: Number(event.target.value),
                        }))
                      }
                    >
                      <option value={0}>—</option>
                      {Array.from({ length: groupCount }, (_, i) => (
                        <option key={i + 1} value={i + 1}>
                          {t('class.group', { n: i + 1 })}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <button type="button" onClick={applyManual}>
            {t('class.pairManual')}
          </button>
        </details>
      )}
      {problems.length > 0 && (
        <p role="alert">
          {t('class.groupProblems', {
            problems: problems
              .map((problem) =>
                t(`group.problem.${problem.code}` as MessageKey, {
                  who: problem.who,
                  count: problem.count,
                }),
              )
              .join('；'),
          })}
        </p>
      )}
    </section>
  );
}

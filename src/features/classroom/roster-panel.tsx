import { useState } from 'react';
import { useT, type MessageKey } from '../../components/i18n/use-t';
import { mergeRoster, withoutRosterEntry, withRosterEntry } from '../../data/class-rounds';
import type { RosterEntry } from '../../data/db';
import {
  decodeRosterFile,
  parseRosterCsv,
  traineeProblem,
  type RosterProblem,
} from '../../core/roster-csv';
import { useClassroomStore } from '../../stores/use-classroom-store';

/** One roster row being edited in place; Save checks it like a CSV row (and for a repeated number). */
function RosterEntryEditor({
  entry,
  others,
  onSave,
  onCancel,
}: {
  entry: RosterEntry;
  others: readonly RosterEntry[];
  onSave: (entry: RosterEntry) => void;
  onCancel: () => void;
}) {
  const t = useT();
  const [draft, setDraft] = useState(entry);
  const [problem, setProblem] = useState('');
  const save = () => {
    const next = {
      ...draft,
      name: draft.name.trim(),
      employeeNo: draft.employeeNo.trim(),
      department: draft.department.trim(),
    };
    const code = traineeProblem(next);
    if (code) {
      setProblem(t(`roster.problem.${code}` as MessageKey, { detail: next.employeeNo }));
      return;
    }
    const twin = others.find(
      (other) => other.employeeNo.toLowerCase() === next.employeeNo.toLowerCase(),
    );
    if (twin) {
      setProblem(t('roster.editRepeat', { number: next.employeeNo, name: twin.name }));
      return;
    }
    onSave(next);
  };
  const field = (key: 'name' | 'employeeNo' | 'department', label: MessageKey) => (
    <td>
      <input
        aria-label={t('roster.editField', { field: t(label), name: entry.name })}
        value={draft[key]}
        onChange={(event) => setDraft({ ...draft, [key]: event.target.value })}
      />
    </td>
  );
  return (
    <tr className="roster-editing">
      {field('name', 'class.col.name')}
      {field('employeeNo', 'class.col.no')}
      {field('department', 'class.col.department')}
      <td className="row-actions">
        <button type="button" onClick={save}>
          {t('roster.save')}
        </button>
        <button type="button" onClick={onCancel}>
          {t('roster.cancel')}
        </button>
        {problem && (
          <span role="alert" className="bad">
            {problem}
          </span>
        )}
      </td>
    </tr>
  );
}

/** The roster: typed or pasted lines, or a CSV file (UTF-8 or GBK); each entry can be edited or removed. */
export function RosterPanel() {
  const t = useT();
  const record = useClassroomStore((state) => state.record);
  const update = useClassroomStore((state) => state.update);
  const [pasted, setPasted] = useState('');
  const [problems, setProblems] = useState<RosterProblem[]>([]);
  const [added, setAdded] = useState<
    { added: number; skipped: number; encoding?: string } | undefined
  >();
  const [editing, setEditing] = useState<string | undefined>();
  const [removing, setRemoving] = useState<string | undefined>();
  if (!record) return null;

  const addText = async (text: string, encoding?: string) => {
    const parsed = parseRosterCsv(text);
    setProblems(parsed.problems);
    const before = record.roster.length;
    const merged = mergeRoster(record.roster, parsed.trainees);
    setAdded({
      added: merged.roster.length - before,
      skipped: merged.skipped,
      ...(encoding ? { encoding } : {}),
    });
    await update((current) => ({ ...current, roster: merged.roster }));
  };
  const inGroup = (id: string) => record.groups.some((group) => group.members.includes(id));

  return (
    <section className="panel roster-panel" aria-labelledby="roster-heading">
      <h2 id="roster-heading">{t('class.roster')}</h2>
      {record.roster.length === 0 ? (
        <p>{t('class.rosterEmpty')}</p>
      ) : (
        <div className="table-scroll">
          <table className="roster-table">
            <thead>
              <tr>
                <th scope="col">{t('class.col.name')}</th>
                <th scope="col">{t('class.col.no')}</th>
                <th scope="col">{t('class.col.department')}</th>
                <th scope="col">{t('roster.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {record.roster.map((entry) =>
                editing === entry.id ? (
                  <RosterEntryEditor
                    key={entry.id}
                    entry={entry}
                    others={record.roster.filter((other) => other.id !== entry.id)}
                    onCancel={() => setEditing(undefined)}
                    onSave={(next) => {
                      setEditing(undefined);
                      void update((current) => withRosterEntry(current, next));
                    }}
                  />
                ) : (
                  <tr key={entry.id}>
                    <td>{entry.name}</td>
                    <td className="employee-no">{entry.employeeNo}</td>
                    <td>{entry.department}</td>
                    <td className="row-actions">
                      {removing === entry.id ? (
                        <>
                          <span>
                            {inGroup(entry.id)
                              ? t('roster.confirmRemoveGrouped', { name: entry.name })
                              : t('roster.confirmRemove', { name: entry.name })}
                          </span>
                          <button
                            type="button"
                            className="danger"
                            onClick={() => {
                              setRemoving(undefined);
                              void update((current) => withoutRosterEntry(current, entry.id));
                            }}
                          >
                            {t('roster.remove', { name: entry.name })}
                          </button>
                          <button type="button" onClick={() => setRemoving(undefined)}>
                            {t('roster.cancel')}
                          </button>
                        </>
                      ) : (
                        <>
                          <button
                            type="button"
                            aria-label={t('roster.editLabel', { name: entry.name })}
                            onClick={() => setEditing(entry.id)}
                          >
                            {t('roster.edit')}
                          </button>
                          <button
                            type="button"
                            aria-label={t('roster.removeLabel', { name: entry.name })}
                            onClick={() => setRemoving(entry.id)}
                          >
                            {t('roster.removeShort')}
                          </button>
                        </>
                      )}
                    </td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </div>
      )}
      <label className="block">
        {t('class.paste')}
        <textarea rows={3} value={pasted} onChange={(event) => setPasted(event.target.value)} />
      </label>
      <button
        type="button"
        disabled={pasted.trim() === ''}
        onClick={() => void addText(pasted).then(() => setPasted(''))}
      >
        {t('class.addPasted')}
      </button>
      <label className="block">
        {t('class.csv')}
        <input
          type="file"
          accept=".csv,text/csv,text/plain"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file)
              void file.arrayBuffer().then((bytes) => {
                const { text, encoding } = decodeRosterFile(bytes);
                return addText(text, encoding);
              });
            event.target.value = '';
          }}
        />
      </label>
      {added && (
        <p role="status">
          {t('class.rosterAdded', { added: added.added, skipped: added.skipped })}
          {added.encoding === 'gb18030' && t('roster.readAsGbk')}
        </p>
      )}
      {problems.length > 0 && (
        <ul className="problems" role="alert">
          {problems.map((problem) => (
            <li key={problem.line}>
              {t('class.rosterProblem', {
                line: problem.line,
                message: t(`roster.problem.${problem.code}` as MessageKey, {
                  detail: problem.detail,
                }),
              })}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

import { useState } from 'react';
import { useT, type MessageKey } from '../../components/i18n/use-t';
import { mergeRoster } from '../../data/class-rounds';
import { decodeRosterBytes, parseRosterCsv, type RosterProblem } from '../../core/roster-csv';
import { useClassroomStore } from '../../stores/use-classroom-store';

/** The roster: typed or pasted lines, or a CSV file; bad rows are listed by line, good rows join. */
export function RosterPanel() {
  const t = useT();
  const record = useClassroomStore((state) => state.record);
  const update = useClassroomStore((state) => state.update);
  const [pasted, setPasted] = useState('');
  const [problems, setProblems] = useState<RosterProblem[]>([]);
  const [added, setAdded] = useState<{ added: number; skipped: number } | undefined>();
  if (!record) return null;

  const addText = async (text: string) => {
    const parsed = parseRosterCsv(text);
    setProblems(parsed.problems);
    const before = record.roster.length;
    const merged = mergeRoster(record.roster, parsed.trainees);
    setAdded({ added: merged.roster.length - before, skipped: merged.skipped });
    await update((current) => ({ ...current, roster: merged.roster }));
  };

  return (
    <section className="panel" aria-labelledby="roster-heading">
      <h2 id="roster-heading">{t('class.roster')}</h2>
      {record.roster.length === 0 ? (
        <p>{t('class.rosterEmpty')}</p>
      ) : (
        <table>
          <thead>
            <tr>
              <th>{t('class.col.name')}</th>
              <th>{t('class.col.no')}</th>
              <th>{t('class.col.department')}</th>
            </tr>
          </thead>
          <tbody>
            {record.roster.map((entry) => (
              <tr key={entry.id}>
                <td>{entry.name}</td>
                <td>{entry.employeeNo}</td>
                <td>{entry.department}</td>
              </tr>
            ))}
          </tbody>
        </table>
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
              void file
                .arrayBuffer()
                .then((buffer) => addText(decodeRosterBytes(new Uint8Array(buffer))));
            event.target.value = '';
          }}
        />
      </label>
      {added && (
        <p role="status">
          {t('class.rosterAdded', { added: added.added, skipped: added.skipped })}
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

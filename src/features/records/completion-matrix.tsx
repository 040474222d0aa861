import { useT } from '../../components/i18n/use-t';
import { cellKey, type CompletionMatrix } from '../../data/records-query';
import { useLocaleStore } from '../../stores/use-locale-store';

export function CompletionMatrixView({ matrix }: { matrix: CompletionMatrix }) {
  const t = useT();
  const locale = useLocaleStore((state) => state.locale);
  return (
    <section className="records-matrix">
      <ul className="records-rates" aria-label={t('records.matrix.rate')}>
        {matrix.departments.map((d) => (
          <li key={d.department}>
            {t('records.matrix.rateOf', {
              department: d.department,
              rate: Math.round(d.rate * 100),
              completed: d.completed,
              required: d.required,
            })}
          </li>
        ))}
      </ul>
      <div className="records-scroll">
        <table className="records-table">
          <caption>{t('records.matrix.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('records.col.name')}</th>
              <th scope="col">{t('records.col.department')}</th>
              {matrix.scenarios.map((s) => (
                <th key={s.id} scope="col">
                  {s.title[locale]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {matrix.trainees.map((trainee) => (
              <tr key={trainee.employeeNo}>
                <th scope="row">
                  <a href={`#/records/trainee/${encodeURIComponent(trainee.employeeNo)}`}>
                    {trainee.name}
                  </a>{' '}
                  <small>{trainee.employeeNo}</small>
                </th>
                <td>{trainee.department}</td>
                {matrix.scenarios.map((s) => {
                  const cell = matrix.cells.get(cellKey(trainee.employeeNo, s.id));
                  return (
                    <td
                      key={s.id}
                      className={cell?.passed ? 'cell-passed' : cell ? 'cell-failed' : 'cell-empty'}
                    >
                      {cell
                        ? `${cell.score ?? ''}${cell.passed ? ' ✓' : ''}`
                        : t('records.matrix.notDone')}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

import type { ProcedureResult } from '../../core/report';
import { useLocalized, useT } from '../../components/i18n/use-t';
import { SourceCitation } from './source-citation';

/** Which steps of the procedure were done, in order, with the document they come from. */
export function ProcedureChecklist({ procedure }: { procedure: ProcedureResult }) {
  const t = useT();
  const local = useLocalized();
  if (procedure.items.length === 0) return null;
  return (
    <section className="report-section" aria-labelledby="procedure-title">
      <h2 id="procedure-title">{t('report.procedure.title')}</h2>
      <p>{t('report.procedure.adherence', { value: procedure.adherence })}</p>
      <ol className="procedure-list">
        {procedure.items.map((item) => {
          const status = item.notNeeded
            ? 'not-needed'
            : !item.done
              ? 'missing'
              : item.inOrder
                ? 'done'
                : 'out-of-order';
          return (
            <li key={item.id} className={`procedure-item ${status}`}>
              <span className="procedure-status">
                {status === 'done' && `✓ ${t('report.procedure.done')}`}
                {status === 'missing' && `✗ ${t('report.procedure.missing')}`}
                {status === 'out-of-order' && `↺ ${t('report.procedure.outOfOrder')}`}
                {status === 'not-needed' && `– ${t('report.procedure.notNeeded')}`}
              </span>{' '}
              <strong>{local(item.label)}</strong>
              {item.turn !== undefined && (
                <span className="procedure-turn">
                  {' '}
                  ({t('report.procedure.turn', { turn: item.turn })})
                </span>
              )}
              <SourceCitation source={item.source} />
            </li>
          );
        })}
      </ol>
    </section>
  );
}

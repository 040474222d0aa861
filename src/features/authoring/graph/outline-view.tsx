import { useLocalized, useT } from '../../../components/i18n/use-t';
import type { ScenarioFlow } from '../../../core/scenario-flow';
import { stepFlags } from './step-flags';

/** The scenario as nested lists of buttons and links in words: the keyboard's way round the graph. */
export function OutlineView({
  flow,
  selected,
  onSelect,
}: {
  flow: ScenarioFlow;
  selected: string | undefined;
  onSelect: (id: string) => void;
}) {
  const t = useT();
  const local = useLocalized();
  return (
    <div className="outline">
      {flow.steps.length === 0 && <p>{t('authoring.graph.none')}</p>}
      <ol>
        {flow.steps.map((step) => {
          const flags = stepFlags(step, t);
          return (
            <li key={step.id}>
              <button
                type="button"
                aria-pressed={selected === step.id}
                onClick={() => onSelect(step.id)}
              >
                {[t('authoring.graph.step', { id: step.id }), ...flags].join('，')}
              </button>
              <ul>
                {flow.edges
                  .filter((edge) => edge.from === step.id)
                  .map((edge) => (
                    <li key={edge.id}>
                      {edge.dangling
                        ? t('authoring.graph.dangling', { id: edge.to })
                        : t('authoring.graph.edge', { condition: local(edge.label), to: edge.to })}
                    </li>
                  ))}
              </ul>
            </li>
          );
        })}
      </ol>
      <ul>
        {flow.endings.map((ending) => (
          <li key={ending.id}>
            <button
              type="button"
              aria-pressed={selected === ending.id}
              onClick={() => onSelect(ending.id)}
            >
              {t('authoring.graph.ending', { id: ending.id, kind: t(`ending.${ending.kind}`) })}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

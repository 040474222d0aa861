import { useMemo, useState } from 'react';
import { useT } from '../../../components/i18n/use-t';
import { editScenario, nodeData, type ScenarioEdit } from '../../../core/scenario-document';
import { scenarioFlow } from '../../../core/scenario-flow';
import { ENDING_KINDS } from '../../../core/scenario-schema';
import { parseYaml } from '../../../core/yaml-source';
import { FlowCanvas } from './flow-canvas';
import { EndingForm, StepForm } from './node-form';
import { OutlineView } from './outline-view';
import { stepFlags } from './step-flags';

export interface ScenarioDiagramProps {
  /** The scenario's YAML: the one document the graph, the forms and the text editor share. */
  text: string;
  onText: (text: string) => void;
  /** Starts a playtest at this step; absent while the scenario does not validate. */
  onPlaytest: ((stepId: string) => void) | undefined;
}

/**
 * The scenario drawn as a graph (or an outline, for the keyboard), with a form for the selected
 * step or ending. Every change is an edit of the YAML text, so all three views move together.
 */
export default function ScenarioDiagram({ text, onText, onPlaytest }: ScenarioDiagramProps) {
  const t = useT();
  // The flow chart needs ResizeObserver; without it (old browsers, jsdom) the outline shows.
  const canDraw = typeof ResizeObserver !== 'undefined';
  const [view, setView] = useState<'graph' | 'outline'>(canDraw ? 'graph' : 'outline');
  const [selected, setSelected] = useState<string | undefined>();
  const data = useMemo(() => parseYaml(text, 'scenario.yaml').data, [text]);
  const flow = useMemo(() => (data === undefined ? undefined : scenarioFlow(data)), [data]);

  const edit = (change: ScenarioEdit): boolean => {
    const result = editScenario(text, change);
    if (!result) return false;
    onText(result.text);
    if (result.created) setSelected(result.created);
    if (change.type === 'rename') setSelected(change.to);
    if (change.type === 'delete') setSelected(undefined);
    return true;
  };

  if (!flow) return <p role="status">{t('authoring.graph.syntax')}</p>;
  const step = flow.steps.find((candidate) => candidate.id === selected);
  const ending = flow.endings.find((candidate) => candidate.id === selected);
  const targets = [...flow.steps, ...flow.endings].map((node) => node.id);
  const problems = [
    ...flow.steps.flatMap((node) =>
      [
        node.unreachable && t('authoring.graph.unreachable'),
        node.noWayToEnding && t('authoring.graph.noWayToEnding'),
      ]
        .filter((problem): problem is string => problem !== false)
        .map((problem) => ({ id: node.id, problem })),
    ),
    ...flow.edges
      .filter((edge) => edge.dangling)
      .map((edge) => ({ id: edge.from, problem: t('authoring.graph.dangling', { id: edge.to }) })),
  ];

  return (
    <section className="diagram" aria-labelledby="diagram-heading">
      <h3 id="diagram-heading">{t('authoring.graph.heading')}</h3>
      <div className="actions" role="group" aria-label={t('authoring.graph.view')}>
        {(canDraw ? (['graph', 'outline'] as const) : (['outline'] as const)).map((option) => (
          <button
            key={option}
            type="button"
            aria-pressed={view === option}
            onClick={() => setView(option)}
          >
            {t(option === 'graph' ? 'authoring.graph.viewGraph' : 'authoring.graph.viewOutline')}
          </button>
        ))}
        <button type="button" onClick={() => edit({ type: 'add-step' })}>
          {t('authoring.graph.addStep')}
        </button>
        {ENDING_KINDS.map((kind) => (
          <button key={kind} type="button" onClick={() => edit({ type: 'add-ending', kind })}>
            {t('authoring.graph.addEnding', { kind: t(`ending.${kind}`) })}
          </button>
        ))}
      </div>
      <div className="diagram-body">
        <div className="diagram-view">
          {view === 'graph' ? (
            <>
              <p className="hint">{t('authoring.graph.hint')}</p>
              <FlowCanvas
                flow={flow}
                selected={selected}
                onSelect={setSelected}
                onConnect={(from, to) => edit({ type: 'connect', from, to })}
              />
            </>
          ) : (
            <OutlineView flow={flow} selected={selected} onSelect={setSelected} />
          )}
          <h4>{t('authoring.graph.problems')}</h4>
          {problems.length === 0 ? (
            <p>{t('authoring.graph.sound')}</p>
          ) : (
            <ul className="problems">
              {problems.map(({ id, problem }, index) => (
                <li key={index}>
                  <button type="button" className="link" onClick={() => setSelected(id)}>
                    {t('authoring.graph.problem', {
                      node: t('authoring.graph.step', { id }),
                      problem,
                    })}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
        {(step ?? ending) && (
          <section
            className="node-form"
            aria-label={t(step ? 'authoring.form.stepHeading' : 'authoring.form.endingHeading', {
              id: selected ?? '',
            })}
          >
            <h4>
              {t(step ? 'authoring.form.stepHeading' : 'authoring.form.endingHeading', {
                id: selected ?? '',
              })}
            </h4>
            {step && stepFlags(step, t).length > 0 && <p>{stepFlags(step, t).join(' · ')}</p>}
            <div className="actions">
              {step && (
                <button type="button" onClick={() => edit({ type: 'add-step', after: step.id })}>
                  {t('authoring.form.addStepAfter')}
                </button>
              )}
              {step && !step.start && (
                <button type="button" onClick={() => edit({ type: 'set-start', id: step.id })}>
                  {t('authoring.form.setStart')}
                </button>
              )}
              {step && (
                <button type="button" disabled={!onPlaytest} onClick={() => onPlaytest?.(step.id)}>
                  {t('authoring.form.playtestFrom')}
                </button>
              )}
              <button
                type="button"
                onClick={() => selected && edit({ type: 'duplicate', id: selected })}
              >
                {t('authoring.form.duplicate')}
              </button>
              <button
                type="button"
                onClick={() => selected && edit({ type: 'delete', id: selected })}
              >
                {t('authoring.form.delete')}
              </button>
              <button type="button" onClick={() => setSelected(undefined)}>
                {t('authoring.form.close')}
              </button>
            </div>
            {step ? (
              <StepForm
                id={step.id}
                data={nodeData(text, step.id)}
                targets={targets}
                onEdit={edit}
              />
            ) : (
              ending && (
                <EndingForm
                  id={ending.id}
                  data={nodeData(text, ending.id)}
                  targets={targets}
                  onEdit={edit}
                />
              )
            )}
          </section>
        )}
      </div>
    </section>
  );
}

/** What a step's node says about it beside its id: start, unreachable, no way to an ending. */
import type { MessageKey } from '../../../components/i18n/use-t';
import type { FlowStep } from '../../../core/scenario-flow';

export function stepFlags(step: FlowStep, t: (key: MessageKey) => string): string[] {
  return [
    ...(step.start ? [t('authoring.graph.start')] : []),
    ...(step.unreachable ? [t('authoring.graph.unreachable')] : []),
    ...(step.noWayToEnding ? [t('authoring.graph.noWayToEnding')] : []),
  ];
}

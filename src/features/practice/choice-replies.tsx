import type { Localized } from '../../core/rule-schema';
import { useLocalized, useT } from '../../components/i18n/use-t';
import { choiceOrder } from './choice-order';

/** Choice mode: the step's authored replies as buttons, shuffled per attempt and turn; the Chinese text is what gets scored. */
export function ChoiceReplies({
  choices,
  seed,
  onChoose,
  busy,
}: {
  choices: readonly Localized[];
  /** Attempt and turn: the options are shown in an order of their own for each. */
  seed: string;
  onChoose: (text: string) => void;
  busy: boolean;
}) {
  const t = useT();
  const local = useLocalized();
  const shown = choiceOrder(choices.length, seed).flatMap((index) => choices[index] ?? []);
  return (
    <fieldset className="choice-replies">
      <legend>{t('practice.choice.label')}</legend>
      <ol>
        {shown.map((choice, index) => (
          <li key={index}>
            <button
              type="button"
              disabled={busy}
              aria-label={`${t('practice.choice.option', { number: index + 1 })}: ${local(choice)}`}
              onClick={() => onChoose(choice['zh-CN'])}
            >
              {local(choice)}
            </button>
          </li>
        ))}
      </ol>
    </fieldset>
  );
}

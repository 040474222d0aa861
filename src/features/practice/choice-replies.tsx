import type { Localized } from '../../core/rule-schema';
import { useLocalized, useT } from '../../components/i18n/use-t';

/** Choice mode: the step's authored replies as buttons; the Chinese text is what gets scored. */
export function ChoiceReplies({
  choices,
  onChoose,
  busy,
}: {
  choices: readonly Localized[];
  onChoose: (text: string) => void;
  busy: boolean;
}) {
  const t = useT();
  const local = useLocalized();
  return (
    <fieldset className="choice-replies">
      <legend>{t('practice.choice.label')}</legend>
      <ol>
        {choices.map((choice, index) => (
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

import { useT } from '../i18n/use-t';
import { MODES, type Mode } from '../../core/scenario-schema';

/** Which modes complete a scenario: one checkbox per mode; the last one left cannot be unticked. */
export function CompletionModes({
  modes,
  onModes,
}: {
  modes: readonly Mode[];
  onModes: (modes: readonly Mode[]) => void;
}) {
  const t = useT();
  return (
    <fieldset className="records-counted">
      <legend>{t('records.matrix.countedModes')}</legend>
      {MODES.map((mode) => {
        const checked = modes.includes(mode);
        return (
          <label key={mode}>
            <input
              type="checkbox"
              checked={checked}
              disabled={checked && modes.length === 1}
              onChange={(event) =>
                onModes(
                  MODES.filter((m) => (m === mode ? event.target.checked : modes.includes(m))),
                )
              }
            />
            {t(`mode.${mode}`)}
          </label>
        );
      })}
      <p className="records-counted-help">{t('records.matrix.countedHelp')}</p>
    </fieldset>
  );
}

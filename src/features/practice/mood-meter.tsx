import { moodBand } from '../../core/scoring';
import { useT } from '../../components/i18n/use-t';

/** The customer's mood as a labelled bar (0 furious – 100 delighted) and the last change. */
export function MoodMeter({ mood, previous }: { mood: number; previous: number | undefined }) {
  const t = useT();
  const band = moodBand(mood);
  const value = Math.round(mood);
  const label = t('practice.mood.value', { band: t(`practice.mood.${band}`), value });
  const delta = previous === undefined ? 0 : Math.round(mood - previous);
  return (
    <div className="mood-meter">
      <span id="mood-label" className="mood-meter-label">
        {t('practice.mood.label')}
      </span>
      <div
        role="meter"
        aria-labelledby="mood-label"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
        aria-valuetext={label}
        className={`mood-bar mood-${band}`}
      >
        <span style={{ width: `${value}%` }} />
      </div>
      <span className="mood-value">{label}</span>
      {delta !== 0 && (
        <span className={delta > 0 ? 'mood-delta up' : 'mood-delta down'}>
          {t(delta > 0 ? 'practice.mood.up' : 'practice.mood.down', { delta: Math.abs(delta) })}
        </span>
      )}
    </div>
  );
}

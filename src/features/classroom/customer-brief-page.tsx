/**
 * The customer player's brief, opened on their own phone from the projector's link or QR code:
 * who they play, what happened, what they reveal only when asked, and how they open. The rep
 * and the room never see it (the projector shows only which scenario each group plays).
 */
import { useLocalized, useT } from '../../components/i18n/use-t';
import { lineForMood } from '../../core/scenario-machine';
import { moodBand } from '../../core/scoring';
import { useCatalogStore } from '../../stores/use-catalog-store';
import './classroom.css';

export function CustomerBriefPage({ scenarioId, group }: { scenarioId: string; group?: number }) {
  const t = useT();
  const local = useLocalized();
  const status = useCatalogStore((state) => state.status);
  const scenario = useCatalogStore((state) => state.scenarioById(scenarioId));
  if (!scenario)
    return (
      <section className="page">
        <p>{status === 'loading' ? t('trainer.loading') : t('brief.missing')}</p>
      </section>
    );
  const { persona } = scenario;
  const start = scenario.steps.find((step) => step.id === scenario.start);
  return (
    <section className="page customer-brief" aria-labelledby="brief-heading">
      <h1 id="brief-heading">{t('brief.title', { title: local(scenario.title) })}</h1>
      {group !== undefined && <p>{t('brief.group', { group })}</p>}
      <p className="hint">{t('brief.private')}</p>
      <h2>{t('brief.youPlay')}</h2>
      <p className="persona-name">
        {local(persona.name)}
        {t('projector.personaWho', { who: local(persona.who) })}
      </p>
      <h2>{t('brief.situation')}</h2>
      <p>{local(persona.situation)}</p>
      <p>{t(`brief.mood.${moodBand(persona.mood)}`)}</p>
      {persona.facts.length > 0 && (
        <>
          <h2>{t('brief.facts')}</h2>
          <ul>
            {persona.facts.map((fact) => (
              <li key={fact.id}>{local(fact.text)}</li>
            ))}
          </ul>
        </>
      )}
      {start && (
        <>
          <h2>{t('brief.opening')}</h2>
          <blockquote>{local(lineForMood(start, persona.mood))}</blockquote>
        </>
      )}
    </section>
  );
}

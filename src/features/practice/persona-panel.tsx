import type { Scenario } from '../../core/scenario-schema';
import { useLocalized, useT } from '../../components/i18n/use-t';

/** Who the customer is, the situation, the task and the facts the trainee may use. */
export function PersonaPanel({ scenario }: { scenario: Scenario }) {
  const t = useT();
  const local = useLocalized();
  const { persona } = scenario;
  return (
    <aside className="persona-panel" aria-labelledby="persona-title">
      <h2 id="persona-title">{t('practice.persona.title')}</h2>
      <p className="persona-name">{local(persona.name)}</p>
      <p>{local(persona.who)}</p>
      <h3>{t('practice.persona.situation')}</h3>
      <p>{local(persona.situation)}</p>
      {persona.facts.length > 0 && (
        <>
          <h3>{t('practice.persona.facts')}</h3>
          <ul className="persona-facts">
            {persona.facts.map((fact) => (
              <li key={fact.id}>{local(fact.text)}</li>
            ))}
          </ul>
        </>
      )}
      <h3>{t('practice.brief')}</h3>
      <p>{local(scenario.brief)}</p>
    </aside>
  );
}

import { useT } from '../../components/i18n/use-t';
import { useCatalogStore } from '../../stores/use-catalog-store';
import { RuleEditor } from './rule-editor';
import { ScenarioEditor } from './scenario-editor';
import './authoring.css';

/** Authoring: the scenario editor with playtest, and the company's own phrase rules. */
export function AuthoringPage() {
  const t = useT();
  const status = useCatalogStore((state) => state.status);
  if (status === 'loading') return <p className="page">{t('trainer.loading')}</p>;
  return (
    <section className="page authoring">
      <h1>{t('authoring.title')}</h1>
      <p>
        <a href="#/trainer">{t('trainer.back')}</a>
      </p>
      <ScenarioEditor />
      <RuleEditor />
    </section>
  );
}

import { useState, type FormEvent } from 'react';
import { useT } from '../../components/i18n/use-t';
import { newScenarioText } from '../../core/scenario-document';
import { CATEGORIES, type Category } from '../../core/scenario-schema';

const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

/** Starts a new scenario from a template: an id, a title and a category, the rest is drawn. */
export function NewScenario({
  taken,
  onCreate,
}: {
  taken: (id: string) => boolean;
  onCreate: (id: string, text: string) => void;
}) {
  const t = useT();
  const [id, setId] = useState('');
  const [title, setTitle] = useState('');
  const [category, setCategory] = useState<Category>('complaint');
  const [refused, setRefused] = useState(false);
  const create = (event: FormEvent) => {
    event.preventDefault();
    const ok = ID_PATTERN.test(id) && !taken(id) && title.trim() !== '';
    setRefused(!ok);
    if (ok) onCreate(id, newScenarioText(id, title.trim(), category));
  };
  return (
    <form className="actions" aria-label={t('authoring.new.heading')} onSubmit={create}>
      <label>
        {t('authoring.new.id')}
        <input value={id} onChange={(event) => setId(event.target.value)} />
      </label>
      <label>
        {t('authoring.new.title')}
        <input value={title} onChange={(event) => setTitle(event.target.value)} />
      </label>
      <label>
        {t('authoring.new.category')}
        <select value={category} onChange={(event) => setCategory(event.target.value as Category)}>
          {CATEGORIES.map((option) => (
            <option key={option} value={option}>
              {t(`category.${option}`)}
            </option>
          ))}
        </select>
      </label>
      <button type="submit">{t('authoring.new.create')}</button>
      {refused && <p role="status">{t('authoring.new.refused')}</p>}
    </form>
  );
}

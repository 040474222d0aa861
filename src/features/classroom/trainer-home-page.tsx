import { useEffect, useState, type FormEvent } from 'react';
import { useLocalized, useT } from '../../components/i18n/use-t';
import { createClass, deleteClass, listClasses } from '../../data/class-repository';
import type { ClassRecord } from '../../data/db';
import { useCatalogStore } from '../../stores/use-catalog-store';
import './classroom.css';

function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** The trainer's start page: the classes on this device and a form to create one. */
export function TrainerHomePage() {
  const t = useT();
  const local = useLocalized();
  const scenarios = useCatalogStore((state) => state.scenarios);
  const [classes, setClasses] = useState<ClassRecord[] | undefined>(undefined);
  const [name, setName] = useState('');
  const [trainer, setTrainer] = useState('');
  const [date, setDate] = useState(today);
  const [chosen, setChosen] = useState<string[]>([]);
  const [problem, setProblem] = useState('');
  const [deleting, setDeleting] = useState<string | undefined>();
  const [deleted, setDeleted] = useState('');

  useEffect(() => {
    void listClasses().then(setClasses);
  }, []);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '' || trainer.trim() === '' || chosen.length === 0) {
      setProblem(t('trainer.needName'));
      return;
    }
    const record = await createClass({
      name: name.trim(),
      trainer: trainer.trim(),
      date,
      scenarioIds: chosen,
    });
    window.location.hash = `#/trainer/class/${record.id}`;
  };

  return (
    <section className="page trainer">
      <h1>{t('trainer.title')}</h1>
      <p>{t('trainer.intro')}</p>
      <p className="trainer-links">
        <a href="#/trainer/authoring">{t('trainer.authoring')}</a>
        <a href="#/export">{t('trainer.exportResults')}</a>
      </p>
      <h2>{t('trainer.classes')}</h2>
      {classes?.length === 0 && <p>{t('trainer.noClasses')}</p>}
      {deleted && <p role="status">{deleted}</p>}
      <ul className="class-list">
        {classes?.map((record) => (
          <li key={record.id}>
            <a href={`#/trainer/class/${record.id}`}>
              {t('trainer.classItem', {
                name: record.name,
                date: record.date,
                trainer: record.trainer,
              })}
            </a>{' '}
            {deleting === record.id ? (
              <span
                className="confirm"
                role="group"
                aria-label={t('trainer.deleteClass', { name: record.name })}
              >
                {t('trainer.confirmDelete', { name: record.name })}{' '}
                <button
                  type="button"
                  className="danger"
                  onClick={() =>
                    void deleteClass(record.id).then(async () => {
                      setDeleting(undefined);
                      setDeleted(t('trainer.deleted', { name: record.name }));
                      setClasses(await listClasses());
                    })
                  }
                >
                  {t('trainer.confirmDeleteYes')}
                </button>
                <button type="button" onClick={() => setDeleting(undefined)}>
                  {t('roster.cancel')}
                </button>
              </span>
            ) : (
              <button
                type="button"
                aria-label={t('trainer.deleteClass', { name: record.name })}
                onClick={() => setDeleting(record.id)}
              >
                {t('trainer.deleteShort')}
              </button>
            )}
          </li>
        ))}
      </ul>
      <form className="new-class" onSubmit={(event) => void create(event)}>
        <h2>{t('trainer.newClass')}</h2>
        <label>
          {t('trainer.className')}
          <input value={name} onChange={(event) => setName(event.target.value)} />
        </label>
        <label>
          {t('trainer.trainerName')}
          <input value={trainer} onChange={(event) => setTrainer(event.target.value)} />
        </label>
        <label>
          {t('trainer.date')}
          <input type="date" value={date} onChange={(event) => setDate(event.target.value)} />
        </label>
        <fieldset>
          <legend>{t('trainer.scenarios')}</legend>
          {scenarios.map((scenario) => (
            <label key={scenario.id} className="check">
              <input
                type="checkbox"
                checked={chosen.includes(scenario.id)}
                onChange={(event) =>
                  setChosen((ids) =>
                    event.target.checked
                      ? [...ids, scenario.id]
                      : ids.filter((id) => id !== scenario.id),
                  )
                }
              />
              {local(scenario.title)}
            </label>
          ))}
        </fieldset>
        {problem && <p role="alert">{problem}</p>}
        <button type="submit">{t('trainer.create')}</button>
      </form>
    </section>
  );
}

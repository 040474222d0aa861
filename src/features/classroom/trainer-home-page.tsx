import { useEffect, useState, type FormEvent } from 'react';
import { useLocalized, useT } from '../../components/i18n/use-t';
import { localClasses, type ClassRepository } from '../../data/class-repository';
import type { ClassRecord } from '../../data/db';
import {
  classRepositoryFor,
  serverClasses,
  staffSession,
  type StaffSession,
} from '../../data/server-classes';
import { useCatalogStore } from '../../stores/use-catalog-store';
import './classroom.css';

function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** This device's classes and, signed in as staff, the company server's. */
async function loadClasses() {
  const here = await localClasses.list();
  const staff = await staffSession();
  const onServer = staff ? await serverClasses.list().catch(() => []) : undefined;
  return { here, staff, onServer };
}

/** One list of classes with their links and a delete button that asks first. */
function ClassList({
  classes,
  onDeleted,
}: {
  classes: readonly ClassRecord[];
  onDeleted: (record: ClassRecord) => void;
}) {
  const t = useT();
  const [deleting, setDeleting] = useState<string | undefined>();
  return (
    <ul className="class-list">
      {classes.map((record) => (
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
                  void classRepositoryFor(record.id)
                    .remove(record.id)
                    .then(() => {
                      setDeleting(undefined);
                      onDeleted(record);
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
  );
}

/**
 * The trainer's start page: the classes on this device and a form to create one; signed in to
 * the company server as staff, the server's classes first, and new classes kept there.
 */
export function TrainerHomePage() {
  const t = useT();
  const local = useLocalized();
  const scenarios = useCatalogStore((state) => state.scenarios);
  const [classes, setClasses] = useState<ClassRecord[] | undefined>(undefined);
  const [staff, setStaff] = useState<StaffSession | undefined>();
  const [onServer, setOnServer] = useState<ClassRecord[] | undefined>();
  const [keepOnServer, setKeepOnServer] = useState(true);
  const [name, setName] = useState('');
  const [trainer, setTrainer] = useState('');
  const [date, setDate] = useState(today);
  const [chosen, setChosen] = useState<string[]>([]);
  const [problem, setProblem] = useState('');
  const [deleted, setDeleted] = useState('');

  const show = (loaded: Awaited<ReturnType<typeof loadClasses>>) => {
    setClasses(loaded.here);
    setStaff(loaded.staff);
    setOnServer(loaded.onServer);
  };
  const reload = () => void loadClasses().then(show);

  useEffect(() => {
    void loadClasses().then(show);
  }, []);

  const afterDelete = (record: ClassRecord) => {
    setDeleted(t('trainer.deleted', { name: record.name }));
    reload();
  };

  const create = async (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() === '' || trainer.trim() === '' || chosen.length === 0) {
      setProblem(t('trainer.needName'));
      return;
    }
    const where: ClassRepository = staff && keepOnServer ? serverClasses : localClasses;
    let record: ClassRecord;
    try {
      record = await where.create({
        name: name.trim(),
        trainer: trainer.trim(),
        date,
        scenarioIds: chosen,
      });
    } catch (error) {
      setProblem(t('serverClass.createFailed', { reason: (error as Error).message }));
      return;
    }
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
      {staff && (
        <>
          <h2>{t('serverClass.heading')}</h2>
          <p>{t('serverClass.signedIn', { name: staff.name })}</p>
          {onServer?.length === 0 && <p>{t('serverClass.none')}</p>}
          {onServer && <ClassList classes={onServer} onDeleted={afterDelete} />}
        </>
      )}
      <h2>{staff ? t('serverClass.local') : t('trainer.classes')}</h2>
      {classes?.length === 0 && <p>{t('trainer.noClasses')}</p>}
      {deleted && <p role="status">{deleted}</p>}
      {classes && <ClassList classes={classes} onDeleted={afterDelete} />}
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
        {staff && (
          <label className="check">
            <input
              type="checkbox"
              checked={keepOnServer}
              onChange={(event) => setKeepOnServer(event.target.checked)}
            />
            {t('serverClass.keepOnServer')}
          </label>
        )}
        {problem && <p role="alert">{problem}</p>}
        <button type="submit">{t('trainer.create')}</button>
      </form>
    </section>
  );
}

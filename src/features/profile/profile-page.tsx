/** The trainee's name, employee number and department: asked once, editable later. */
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useT, type MessageKey } from '../../components/i18n/use-t';
import type { Trainee } from '../../data/db';
import { useProfileStore } from '../../stores/use-profile-store';
import {
  checkTraineeForm,
  safeNextHash,
  TRAINEE_FIELDS,
  TRAINEE_MAX_LENGTH,
  type TraineeField,
  type TraineeFormProblem,
} from './trainee-form';
import './profile.css';

const LABELS: Record<TraineeField, MessageKey> = {
  name: 'profile.name',
  employeeNo: 'profile.employeeNo',
  department: 'profile.department',
};

const AUTOCOMPLETE: Record<TraineeField, string> = {
  name: 'name',
  employeeNo: 'off',
  department: 'organization',
};

export function ProfilePage({ next }: { next?: string }) {
  const t = useT();
  const profile = useProfileStore((state) => state.profile);
  const status = useProfileStore((state) => state.status);
  const load = useProfileStore((state) => state.load);

  useEffect(() => {
    void load();
  }, [load]);

  const nextHash = safeNextHash(next);
  const loaded = status === 'ready' || status === 'error';
  return (
    <section className="page profile" aria-labelledby="profile-title">
      <h1 id="profile-title">{t('profile.title')}</h1>
      {!loaded ? (
        <p role="status">{t('profile.loading')}</p>
      ) : (
        <>
          <p className="lead">
            {profile === undefined && nextHash ? t('profile.firstTime') : t('profile.intro')}
          </p>
          <ProfileForm initial={profile} nextHash={nextHash} />
        </>
      )}
    </section>
  );
}

type Draft = Record<TraineeField, string>;
type Problems = Partial<Record<TraineeField, TraineeFormProblem>>;

function ProfileForm({ initial, nextHash }: { initial: Trainee | undefined; nextHash?: string }) {
  const t = useT();
  const save = useProfileStore((state) => state.save);
  const [draft, setDraft] = useState<Draft>({
    name: initial?.name ?? '',
    employeeNo: initial?.employeeNo ?? '',
    department: initial?.department ?? '',
  });
  const [problems, setProblems] = useState<Problems>({});
  const [outcome, setOutcome] = useState<'none' | 'saved' | 'session' | 'failed'>('none');
  const [busy, setBusy] = useState(false);
  const inputs = useRef<Partial<Record<TraineeField, HTMLInputElement | null>>>({});

  const problemText = (name: TraineeField, problem: TraineeFormProblem) =>
    problem === 'required'
      ? t('profile.error.required', { field: t(LABELS[name]) })
      : t('profile.error.tooLong', { field: t(LABELS[name]), max: TRAINEE_MAX_LENGTH[name] });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const checked = checkTraineeForm(draft);
    if (!checked.ok) {
      setProblems(checked.problems);
      setOutcome('none');
      const first = TRAINEE_FIELDS.find((name) => checked.problems[name]);
      if (first) inputs.current[first]?.focus();
      return;
    }
    setProblems({});
    setBusy(true);
    try {
      const kept = await save(checked.trainee);
      setDraft(checked.trainee);
      if (nextHash) {
        window.location.hash = nextHash;
        return;
      }
      setOutcome(kept === 'stored' ? 'saved' : 'session');
    } catch {
      setOutcome('failed');
    } finally {
      setBusy(false);
    }
  };

  const listed = TRAINEE_FIELDS.filter((name) => problems[name]);
  return (
    <form className="profile-form" noValidate onSubmit={(event) => void submit(event)}>
      {listed.length > 0 && (
        <div className="form-errors" role="alert">
          <p>{t('profile.errorSummary')}</p>
          <ul>
            {listed.map((name) => {
              const problem = problems[name];
              return problem ? <li key={name}>{problemText(name, problem)}</li> : null;
            })}
          </ul>
        </div>
      )}
      {TRAINEE_FIELDS.map((name) => {
        const problem = problems[name];
        const errorId = `profile-${name}-error`;
        return (
          <div className="form-field" key={name}>
            <label htmlFor={`profile-${name}`}>{t(LABELS[name])}</label>
            <input
              id={`profile-${name}`}
              ref={(element) => {
                inputs.current[name] = element;
              }}
              name={name}
              autoComplete={AUTOCOMPLETE[name]}
              value={draft[name]}
              aria-invalid={problem ? true : undefined}
              aria-describedby={problem ? errorId : undefined}
              onChange={(event) => {
                setDraft({ ...draft, [name]: event.target.value });
                setOutcome('none');
              }}
            />
            {problem && (
              <p className="field-error" id={errorId}>
                {problemText(name, problem)}
              </p>
            )}
          </div>
        );
      })}
      <div className="form-actions">
        <button type="submit" className="primary" disabled={busy}>
          {nextHash ? t('profile.saveAndContinue') : t('profile.save')}
        </button>
        <p role="status" className="form-status">
          {outcome === 'saved' && t('profile.saved')}
          {outcome === 'session' && t('profile.savedForSession')}
        </p>
      </div>
      {outcome === 'failed' && (
        <p role="alert" className="field-error">
          {t('profile.saveFailed')}
        </p>
      )}
    </form>
  );
}

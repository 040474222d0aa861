import { useState } from 'react';
import { useLocalized, useT } from '../../../components/i18n/use-t';
import { describeGuard } from '../../../core/guard-words';
import type { ScenarioEdit } from '../../../core/scenario-document';
import { ENDING_KINDS, MOOD_BANDS, type Guard } from '../../../core/scenario-schema';
import { TAG_INFO, TAGS, type Tag } from '../../../core/tags';
import {
  EXPECTATION_LISTS,
  readEnding,
  readStep,
  type ExpectationDraft,
  type TransitionDraft,
} from './node-draft';

type Edit = (edit: ScenarioEdit) => boolean;

interface NodeFormProps {
  id: string;
  data: unknown;
  /** Every step and ending id, for the "goes to" choices. */
  targets: string[];
  onEdit: Edit;
}

const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;

/** The node's id with a rename button (renaming follows every `goto` and `start`). */
function IdField({ id, onEdit }: { id: string; onEdit: Edit }) {
  const t = useT();
  const [draft, setDraft] = useState(id);
  const [refused, setRefused] = useState(false);
  const rename = () => {
    const ok = draft !== id && ID_PATTERN.test(draft) && onEdit({ type: 'rename', id, to: draft });
    setRefused(draft !== id && !ok);
  };
  return (
    <div className="actions">
      <label>
        {t('authoring.form.id')}
        <input value={draft} onChange={(event) => setDraft(event.target.value)} />
      </label>
      <button type="button" onClick={rename}>
        {t('authoring.form.rename')}
      </button>
      {refused && <p role="status">{t('authoring.form.idRefused')}</p>}
    </div>
  );
}

/** A {zh-CN, en} text as two fields; an emptied field is removed from the YAML. */
function LocalizedFields({
  what,
  value,
  onChange,
  rows = 2,
}: {
  what: string;
  value: { 'zh-CN'?: string; en?: string } | undefined;
  onChange: (language: 'zh-CN' | 'en', text: string) => void;
  rows?: number;
}) {
  const t = useT();
  return (
    <div className="localized">
      <label>
        {t('authoring.form.zh', { what })}
        <textarea
          rows={rows}
          value={value?.['zh-CN'] ?? ''}
          onChange={(event) => onChange('zh-CN', event.target.value)}
        />
      </label>
      <label>
        {t('authoring.form.en', { what })}
        <textarea
          rows={rows}
          value={value?.en ?? ''}
          onChange={(event) => onChange('en', event.target.value)}
        />
      </label>
    </div>
  );
}

function TagSelect({
  label,
  value,
  onChange,
}: {
  label: string;
  value: Tag;
  onChange: (tag: Tag) => void;
}) {
  const local = useLocalized();
  return (
    <label>
      {label}
      <select value={value} onChange={(event) => onChange(event.target.value as Tag)}>
        {TAGS.map((tag) => (
          <option key={tag} value={tag}>
            {local(TAG_INFO[tag].label)}
          </option>
        ))}
      </select>
    </label>
  );
}

/** Several tags from the vocabulary (a list box: Ctrl/Shift to pick more than one). */
function TagsSelect({
  label,
  value,
  onChange,
}: {
  label: string;
  value: Tag[] | undefined;
  onChange: (tags: Tag[]) => void;
}) {
  const local = useLocalized();
  return (
    <label>
      {label}
      <select
        multiple
        size={4}
        value={value ?? []}
        onChange={(event) =>
          onChange([...event.target.selectedOptions].map((option) => option.value as Tag))
        }
      >
        {TAGS.map((tag) => (
          <option key={tag} value={tag}>
            {local(TAG_INFO[tag].label)}
          </option>
        ))}
      </select>
    </label>
  );
}

function numberOrNothing(text: string): number | undefined {
  return text.trim() === '' || Number.isNaN(Number(text)) ? undefined : Number(text);
}

/** One transition: where it goes and the condition that takes it there, said in words. */
function TransitionFields({
  id,
  index,
  transition,
  targets,
  onEdit,
}: {
  id: string;
  index: number;
  transition: TransitionDraft;
  targets: string[];
  onEdit: Edit;
}) {
  const t = useT();
  const local = useLocalized();
  const item = t('authoring.form.transition', { n: index + 1 });
  const set = (key: keyof Guard, value: unknown) =>
    onEdit({ type: 'set', id, field: ['next', index, 'when', key], value });
  const when = transition.when;
  return (
    <fieldset className="transition">
      <legend>{item}</legend>
      <p>{t('authoring.form.when', { words: local(describeGuard(when, index === 0)) })}</p>
      <label>
        {t('authoring.form.goto', { item })}
        <select
          value={transition.goto}
          onChange={(event) =>
            onEdit({ type: 'set', id, field: ['next', index, 'goto'], value: event.target.value })
          }
        >
          {!targets.includes(transition.goto) && <option value={transition.goto}>—</option>}
          {targets.map((target) => (
            <option key={target} value={target}>
              {target}
            </option>
          ))}
        </select>
      </label>
      {(['all', 'any', 'none'] as const).map((key) => (
        <TagsSelect
          key={key}
          label={t(`authoring.form.cond.${key}`, { item })}
          value={when?.[key]}
          onChange={(tags) => set(key, tags)}
        />
      ))}
      {(['moodAtLeast', 'moodBelow', 'turnsAtLeast'] as const).map((key) => (
        <label key={key}>
          {t(`authoring.form.cond.${key}`, { item })}
          <input
            type="number"
            min={key === 'turnsAtLeast' ? 1 : 0}
            max={key === 'turnsAtLeast' ? undefined : 100}
            value={when?.[key] ?? ''}
            onChange={(event) => set(key, numberOrNothing(event.target.value))}
          />
        </label>
      ))}
      <label className="inline">
        <input
          type="checkbox"
          checked={when?.timeout ?? false}
          onChange={(event) => set('timeout', event.target.checked || undefined)}
        />
        {t('authoring.form.cond.timeout', { item })}
      </label>
    </fieldset>
  );
}

/** Buttons that remove a list item or move it up one place. */
function ItemButtons<T>({
  what,
  list,
  index,
  onList,
}: {
  what: string;
  list: T[];
  index: number;
  onList: (list: T[]) => void;
}) {
  const t = useT();
  return (
    <span className="item-buttons">
      {index > 0 && (
        <button
          type="button"
          onClick={() =>
            onList([
              ...list.slice(0, index - 1),
              list[index] as T,
              list[index - 1] as T,
              ...list.slice(index + 1),
            ])
          }
        >
          {t('authoring.form.moveUp', { what })}
        </button>
      )}
      <button type="button" onClick={() => onList(list.filter((_, at) => at !== index))}>
        {t('authoring.form.remove', { what })}
      </button>
    </span>
  );
}

/** The form of a step: the customer's lines, what the trainee should do, choices and transitions. */
export function StepForm({ id, data, targets, onEdit }: NodeFormProps) {
  const t = useT();
  const step = readStep(data);
  const setList = (field: (string | number)[], value: unknown) =>
    onEdit({ type: 'set', id, field, value });
  const moodLabel = {
    angry: 'practice.mood.angry',
    upset: 'practice.mood.upset',
    calm: 'practice.mood.calm',
  } as const;
  return (
    <>
      <IdField key={id} id={id} onEdit={onEdit} />
      <fieldset>
        <legend>{t('authoring.form.customer')}</legend>
        {MOOD_BANDS.map((band) => (
          <LocalizedFields
            key={band}
            what={t(moodLabel[band])}
            value={step.customer[band]}
            onChange={(language, text) =>
              onEdit({ type: 'set', id, field: ['customer', band, language], value: text })
            }
          />
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('authoring.form.expect')}</legend>
        {EXPECTATION_LISTS.map((list) => {
          const name = t(`authoring.form.list.${list}`);
          const items = step.expect[list];
          const write = (next: ExpectationDraft[]) => setList(['expect', list], next);
          return (
            <div key={list} className="expect-list">
              <h5>{name}</h5>
              {items.map((expectation, index) => {
                const item = t('authoring.form.item', { list: name, n: index + 1 });
                const change = (patch: Partial<ExpectationDraft>) =>
                  write(items.map((e, at) => (at === index ? { ...e, ...patch } : e)));
                return (
                  <div key={index} className="actions">
                    <TagSelect
                      label={t('authoring.form.tag', { item })}
                      value={expectation.tag}
                      onChange={(tag) => change({ tag })}
                    />
                    <label>
                      {t('authoring.form.weight', { item })}
                      <input
                        type="number"
                        min={1}
                        max={30}
                        value={expectation.weight}
                        onChange={(event) =>
                          change({ weight: numberOrNothing(event.target.value) ?? 1 })
                        }
                      />
                    </label>
                    <ItemButtons what={item} list={items} index={index} onList={write} />
                  </div>
                );
              })}
              <button
                type="button"
                onClick={() => write([...items, { tag: 'apology', weight: 10 }])}
              >
                {t('authoring.form.add', { what: name })}
              </button>
            </div>
          );
        })}
      </fieldset>
      <fieldset>
        <legend>{t('authoring.form.choices')}</legend>
        {step.choices.map((choice, index) => {
          const what = t('authoring.form.choice', { n: index + 1 });
          return (
            <div key={index} className="choice">
              <LocalizedFields
                what={what}
                value={choice}
                onChange={(language, text) =>
                  onEdit({ type: 'set', id, field: ['choices', index, language], value: text })
                }
              />
              <ItemButtons
                what={what}
                list={step.choices}
                index={index}
                onList={(next) => setList(['choices'], next)}
              />
            </div>
          );
        })}
        {step.choices.length < 4 && (
          <button
            type="button"
            onClick={() => setList(['choices'], [...step.choices, { 'zh-CN': '', en: '' }])}
          >
            {t('authoring.form.add', {
              what: t('authoring.form.choice', { n: step.choices.length + 1 }),
            })}
          </button>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('authoring.form.next')}</legend>
        {step.next.map((transition, index) => (
          <div key={index}>
            <TransitionFields
              id={id}
              index={index}
              transition={transition}
              targets={targets}
              onEdit={onEdit}
            />
            <ItemButtons
              what={t('authoring.form.transition', { n: index + 1 })}
              list={step.next}
              index={index}
              onList={(next) => setList(['next'], next)}
            />
          </div>
        ))}
        <button
          type="button"
          onClick={() => setList(['next'], [...step.next, { goto: targets[0] ?? id }])}
        >
          {t('authoring.form.add', {
            what: t('authoring.form.transition', { n: step.next.length + 1 }),
          })}
        </button>
      </fieldset>
    </>
  );
}

/** The form of an ending: its kind, the customer's last words and the debrief. */
export function EndingForm({ id, data, onEdit }: NodeFormProps) {
  const t = useT();
  const ending = readEnding(data);
  return (
    <>
      <IdField key={id} id={id} onEdit={onEdit} />
      <label>
        {t('authoring.form.kind')}
        <select
          value={ending.kind}
          onChange={(event) =>
            onEdit({ type: 'set', id, field: ['kind'], value: event.target.value })
          }
        >
          {ENDING_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {t(`ending.${kind}`)}
            </option>
          ))}
        </select>
      </label>
      {(['customer', 'debrief'] as const).map((field) => (
        <LocalizedFields
          key={field}
          what={t(field === 'customer' ? 'authoring.form.endingLine' : 'authoring.form.debrief')}
          value={ending[field]}
          onChange={(language, text) =>
            onEdit({ type: 'set', id, field: [field, language], value: text })
          }
        />
      ))}
    </>
  );
}

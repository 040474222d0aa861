import { useEffect, useState } from 'react';
import { useT } from '../../components/i18n/use-t';
import { DIMENSIONS, DIMENSION_EN } from '../../core/tags';
import type { LoadError } from '../../core/yaml-source';
import { listAttempts } from '../../data/attempts';
import { database } from '../../data/db';
import { useCatalogStore, type CustomCatalog } from '../../stores/use-catalog-store';
import {
  addCompanyRule,
  COMPANY_PACK,
  COMPANY_RULE_DEFAULTS,
  EMPTY_COMPANY_PACK,
  type CompanyRuleInput,
} from './company-pack';
import { downloadText } from './download';
import { useLoadErrorText } from './load-error-text';
import { runGoldenReplies, type GoldenFailure } from './golden-replies';
import { rescoreAttempts, splitRescored, type Rescored } from './rescore';
import { useLocaleStore } from '../../stores/use-locale-store';
import { FilePicker, YAML_FILES } from '../../components/forms/file-picker';

interface Check {
  errors: LoadError[];
  golden: { total: number; failures: GoldenFailure[] };
  rescored: Rescored[];
  custom: CustomCatalog;
}

const EMPTY_RULE: CompanyRuleInput = {
  kind: 'forbidden',
  phrase: '',
  message: '',
  messageEn: '',
  better: '',
  betterEn: '',
  example: '',
  ...COMPANY_RULE_DEFAULTS.forbidden,
};

type TextField = 'phrase' | 'message' | 'messageEn' | 'better' | 'betterEn' | 'example';
const REQUIRED_FIELDS: readonly TextField[] = [
  'phrase',
  'message',
  'messageEn',
  'better',
  'betterEn',
];

/** The company's own phrases: add rules, check golden replies and re-scored attempts, then accept. */
export function RuleEditor() {
  const t = useT();
  const errorText = useLoadErrorText();
  const english = useLocaleStore((state) => state.locale === 'en');
  const [pack, setPack] = useState<string | undefined>();
  const [rule, setRule] = useState(EMPTY_RULE);
  // Typed as text (a number field that clamps while typing turns "12" into 20); read on adding.
  const [weightText, setWeightText] = useState(String(EMPTY_RULE.weight));
  const weight = Number(weightText);
  const weightOk = Number.isInteger(weight) && weight >= 1 && weight <= 20;
  const [check, setCheck] = useState<Check | undefined>();
  const [message, setMessage] = useState('');

  useEffect(() => {
    void database()
      .customRulePacks.get(COMPANY_PACK)
      .then((row) => setPack(row?.text ?? EMPTY_COMPANY_PACK))
      .catch(() => setPack(EMPTY_COMPANY_PACK));
  }, []);
  if (pack === undefined) return null;

  const field = (key: TextField, label: string) => (
    <label>
      {label}
      <input
        value={rule[key]}
        onChange={(event) => setRule({ ...rule, [key]: event.target.value })}
      />
    </label>
  );

  const runCheck = async (text: string) => {
    const store = useCatalogStore.getState();
    const custom: CustomCatalog = {
      ...store.custom,
      rulePacks: [
        ...store.custom.rulePacks.filter((entry) => entry.pack !== COMPANY_PACK),
        { pack: COMPANY_PACK, text },
      ],
    };
    const { analyzer, errors } = store.analyzerWith(custom);
    const packErrors = errors.filter((error) => error.file.startsWith('company/'));
    const baseline = store.analyzer ?? analyzer;
    const rescored = rescoreAttempts(await listAttempts(), store.scenarioById, baseline, analyzer);
    setCheck({ errors: packErrors, golden: runGoldenReplies(analyzer), rescored, custom });
    setMessage('');
  };

  const accept = async () => {
    if (!check || check.errors.length > 0) {
      setMessage(t('authoring.packErrors'));
      return;
    }
    await database().customRulePacks.put({ pack: COMPANY_PACK, text: pack, updatedAt: Date.now() });
    useCatalogStore.getState().applyCustom(check.custom);
    setCheck(undefined);
    setMessage(t('authoring.accepted'));
  };

  const { changed, disagreed } = splitRescored(check?.rescored ?? []);
  const delta = (row: Rescored) =>
    `${row.candidate > row.baseline ? '+' : ''}${row.candidate - row.baseline}`;

  return (
    <section className="panel" aria-labelledby="rule-editor-heading">
      <h2 id="rule-editor-heading">{t('authoring.ruleEditor')}</h2>
      <p className="hint">{t('authoring.ruleIntro')}</p>
      <div className="rule-form">
        <label>
          {t('authoring.kind')}
          <select
            value={rule.kind}
            onChange={(event) => {
              const kind = event.target.value === 'greeting' ? 'greeting' : 'forbidden';
              setRule({ ...rule, kind, ...COMPANY_RULE_DEFAULTS[kind] });
              setWeightText(String(COMPANY_RULE_DEFAULTS[kind].weight));
            }}
          >
            <option value="forbidden">{t('authoring.kind.forbidden')}</option>
            <option value="greeting">{t('authoring.kind.greeting')}</option>
          </select>
        </label>
        {field('phrase', t('authoring.phrase'))}
        {field('message', t('authoring.message'))}
        {field('messageEn', t('authoring.messageEn'))}
        {field('better', t('authoring.better'))}
        {field('betterEn', t('authoring.betterEn'))}
        {field('example', t('authoring.example'))}
        <label>
          {t('authoring.dimension')}
          <select
            value={rule.dimension}
            onChange={(event) => {
              const dimension = DIMENSIONS.find((d) => d === event.target.value);
              if (dimension) setRule({ ...rule, dimension });
            }}
          >
            {DIMENSIONS.map((dimension) => (
              <option key={dimension} value={dimension}>
                {english ? DIMENSION_EN[dimension] : dimension}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('authoring.weight')}
          <input
            type="number"
            min={1}
            max={20}
            value={weightText}
            onChange={(event) => setWeightText(event.target.value)}
          />
        </label>
        <p className="hint">{t('authoring.companySource')}</p>
        <button
          type="button"
          disabled={!weightOk || REQUIRED_FIELDS.some((key) => rule[key].trim() === '')}
          onClick={() => {
            const next = addCompanyRule(pack, { ...rule, weight });
            setPack(next);
            setRule(EMPTY_RULE);
            setWeightText(String(EMPTY_RULE.weight));
            void runCheck(next);
          }}
        >
          {t('authoring.addRule')}
        </button>
      </div>
      <label className="block">
        {t('authoring.packYaml')}
        <textarea
          className="yaml-editor"
          rows={10}
          spellCheck={false}
          value={pack}
          onChange={(event) => {
            setPack(event.target.value);
            setCheck(undefined);
          }}
        />
      </label>
      <div className="actions">
        <button type="button" onClick={() => void runCheck(pack)}>
          {t('authoring.check')}
        </button>
        <button
          type="button"
          onClick={() => downloadText(`${COMPANY_PACK}.yaml`, pack, 'text/yaml')}
        >
          {t('authoring.exportPack')}
        </button>
        <FilePicker
          label={t('authoring.importPack')}
          accept={YAML_FILES}
          onFile={(file) =>
            void file.text().then((text) => {
              setPack(text);
              void runCheck(text);
            })
          }
        />
      </div>
      {check && (
        <div className="rule-check" role="status">
          {check.errors.length > 0 && (
            <ul className="problems">
              {check.errors.map((error, index) => (
                <li key={index}>
                  {t('authoring.errorAt', {
                    line: error.line,
                    field: error.field,
                    message: errorText(error),
                  })}
                </li>
              ))}
            </ul>
          )}
          <p>
            {t('authoring.golden', {
              passed: check.golden.total - check.golden.failures.length,
              total: check.golden.total,
            })}
          </p>
          <ul className="problems">
            {check.golden.failures.map((failure) => (
              <li key={`${failure.ruleId}-${failure.text}`}>
                {t('authoring.goldenFail', {
                  rule: failure.ruleId,
                  text: failure.text,
                  expect:
                    failure.expected === 'fires'
                      ? t('authoring.expectFire')
                      : t('authoring.expectSilent'),
                })}
              </li>
            ))}
          </ul>
          <p>
            {t('authoring.rescored', { count: check.rescored.length, changed: changed.length })}
          </p>
          <ul aria-label={t('authoring.changedList')}>
            {changed.map((row) => (
              <li key={row.attemptId}>
                {t('authoring.rescoreRow', {
                  name: row.trainee,
                  scenario: row.scenarioId,
                  before: row.baseline,
                  after: row.candidate,
                  delta: delta(row),
                })}
              </li>
            ))}
          </ul>
          {disagreed.length > 0 && (
            <>
              <p>{t('authoring.disagreed', { count: disagreed.length })}</p>
              <ul aria-label={t('authoring.disagreedList')}>
                {disagreed.map((row) => (
                  <li key={row.attemptId}>
                    {t('authoring.disagreedRow', {
                      name: row.trainee,
                      scenario: row.scenarioId,
                      stored: row.stored,
                      baseline: row.baseline,
                    })}
                  </li>
                ))}
              </ul>
            </>
          )}
          <button type="button" className="primary" onClick={() => void accept()}>
            {t('authoring.accept')}
          </button>
        </div>
      )}
      {message && <p role="status">{message}</p>}
    </section>
  );
}

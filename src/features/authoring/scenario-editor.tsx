import { lazy, Suspense, useEffect, useMemo, useRef, useState } from 'react';
import { useLocalized, useT } from '../../components/i18n/use-t';
import { loadScenarioFile } from '../../core/scenario-loader';
import type { Scenario } from '../../core/scenario-schema';
import { database } from '../../data/db';
import { useCatalogStore } from '../../stores/use-catalog-store';
import { useRetiredStore } from '../../stores/use-retired-store';
import { downloadText } from './download';
import { useLoadErrorText } from './load-error-text';
import { Playtest } from './playtest';
import { FilePicker, YAML_FILES } from '../../components/forms/file-picker';
import { NewScenario } from './new-scenario';
import { VersionDiffView } from './version-diff-view';

// The graph library (React Flow, dagre) is loaded only when the authoring page opens.
const ScenarioDiagram = lazy(() => import('./graph/scenario-diagram'));

/** The YAML text a scenario was loaded from: its newest saved version, else the bundled file. */
function sourceText(id: string): string {
  const { files, custom } = useCatalogStore.getState();
  const saved = custom.scenarioVersions
    .filter((entry) => entry.scenarioId === id)
    .sort((a, b) => b.version - a.version)[0];
  if (saved) return saved.text;
  return files.scenarios.find((file) => file.file.endsWith(`/${id}.yaml`))?.text ?? '';
}

/** Rewrites the top-level `version:` line. */
function withVersion(text: string, version: number): string {
  return /^version:.*$/m.test(text)
    ? text.replace(/^version:.*$/m, `version: ${version}`)
    : `version: ${version}\n${text}`;
}

/** Scenario YAML editor with live validation at the error's line, playtest, and save as a new version. */
export function ScenarioEditor() {
  const t = useT();
  const local = useLocalized();
  const errorText = useLoadErrorText();
  const scenarios = useCatalogStore((state) => state.scenarios);
  const analyzer = useCatalogStore((state) => state.analyzer);
  const [id, setId] = useState(scenarios[0]?.id ?? '');
  const [text, setText] = useState(() => sourceText(scenarios[0]?.id ?? ''));
  const [playing, setPlaying] = useState<Scenario | undefined>();
  const [message, setMessage] = useState('');
  const [comparing, setComparing] = useState(false);
  const retired = useRetiredStore((state) => state.ids.includes(id));
  useEffect(() => {
    void useRetiredStore.getState().load();
  }, []);
  const area = useRef<HTMLTextAreaElement>(null);

  const checked = useMemo(
    () => loadScenarioFile({ file: `${id || 'scenario'}.yaml`, text }),
    [id, text],
  );
  const current = scenarios.find((scenario) => scenario.id === id);
  // A new scenario is saved as the version its text names (1); a known one as the next.
  const nextVersion = current
    ? Math.max(current.version, checked.scenario?.version ?? 0) + 1
    : (checked.scenario?.version ?? 1);

  const goToLine = (line: number) => {
    const element = area.current;
    if (!element) return;
    const lines = element.value.split('\n');
    const start = lines.slice(0, line - 1).reduce((sum, l) => sum + l.length + 1, 0);
    element.focus();
    element.setSelectionRange(start, start + (lines[line - 1]?.length ?? 0));
  };

  const save = async () => {
    const versioned = withVersion(text, nextVersion);
    const loaded = loadScenarioFile({ file: `${id}.yaml`, text: versioned });
    if (!loaded.scenario) return;
    const record = {
      scenarioId: loaded.scenario.id,
      version: nextVersion,
      text: versioned,
      savedAt: Date.now(),
    };
    await database().scenarioVersions.put(record);
    const { custom, applyCustom } = useCatalogStore.getState();
    applyCustom({ ...custom, scenarioVersions: [...custom.scenarioVersions, record] });
    setText(versioned);
    setMessage(t('authoring.savedVersion', { version: nextVersion }));
  };

  return (
    <section className="panel" aria-labelledby="scenario-editor-heading">
      <h2 id="scenario-editor-heading">{t('authoring.scenarioEditor')}</h2>
      <label>
        {t('authoring.pick')}
        <select
          value={id}
          onChange={(event) => {
            setId(event.target.value);
            setText(sourceText(event.target.value));
            setPlaying(undefined);
            setMessage('');
          }}
        >
          {!current && <option value={id}>{t('authoring.new.draft', { id })}</option>}
          {scenarios.map((scenario) => (
            <option key={scenario.id} value={scenario.id}>
              {local(scenario.title)} (v{scenario.version})
            </option>
          ))}
        </select>
      </label>
      <details>
        <summary>{t('authoring.new.heading')}</summary>
        <NewScenario
          taken={(candidate) => scenarios.some((scenario) => scenario.id === candidate)}
          onCreate={(newId, newText) => {
            setId(newId);
            setText(newText);
            setPlaying(undefined);
            setMessage('');
          }}
        />
      </details>
      <Suspense fallback={<p>{t('authoring.graph.loading')}</p>}>
        <ScenarioDiagram
          key={id}
          text={text}
          onText={setText}
          onPlaytest={
            checked.scenario
              ? (start) => checked.scenario && setPlaying({ ...checked.scenario, start })
              : undefined
          }
        />
      </Suspense>
      <label className="block">
        {t('authoring.yaml')}
        <textarea
          ref={area}
          className="yaml-editor"
          rows={18}
          spellCheck={false}
          value={text}
          aria-invalid={checked.errors.length > 0}
          onChange={(event) => setText(event.target.value)}
        />
      </label>
      {checked.errors.length === 0 ? (
        <p role="status">{t('authoring.valid')}</p>
      ) : (
        <ul className="problems" role="alert">
          {checked.errors.map((error, index) => (
            <li key={index}>
              <button type="button" className="link" onClick={() => goToLine(error.line)}>
                {t('authoring.errorAt', {
                  line: error.line,
                  field: error.field,
                  message: errorText(error),
                })}
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="actions">
        <button type="button" disabled={!checked.scenario} onClick={() => void save()}>
          {t('authoring.saveVersion', { version: nextVersion })}
        </button>
        <button
          type="button"
          disabled={!checked.scenario}
          onClick={() => setPlaying(checked.scenario)}
        >
          {t('authoring.playtestStart')}
        </button>
        {current && (
          <button
            type="button"
            onClick={() =>
              void useRetiredStore
                .getState()
                .setRetired(id, !retired)
                .then(() => setMessage(t(retired ? 'authoring.unretired' : 'authoring.retired')))
            }
          >
            {t(retired ? 'authoring.unretire' : 'authoring.retire')}
          </button>
        )}
        <button type="button" onClick={() => downloadText(`${id}.yaml`, text, 'text/yaml')}>
          {t('authoring.exportScenario')}
        </button>
        <FilePicker
          label={t('authoring.importScenario')}
          accept={YAML_FILES}
          onFile={(file) => void file.text().then(setText)}
        />
      </div>
      {message && <p role="status">{message}</p>}
      <details onToggle={(event) => setComparing(event.currentTarget.open)}>
        <summary>{t('authoring.diff.heading')}</summary>
        {comparing && <VersionDiffView key={id} id={id} editorText={text} />}
      </details>
      {playing && analyzer && (
        <section aria-labelledby="playtest-heading">
          <h3 id="playtest-heading">{t('authoring.playtest')}</h3>
          <Playtest key={playing.start} scenario={playing} analyzer={analyzer} />
        </section>
      )}
    </section>
  );
}

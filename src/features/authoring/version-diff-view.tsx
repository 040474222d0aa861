import { useState } from 'react';
import { useT } from '../../components/i18n/use-t';
import { useCatalogStore } from '../../stores/use-catalog-store';
import { sideBySide, type DiffRow } from './version-diff';

const MARK: Record<DiffRow['kind'], string> = {
  same: '',
  changed: '~ ',
  removed: '− ',
  added: '+ ',
};
/** Unchanged lines shown around each change. */
const CONTEXT = 2;

/** Picks two versions of the scenario (bundled, saved, or the editor text) and shows them side by side. */
export function VersionDiffView({ id, editorText }: { id: string; editorText: string }) {
  const t = useT();
  const files = useCatalogStore((state) => state.files);
  const saved = useCatalogStore((state) => state.custom.scenarioVersions);
  const bundled = files.scenarios.find((file) => file.file.endsWith(`/${id}.yaml`));
  const versions = [
    ...(bundled
      ? [
          {
            key: 'bundled',
            label: t('authoring.diff.bundled', {
              version: /^version:\s*(\d+)/m.exec(bundled.text)?.[1] ?? '1',
            }),
            text: bundled.text,
          },
        ]
      : []),
    ...saved
      .filter((entry) => entry.scenarioId === id)
      .sort((a, b) => a.version - b.version)
      .map((entry) => ({
        key: `v${entry.version}`,
        label: t('authoring.diff.saved', { version: entry.version }),
        text: entry.text,
      })),
    { key: 'editor', label: t('authoring.diff.editor'), text: editorText },
  ];
  const [leftKey, setLeftKey] = useState(versions[0]?.key ?? 'editor');
  const [rightKey, setRightKey] = useState('editor');
  const textOf = (key: string) => versions.find((version) => version.key === key)?.text ?? '';
  const rows = sideBySide(textOf(leftKey), textOf(rightKey));
  const changedAt = rows.flatMap((row, index) => (row.kind === 'same' ? [] : [index]));
  const shown = rows.filter((_, index) => changedAt.some((at) => Math.abs(at - index) <= CONTEXT));

  const picker = (label: string, value: string, onChange: (key: string) => void) => (
    <label>
      {label}
      <select value={value} onChange={(event) => onChange(event.target.value)}>
        {versions.map((version) => (
          <option key={version.key} value={version.key}>
            {version.label}
          </option>
        ))}
      </select>
    </label>
  );

  return (
    <div className="version-diff">
      <div className="actions">
        {picker(t('authoring.diff.left'), leftKey, setLeftKey)}
        {picker(t('authoring.diff.right'), rightKey, setRightKey)}
      </div>
      {changedAt.length === 0 ? (
        <p>{t('authoring.diff.same')}</p>
      ) : (
        <table>
          <caption>{t('authoring.diff.caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('authoring.diff.line')}</th>
              <th scope="col">{t('authoring.diff.left')}</th>
              <th scope="col">{t('authoring.diff.line')}</th>
              <th scope="col">{t('authoring.diff.right')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((row, index) => (
              <tr key={index} className={row.kind}>
                <td>{row.left?.line}</td>
                <td>{row.left && `${MARK[row.kind]}${row.left.text}`}</td>
                <td>{row.right?.line}</td>
                <td>{row.right && `${MARK[row.kind]}${row.right.text}`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

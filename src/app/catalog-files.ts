/** The scenario and rule YAML files, bundled as text at build time. */
import type { CatalogFiles } from '../stores/use-catalog-store';

const scenarioTexts = import.meta.glob<string>('../../scenarios/*.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
});
const ruleTexts = import.meta.glob<string>('../../scenarios/rules/*.yaml', {
  query: '?raw',
  import: 'default',
  eager: true,
});

function asFiles(texts: Record<string, string>) {
  return Object.entries(texts)
    .map(([path, text]) => ({ file: path.replace(/^(\.\.\/)+/, ''), text }))
    .sort((a, b) => a.file.localeCompare(b.file));
}

export const catalogFiles: CatalogFiles = {
  scenarios: asFiles(scenarioTexts),
  rules: asFiles(ruleTexts),
};

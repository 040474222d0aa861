/**
 * npm run eval [-- FILE]   (default tests/fixtures/replies.jsonl)
 * Precision, recall, F1 and support per tag plus the micro average, then every misclassified
 * reply (id, text, expected vs got) so rule authors can fix their phrases.
 */
import { readFileSync } from 'node:fs';
import { evaluateAnalyzer, parseLabelledReplies, type Score } from '../src/core/eval';
import { TAGS } from '../src/core/tags';
import { formatLoadError } from '../src/core/yaml-source';
import { analysisContextOf } from '../src/core/analysis-context';
import { createNodeAnalyzer } from '../src/node/node-rules';
import { loadNodeScenarios } from '../src/node/node-scenarios';

const file = process.argv[2] ?? 'tests/fixtures/replies.jsonl';
const { analyzer, errors } = await createNodeAnalyzer();
for (const error of errors) console.error(`rule error: ${formatLoadError(error)}`);
const { replies, problems } = parseLabelledReplies(readFileSync(file, 'utf8'));
for (const problem of problems) console.error(`${file}:${problem.line}: ${problem.message}`);

const { scenarios } = loadNodeScenarios();
const report = evaluateAnalyzer(analyzer, replies, (id) => {
  const scenario = scenarios.find((candidate) => candidate.id === id);
  return scenario ? analysisContextOf(scenario) : undefined;
});

const percent = (value: number): string => (value * 100).toFixed(1).padStart(6);
const row = (name: string, score: Score): string =>
  `${name.padEnd(18)} ${percent(score.precision)} ${percent(score.recall)} ${percent(score.f1)} ${String(score.support).padStart(7)}` +
  `   tp ${score.truePositives} fp ${score.falsePositives} fn ${score.falseNegatives}`;

console.log(`${replies.length} replies, ${analyzer.rules.length} rules (${file})\n`);
console.log(
  `${'tag'.padEnd(18)} ${'prec%'.padStart(6)} ${'rec%'.padStart(6)} ${'F1%'.padStart(6)} support`,
);
for (const tag of TAGS) console.log(row(tag, report.perTag[tag]));
console.log(row('micro avg', report.micro));
console.log(
  `macro F1 ${percent(report.macroF1)}   exact tag set ${percent(report.exactSets)} % of replies`,
);

console.log(`\n${report.misclassified.length} misclassified:`);
for (const miss of report.misclassified) {
  const parts = [
    miss.missing.length > 0 ? `missing ${miss.missing.join(',')}` : '',
    miss.extra.length > 0 ? `extra ${miss.extra.join(',')}` : '',
  ].filter(Boolean);
  const rules = analyzer
    .analyze(miss.text)
    .spans.filter((span) => miss.extra.includes(span.tag))
    .map((span) => `${span.ruleId}「${miss.text.slice(span.start, span.end)}」`);
  console.log(`- ${miss.id} ${miss.text}`);
  console.log(
    `    expected [${miss.expected.join(', ')}] got [${miss.got.join(', ')}]: ${parts.join('; ')}` +
      (rules.length > 0 ? `  by ${rules.join(' ')}` : ''),
  );
}
if (errors.length > 0 || problems.length > 0) process.exitCode = 2;

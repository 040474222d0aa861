import { readdirSync, readFileSync } from 'node:fs';
import { loadCatalog } from './src/server/catalog';
import { scoringCatalogOf } from './src/server/published-catalog';
import { rescoreWith } from './src/server/rescore';
const catalog = await loadCatalog();
const scoring = scoringCatalogOf(catalog, []);
const base = 'tests/fixtures/calibration/';
const convs = readdirSync(base).flatMap((d) => readdirSync(base + d).filter((f) => f.endsWith('.json')).map((f) => JSON.parse(readFileSync(`${base}${d}/${f}`, 'utf8'))));
const lens = convs.flatMap((c) => c.replies.map((r: { text: string }) => r.text.length));
console.log('conversations', convs.length, 'replies/conv', (lens.length / convs.length).toFixed(2), 'mean len', (lens.reduce((a, b) => a + b) / lens.length).toFixed(1));
const suffix = process.argv[2] === 'unique';
let turns = 0;
function one(seed: number) {
  const c = convs[seed % convs.length];
  const replies = c.replies.map((r: { text: string; afterMs: number }) => ({ text: suffix ? `${r.text}（单号${seed}）` : r.text, afterMs: r.afterMs }));
  const r = rescoreWith(scoring, { scenarioId: c.scenarioId, mode: c.mode, replies, revision: 0, items: [] })!;
  turns += r.reportJson.length;
}
for (let i = 0; i < 600; i++) one(i + 100000);
turns = 0;
const N = 2000; const c0 = process.cpuUsage(); const t0 = performance.now();
for (let i = 0; i < N; i++) one(i);
const c = process.cpuUsage(c0);
console.log(process.argv[2], 'wall ms/attempt', ((performance.now() - t0) / N).toFixed(3), 'cpu', ((c.user + c.system) / 1000 / N).toFixed(3), 'report chars', (turns / N).toFixed(0));

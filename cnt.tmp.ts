import { readdirSync, readFileSync } from 'node:fs';
import { loadCatalog } from './src/server/catalog';
(globalThis as any).C = {};
const catalog = await loadCatalog();
const base = 'tests/fixtures/calibration/';
const texts = readdirSync(base).flatMap((d) => readdirSync(base + d).map((f) => JSON.parse(readFileSync(`${base}${d}/${f}`, 'utf8')))).flatMap((c: any) => c.replies.map((r: any) => r.text));
const C = ((globalThis as any).C = { can: 0, holds: 0, all: 0, groups: 0, firstFail: 0 });
for (const t of texts) catalog.analyzer.analyze(t + 'x', { situation: 'failure' });
for (const [k, v] of Object.entries(C)) console.log(k, (v / texts.length).toFixed(1));

/**
 * npm run bench:server — 200 simulated trainees submit re-scored attempts to the server at once
 * (POST /api/attempts) and print throughput, p50/p99 latency and a count proving none was lost
 * or duplicated. On PostgreSQL when BENCH_DATABASE_URL is set, else on the embedded database in
 * a temporary folder. Prints figures; asserts nothing about time.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../src/server/app';
import { loadCatalog } from '../src/server/catalog';
import { readConfig } from '../src/server/config';
import { openDatabase } from '../src/server/database';
import { bindDevice, importRoster } from '../src/server/people';

const TRAINEES = Number(process.env.TRAINEES ?? 200);
const ATTEMPTS_EACH = Number(process.env.ATTEMPTS_EACH ?? 5);
const SCENARIOS = ['complaint-late-delivery', 'spin-office-printer', 'value-add-rice-delivery'];
const REPLIES = [
  '真是不好意思，让您久等了，换成我也着急。',
  '您能说说现在具体是什么情况吗？',
  '我马上给您安排，今天下午就处理好，办完我给您回个电话。',
  '您看这样安排可以吗？还有什么需要我们做的？',
];

const dataDir = mkdtempSync(join(tmpdir(), 'servicedojo-bench-'));
const config = readConfig({
  DATA_DIR: dataDir,
  ...(process.env.BENCH_DATABASE_URL ? { DATABASE_URL: process.env.BENCH_DATABASE_URL } : {}),
});
const db = await openDatabase(config);
await db.query('delete from attempts');
// Each simulated trainee is on the roster and has joined a device, as in a real company.
const people = await importRoster(
  db,
  Array.from({ length: TRAINEES }, (_, index) => ({
    name: `学员${index}`,
    employeeNo: `B${index}`,
    department: `门店${index % 20}`,
  })),
  undefined,
  '',
);
const deviceTokens = await Promise.all(
  people.map(async (person) => (await bindDevice(db, person.id)).deviceToken),
);
const catalog = await loadCatalog();
const app = await buildServer({ db, catalog, rateLimit: 1_000_000 });
await app.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.address();
const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;

const latencies: number[] = [];
let failures = 0;

async function trainee(index: number): Promise<void> {
  for (let n = 0; n < ATTEMPTS_EACH; n++) {
    const body = JSON.stringify({
      id: `bench-${index}-${n}`,
      scenarioId: SCENARIOS[(index + n) % SCENARIOS.length],
      mode: 'exam',
      startedAt: Date.UTC(2026, 11, 1) + index * 1000 + n,
      replies: REPLIES.map((text, i) => ({ text, afterMs: 5_000 + i * 1_000 })),
    });
    const started = performance.now();
    const response = await fetch(`${url}/api/attempts`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${deviceTokens[index]}`,
      },
      body,
    });
    await response.arrayBuffer();
    latencies.push(performance.now() - started);
    if (response.status !== 201) failures += 1;
  }
}

const started = performance.now();
await Promise.all(Array.from({ length: TRAINEES }, (_, i) => trainee(i)));
const seconds = (performance.now() - started) / 1000;
const [counts] = await db.query<{ n: number; ids: number }>(
  'select count(*)::int as n, count(distinct id)::int as ids from attempts',
);
await app.close();
await db.close();
rmSync(dataDir, { recursive: true, force: true });

latencies.sort((a, b) => a - b);
const at = (q: number) =>
  latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0;
const sent = TRAINEES * ATTEMPTS_EACH;
console.log(
  `bench:server — ${TRAINEES} trainees × ${ATTEMPTS_EACH} attempts on ${db.kind === 'postgres' ? 'PostgreSQL' : 'the embedded database'}`,
);
console.log(
  `  throughput      ${(sent / seconds).toFixed(0)} attempts/s (${sent} in ${seconds.toFixed(1)} s)`,
);
console.log(`  latency         p50 ${at(0.5).toFixed(1)} ms   p99 ${at(0.99).toFixed(1)} ms`);
console.log(
  `  stored          ${counts?.n} rows, ${counts?.ids} distinct ids, ${failures} failed requests (sent ${sent})`,
);

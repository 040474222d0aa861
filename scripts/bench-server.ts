/**
 * npm run bench:server — 200 simulated trainees submit re-scored attempts to the server
 * (POST /api/attempts), first all at once (the most it takes), then together at OFFERED_RATE
 * attempts a second (latency at that load), and print throughput, p50/p99 latency and a count
 * proving none was lost or duplicated; then the HR completion matrix over 1,000,000 seeded attempts (MATRIX_ATTEMPTS).
 * On PostgreSQL when DATABASE_URL (or BENCH_DATABASE_URL) is set, else on the embedded database in
 * a temporary folder; WORKERS and PROCESSES as for npm start (PROCESSES > 1: server processes
 * forked as npm start forks them, each this file again with BENCH_SERVER=1). The trainees run in
 * one child process (this file again, BENCH_TRAINEES_FOR=<url>) that keeps its connections from
 * phase to phase, as devices keep theirs, so the CPU the server spent per attempt (every process
 * and thread) is measured apart from theirs: on a shared machine it says more than the wall clock.
 * Prints figures; asserts nothing about time.
 */
import { fork } from 'node:child_process';
import cluster from 'node:cluster';
import { connect } from 'node:net';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../src/server/app';
import { loadCatalog } from '../src/server/catalog';
import { readConfig } from '../src/server/config';
import { openDatabase } from '../src/server/database';
import { bindDevice, createStaff, importRoster } from '../src/server/people';
import { answerSupervisor, forkServerProcesses } from '../src/server/processes';

const TRAINEES = Number(process.env.TRAINEES ?? 200);
const ATTEMPTS_EACH = Number(process.env.ATTEMPTS_EACH ?? 5);

/** A conversation as the expert-graded sets in tests/fixtures/calibration keep it. */
interface Conversation {
  scenarioId: string;
  mode: string;
  replies: { text: string; afterMs: number }[];
}

/**
 * What the simulated trainees send: the 420 conversations people wrote for the calibration sets
 * (every scenario, good and bad, about five replies of some 47 characters). Real trainees never
 * send the same reply twice, and the analyzer keeps recent short texts, so each reply of each
 * attempt gets its own order number (单号) and the server analyses every reply anew.
 */
function conversations(): Conversation[] {
  const root = new URL('../tests/fixtures/calibration/', import.meta.url);
  return readdirSync(root).flatMap((set) =>
    readdirSync(new URL(`${set}/`, root))
      .filter((name) => name.endsWith('.json'))
      .map(
        (name) => JSON.parse(readFileSync(new URL(`${set}/${name}`, root), 'utf8')) as Conversation,
      ),
  );
}

/** Attempt `n` of the trainee `index` in phase `rate`: a conversation, with replies of its own. */
function attemptOf(all: readonly Conversation[], rate: number, index: number, n: number) {
  const conversation = all[(index * 7 + n) % all.length] as Conversation;
  const id = `bench-${rate}-${index}-${n}`;
  return {
    id,
    scenarioId: conversation.scenarioId,
    mode: conversation.mode,
    startedAt: Date.UTC(2026, 11, 1) + index * 1000 + n,
    replies: conversation.replies.map((reply, turn) => ({
      text: `${reply.text}（单号${rate}${index}${n}${turn}）`,
      afterMs: reply.afterMs,
    })),
  };
}

interface TraineesResult {
  latencies: number[];
  failures: number;
  seconds: number;
}

/** Attempts per second offered in the second phase (the goal: ≥ 300 with p99 < 100 ms). */
const OFFERED_RATE = Number(process.env.OFFERED_RATE ?? 300);
const OFFERED_SECONDS = Number(process.env.OFFERED_SECONDS ?? 10);

/**
 * One trainee's keep-alive HTTP/1.1 connection, as light as a load generator should be (the
 * trainees share this machine's two cores with the server and PostgreSQL; node:http spent as
 * much CPU per request as a quarter of the server's): `post` writes a request built beforehand
 * and answers the response's status once its whole body has arrived.
 */
interface Connection {
  connected: Promise<void>;
  post(request: Buffer): Promise<number>;
  close(): void;
}

function connection(url: URL): Connection {
  const socket = connect(Number(url.port), url.hostname);
  socket.setNoDelay(true);
  const connected = new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  let received = Buffer.alloc(0);
  let waiting: ((status: number) => void) | undefined;
  const fail = () => {
    waiting?.(0);
    waiting = undefined;
  };
  socket.on('error', fail);
  socket.on('close', fail);
  socket.on('data', (chunk) => {
    received = received.length === 0 ? chunk : Buffer.concat([received, chunk]);
    const headEnd = received.indexOf('\r\n\r\n');
    if (headEnd < 0) return;
    const head = received.subarray(0, headEnd).toString('latin1');
    const length = Number(/\r\ncontent-length: *(\d+)/i.exec(head)?.[1] ?? 0);
    if (received.length < headEnd + 4 + length) return;
    received = received.subarray(headEnd + 4 + length);
    const status = Number(head.slice(9, 12));
    const done = waiting;
    waiting = undefined;
    done?.(status);
  });
  return {
    connected,
    post: (request) =>
      new Promise((resolve) => {
        waiting = resolve;
        socket.write(request);
      }),
    close: () => socket.destroy(),
  };
}

/** What the trainees' process is asked: a phase at `rate` (0: all at once; -1: the warm-up). */
interface PhaseRequest {
  rate: number;
}

/**
 * In the child: the simulated trainees, each on its own keep-alive connection, opened before the
 * first phase and kept. `rate` 0 (or -1, the warm-up, one attempt each): every trainee submits
 * ATTEMPTS_EACH attempts one after another, all at once (the most the server takes); else the
 * trainees together offer `rate` attempts a second for OFFERED_SECONDS, each at its own steady
 * pace (latency at that load, not behind a queue of 200).
 */
async function trainees(url: string, deviceTokens: readonly string[]): Promise<void> {
  const target = new URL(url);
  const all = conversations();
  const connections = deviceTokens.map(() => connection(target));
  await Promise.all(connections.map((open) => open.connected));

  async function phase(rate: number): Promise<TraineesResult> {
    const latencies: number[] = [];
    let failures = 0;
    const each =
      rate === -1
        ? 1
        : rate === 0
          ? ATTEMPTS_EACH
          : Math.round((rate * OFFERED_SECONDS) / TRAINEES);
    // Every request is written before the clock starts: the trainees' own work stays small.
    const requests = deviceTokens.map((token, index) =>
      Array.from({ length: each }, (_, n) => {
        const body = Buffer.from(JSON.stringify(attemptOf(all, rate, index, n)));
        const head =
          `POST /api/attempts HTTP/1.1\r\nHost: ${target.host}\r\n` +
          `Content-Type: application/json\r\nContent-Length: ${body.length}\r\n` +
          `Authorization: Bearer ${token}\r\n\r\n`;
        return Buffer.concat([Buffer.from(head, 'latin1'), body]);
      }),
    );
    const post = async (index: number, n: number) => {
      const started = performance.now();
      const status = await (connections[index] as Connection).post(requests[index]?.[n] as Buffer);
      latencies.push(performance.now() - started);
      if (status !== 201) failures += 1;
    };
    const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const gap = rate <= 0 ? 0 : (1000 * TRAINEES) / rate;
    const startedAt = performance.now();
    async function trainee(index: number): Promise<void> {
      // Paced trainees start spread over one gap, so the load is even from the first second.
      if (gap > 0) await sleep((gap * index) / TRAINEES);
      for (let n = 0; n < each; n++) {
        const due = startedAt + (gap * index) / TRAINEES + n * gap;
        await post(index, n);
        if (gap > 0 && n < each - 1) await sleep(Math.max(0, due + gap - performance.now()));
      }
    }
    await Promise.all(Array.from({ length: TRAINEES }, (_, i) => trainee(i)));
    return { latencies, failures, seconds: (performance.now() - startedAt) / 1000 };
  }

  process.on('message', (message: PhaseRequest | 'stop') => {
    if (message === 'stop') {
      for (const open of connections) open.close();
      process.exit(0);
    }
    void phase(message.rate).then((result) => process.send?.(result));
  });
  process.send?.('ready');
}

if (process.env.BENCH_TRAINEES_FOR) {
  await trainees(process.env.BENCH_TRAINEES_FOR, (process.env.BENCH_TOKENS ?? '').split(','));
} else if (cluster.isWorker && process.env.BENCH_SERVER) {
  // A server process PROCESSES > 1 forked: the server as npm start runs it, without a rate limit.
  const config = readConfig();
  const db = await openDatabase(config);
  const app = await buildServer({
    db,
    catalog: await loadCatalog(),
    rateLimit: 1_000_000,
    workers: config.workers,
  });
  answerSupervisor();
  process.on('SIGTERM', () => void app.close().then(() => db.close().then(() => process.exit(0))));
  await app.listen({ port: 0, host: '127.0.0.1' });
} else {
  await benchmark();
}

async function benchmark(): Promise<void> {
  const databaseUrl = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  const dataDir = mkdtempSync(join(tmpdir(), 'servicedojo-bench-'));
  const config = readConfig({
    DATA_DIR: dataDir,
    WORKERS: process.env.WORKERS,
    PROCESSES: process.env.PROCESSES,
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
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
  // One server process on this one's thread, as before; or PROCESSES forked as npm start forks them.
  const processes =
    config.processes > 1
      ? forkServerProcesses(config.processes, {
          exec: process.argv[1],
          env: {
            BENCH_SERVER: '1',
            DATABASE_URL: databaseUrl ?? '',
            WORKERS: String(config.workers),
          },
        })
      : undefined;
  const app = processes
    ? undefined
    : await buildServer({
        db,
        catalog: await loadCatalog(),
        rateLimit: 1_000_000,
        workers: config.workers,
      });
  let port = 0;
  if (app) {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    port = typeof address === 'object' && address ? address.port : 0;
  } else if (processes) {
    port = await processes.listening;
  }
  const url = `http://127.0.0.1:${port}`;
  /** The CPU time the server has used so far, ms: this process, or every server process. */
  const serverCpuMs = async () => {
    if (processes) return processes.cpuMs();
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };

  /** The simulated trainees, in one child process kept for every phase. */
  const traineesProcess = fork(process.argv[1]!, {
    env: { ...process.env, BENCH_TRAINEES_FOR: url, BENCH_TOKENS: deviceTokens.join(',') },
  });
  await new Promise<void>((resolve, reject) => {
    traineesProcess.once('message', () => resolve());
    traineesProcess.once('error', reject);
  });
  traineesProcess.once('exit', (code) => {
    if (code !== 0) throw new Error(`the trainees' process stopped with ${code}`);
  });
  function runTrainees(rate: number): Promise<TraineesResult> {
    return new Promise((resolve) => {
      traineesProcess.once('message', (result) => resolve(result as TraineesResult));
      traineesProcess.send({ rate } satisfies PhaseRequest);
    });
  }

  // A warm-up, not counted: one attempt from each trainee (the code gets compiled everywhere).
  await runTrainees(-1);
  await db.query('delete from attempts');
  await db.query('delete from best_scores');

  /** One phase: its latencies, the server's CPU and what was stored (every attempt once?). */
  async function phase(rate: number) {
    const cpuBefore = await serverCpuMs();
    const result = await runTrainees(rate);
    const cpuMs = (await serverCpuMs()) - cpuBefore;
    const [counts] = await db.query<{ n: number; ids: number }>(
      `select count(*)::int as n, count(distinct id)::int as ids from attempts
     where id like 'bench-' || $1 || '-%'`,
      [String(rate)],
    );
    result.latencies.sort((a, b) => a - b);
    const at = (q: number) =>
      result.latencies[
        Math.min(result.latencies.length - 1, Math.floor(q * result.latencies.length))
      ] ?? 0;
    const sent = result.latencies.length;
    return {
      sent,
      seconds: result.seconds,
      p50: at(0.5),
      p99: at(0.99),
      cpuMs: cpuMs / sent,
      load: loadavg()[0] ?? 0,
      stored: `${counts?.n} rows, ${counts?.ids} distinct ids, ${result.failures} failed requests (sent ${sent})`,
    };
  }
  // Most the server takes: every trainee at once, back to back (latency is the queue of 200).
  const capacity = await phase(0);
  // Latency at the goal's load: the trainees together offer OFFERED_RATE attempts a second.
  const offered = await phase(OFFERED_RATE);

  // The HR matrix over MATRIX_ATTEMPTS seeded attempts of MATRIX_PEOPLE roster people (seeded in
  // SQL, then the best-score summary built the way the submit path keeps it).
  const matrixAttempts = Number(process.env.MATRIX_ATTEMPTS ?? 1_000_000);
  const matrixPeople = Number(process.env.MATRIX_PEOPLE ?? 3_000);
  await importRoster(
    db,
    Array.from({ length: matrixPeople }, (_, index) => ({
      name: `员工${index}`,
      employeeNo: `M${index}`,
      department: `门店${index % 200}`,
    })),
    undefined,
    '',
  );
  const seedStarted = performance.now();
  const BATCH = 100_000;
  for (let from = 0; from < matrixAttempts; from += BATCH) {
    await db.query(
      `with ids as (select array_agg(id order by id) as a from people where employee_no like 'M%')
     insert into attempts (id, person_id, employee_no, name, department, scenario_id,
       scenario_version, mode, started_at, score, passed, replies, report)
     select 'seed-' || g, ids.a[1 + g % $3], 'M' || (g % $3), '员工', '门店',
       (array['complaint-late-delivery', 'spin-office-printer', 'value-add-rice-delivery',
              'complaint-broken-aircon', 'returns-winback'])[1 + (g / $3) % 5],
       1, 'exam', timestamptz '2026-01-01' + g * interval '1 second',
       (g::bigint * 7919) % 101, (g::bigint * 7919) % 101 >= 70, '[]', '{}'
     from generate_series($1::int, $2::int) g, ids`,
      [from, Math.min(matrixAttempts, from + BATCH) - 1, matrixPeople],
    );
  }
  await db.query(
    `insert into best_scores as b (person_id, scenario_id, best_score, passed, attempts, last_at)
   select person_id, scenario_id, max(score), bool_or(passed), count(*), max(started_at)
   from attempts where id like 'seed-%' group by person_id, scenario_id
   on conflict (person_id, scenario_id) do update set best_score = excluded.best_score,
     passed = excluded.passed, attempts = excluded.attempts, last_at = excluded.last_at`,
  );
  const seedSeconds = (performance.now() - seedStarted) / 1000;
  await createStaff(db, { login: 'bench-hr', name: 'HR', role: 'hr', password: 'bench password' });
  const signIn = await fetch(`${url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login: 'bench-hr', password: 'bench password' }),
  });
  const cookie = signIn.headers.get('set-cookie')?.split(';')[0] ?? '';
  const matrixTimes: number[] = [];
  let matrixPeopleShown = 0;
  let matrixColumns = 0;
  for (let run = 0; run < 5; run++) {
    const startedAt = performance.now();
    const response = await fetch(`${url}/api/matrix`, { headers: { cookie } });
    const matrix = (await response.json()) as { headcount: number; scenarios: unknown[] };
    matrixTimes.push(performance.now() - startedAt);
    matrixPeopleShown = matrix.headcount;
    matrixColumns = matrix.scenarios.length;
  }
  const [seeded] = await db.query<{ n: number }>('select count(*)::int as n from attempts');
  await db.query("delete from attempts where id like 'seed-%'");
  await db.query("delete from people where employee_no like 'M%' or login = 'bench-hr'");
  traineesProcess.send('stop');
  await app?.close();
  await processes?.stop();
  await db.close();
  rmSync(dataDir, { recursive: true, force: true });

  const where = db.kind === 'postgres' ? 'PostgreSQL' : 'the embedded database';
  console.log(
    `bench:server — ${TRAINEES} simulated trainees on ${where}, PROCESSES=${config.processes}, WORKERS=${config.workers}`,
  );
  for (const [name, result] of [
    ['all at once', capacity],
    [`${OFFERED_RATE}/s offered`, offered],
  ] as const) {
    console.log(
      `  ${name.padEnd(15)} ${(result.sent / result.seconds).toFixed(0)} attempts/s (${result.sent} in ${result.seconds.toFixed(1)} s); latency p50 ${result.p50.toFixed(1)} ms, p99 ${result.p99.toFixed(1)} ms`,
    );
    console.log(
      `  ${''.padEnd(15)} server CPU ${result.cpuMs.toFixed(2)} ms per attempt (every process and thread; load average ${result.load.toFixed(1)} on ${availableParallelism()} cores); stored ${result.stored}`,
    );
  }
  matrixTimes.sort((a, b) => a - b);
  console.log(
    `  HR matrix       ${matrixPeopleShown} people × ${matrixColumns} scenarios over ${seeded?.n} attempts: median ${matrixTimes[2]?.toFixed(0)} ms (best ${matrixTimes[0]?.toFixed(0)} ms; seeding took ${seedSeconds.toFixed(0)} s)`,
  );
}

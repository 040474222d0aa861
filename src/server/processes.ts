/**
 * PROCESSES > 1: several server processes share one port through node:cluster, so one machine's
 * cores all serve requests. The first process only supervises: it forks the others, forks a new
 * one when one dies, and stops them all when asked. Each process runs the whole server on its own
 * connection pool; they share nothing but the database (sessions and queues live there, and
 * recent-devices.ts keeps only what the database checks again), as processes on several machines
 * behind a load balancer would.
 */
import cluster, { type Worker } from 'node:cluster';

/** What the supervisor asks a server process, and the answer's type. */
const CPU_QUESTION = 'servicedojo:cpu';
const CPU_ANSWER = 'servicedojo:cpu-ms';

export interface ServerProcesses {
  /** The port they share, once every process listens; rejects if one stopped before it did. */
  listening: Promise<number>;
  /** The CPU time (user and system, ms, every thread) the server processes have used so far. */
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

/**
 * Forks `count` server processes: `exec` (default: this program again) run with `env` added.
 * Each must call answerSupervisor() and listen; a process that dies after it listened is replaced.
 */
export function forkServerProcesses(
  count: number,
  options: { exec?: string; env?: Record<string, string>; log?: (line: string) => void } = {},
): ServerProcesses {
  const { log = (line) => process.stderr.write(`${line}\n`) } = options;
  if (options.exec) cluster.setupPrimary({ exec: options.exec });
  const listeningWorkers = new Set<Worker>();
  let stopping = false;
  let settle: { resolve(port: number): void; reject(error: Error): void } | undefined;
  const listening = new Promise<number>((resolve, reject) => (settle = { resolve, reject }));

  const fork = (): void => {
    const worker = cluster.fork(options.env);
    worker.on('listening', ({ port }) => {
      listeningWorkers.add(worker);
      if (listeningWorkers.size === count) settle?.resolve(port);
    });
    worker.on('exit', (code, signal) => {
      const listened = listeningWorkers.delete(worker);
      if (stopping) return;
      if (!listened) {
        // Dying before it listened (a wrong setting, a port in use) would only die again.
        settle?.reject(new Error(`a server process stopped before it listened (exit ${code})`));
        return;
      }
      log(
        `servicedojo: server process ${worker.process.pid} stopped (${signal ?? code}); starting another`,
      );
      fork();
    });
  };
  for (let started = 0; started < count; started++) fork();

  return {
    listening,
    async cpuMs() {
      const answers = await Promise.all(
        alive().map(
          (worker) =>
            new Promise<number>((resolve) => {
              const onMessage = (message: unknown) => {
                if (!isCpuAnswer(message)) return;
                worker.off('message', onMessage);
                resolve(message.ms);
              };
              worker.on('message', onMessage);
              worker.send(CPU_QUESTION);
            }),
        ),
      );
      return answers.reduce((sum, ms) => sum + ms, 0);
    },
    async stop() {
      stopping = true;
      await Promise.all(
        alive().map(
          (worker) =>
            new Promise<void>((resolve) => {
              if (worker.isDead()) return resolve();
              worker.once('exit', () => resolve());
              worker.process.kill('SIGTERM');
            }),
        ),
      );
    },
  };
}

const alive = (): Worker[] =>
  Object.values(cluster.workers ?? {}).filter((worker) => worker !== undefined);

function isCpuAnswer(message: unknown): message is { type: string; ms: number } {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { type?: unknown }).type === CPU_ANSWER &&
    typeof (message as { ms?: unknown }).ms === 'number'
  );
}

/** In a server process the supervisor forked: answers its questions (the CPU used so far). */
export function answerSupervisor(): void {
  if (!cluster.isWorker) return;
  process.on('message', (message) => {
    if (message !== CPU_QUESTION) return;
    const { user, system } = process.cpuUsage();
    process.send?.({ type: CPU_ANSWER, ms: (user + system) / 1000 });
  });
}

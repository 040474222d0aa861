/** Server processes for the end-to-end tests: started on a free port, waited for, stopped. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

export interface Running {
  url: string;
  process: ChildProcess;
  output: () => string;
}

/** `npm start`'s server on a free port; `settings` is DATABASE_URL or DATA_DIR. */
export async function startServer(settings: Record<string, string>): Promise<Running> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', ...settings },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { url: `http://127.0.0.1:${port}`, process: child, output: () => output };
}

/** GET /api/health once the server answers (it fails with the server's output if it stopped). */
export async function healthOf(server: Running): Promise<unknown> {
  for (let i = 0; i < 120; i++) {
    try {
      // A connection handed to a process as it died is never answered: ask again.
      const response = await fetch(`${server.url}/api/health`, {
        signal: AbortSignal.timeout(5_000),
      });
      if (response.ok) return response.json();
    } catch {
      // not listening yet, or no answer
    }
    if (server.process.exitCode !== null) throw new Error(`server stopped: ${server.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`server did not answer: ${server.output()}`);
}

/** Stops the servers and waits until each has exited. */
export async function stopServers(servers: readonly Running[]): Promise<void> {
  for (const server of servers) server.process.kill('SIGTERM');
  await Promise.all(
    servers.map(
      (server) =>
        new Promise((resolve) =>
          server.process.exitCode !== null ? resolve(null) : server.process.once('exit', resolve),
        ),
    ),
  );
}

/** npm run server:admin with the server's settings and the password from the environment. */
export function createAdmin(settings: Record<string, string>, login: string, password: string) {
  const created = spawnSync(
    process.execPath,
    ['--import', 'tsx', 'src/server/admin.ts', '--login', login, '--name', '管理员'],
    {
      env: { ...process.env, ...settings, SERVICEDOJO_ADMIN_PASSWORD: password },
      encoding: 'utf8',
    },
  );
  if (created.status !== 0) throw new Error(`server:admin failed: ${created.stderr}`);
}

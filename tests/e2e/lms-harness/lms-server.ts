/**
 * The e2e stand-in for a company's platforms, on 127.0.0.1:
 *   /                 harness.html, the LMS page (scorm-again) that frames the package
 *   /sco/...          the files of a SCORM zip, served from memory
 *   /cmi?key=         what the LMS keeps per activity (PUT on commit, GET at launch)
 *   /xapi/statements  a learning record store that checks every statement with
 *                     xapi-validation, stores it by id, counts deliveries, and can go down
 */
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { extname } from 'node:path';
import { unzipSync } from 'fflate';
import * as validation from 'xapi-validation';

type Validate = (statement: unknown) => unknown[];
const moduleDefault = (validation as unknown as { default: Validate | { default: Validate } })
  .default;
const validate: Validate =
  typeof moduleDefault === 'function' ? moduleDefault : moduleDefault.default;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json',
};

export interface LrsLog {
  /** Statements stored, by id. */
  stored: Map<string, unknown>;
  /** How many times each id was delivered in a successful request. */
  deliveries: Map<string, number>;
  /** Validator complaints, per statement id. */
  invalid: Map<string, unknown[]>;
  /** Requests refused while down. */
  refused: number;
}

export interface LmsHarness {
  url: string;
  lrs: LrsLog;
  /** Whether the LRS answers; down drops the connection, as an unreachable server would. */
  setLrsUp: (up: boolean) => void;
  /** Files of the package (from imsmanifest.xml down). */
  packageFiles: string[];
  /** The text of a file of the package. */
  packageText: (file: string) => string;
  /** What the LMS holds of an activity ("2004 index.html?scenario=…"), as the SCO last committed it. */
  kept: (scorm: string, launch: string) => Record<string, unknown> | undefined;
  close: () => Promise<void>;
}

async function body(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** Starts the harness for one SCORM package (a zip made by scripts/build-scorm.ts). */
export async function startLmsHarness(zipPath: string): Promise<LmsHarness> {
  const files = unzipSync(readFileSync(zipPath));
  const harness = readFileSync(new URL('./harness.html', import.meta.url));
  const scormAgain = readFileSync('node_modules/scorm-again/dist/scorm-again.min.js');
  const lrs: LrsLog = { stored: new Map(), deliveries: new Map(), invalid: new Map(), refused: 0 };
  let up = true;
  const cmi = new Map<string, Record<string, unknown>>();

  const lrsRequest = async (request: IncomingMessage, response: ServerResponse) => {
    if (!up) {
      lrs.refused += 1;
      request.socket.destroy();
      return;
    }
    if (request.method !== 'POST') {
      response.writeHead(405).end();
      return;
    }
    const parsed = JSON.parse(await body(request)) as unknown;
    const statements = (Array.isArray(parsed) ? parsed : [parsed]) as { id?: string }[];
    for (const statement of statements) {
      const id = statement.id ?? 'missing-id';
      const problems = validate(statement);
      if (problems.length > 0) lrs.invalid.set(id, problems);
      lrs.deliveries.set(id, (lrs.deliveries.get(id) ?? 0) + 1);
      if (!lrs.stored.has(id)) lrs.stored.set(id, statement);
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(statements.map((s) => s.id)));
  };

  const server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    if (path.startsWith('/xapi/statements')) {
      void lrsRequest(request, response);
      return;
    }
    if (path === '/cmi') {
      const key = new URL(request.url ?? '/', 'http://x').searchParams.get('key') ?? '';
      if (request.method === 'PUT') {
        void body(request).then((text) => {
          cmi.set(key, JSON.parse(text) as Record<string, unknown>);
          response.writeHead(204).end();
        });
        return;
      }
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify(cmi.get(key) ?? null));
      return;
    }
    if (path === '/' || path === '/harness.html') {
      response.writeHead(200, { 'content-type': TYPES['.html'] }).end(harness);
      return;
    }
    if (path === '/scorm-again.js') {
      response.writeHead(200, { 'content-type': TYPES['.js'] }).end(scormAgain);
      return;
    }
    if (path.startsWith('/sco/')) {
      const file = files[path.slice('/sco/'.length) || 'index.html'];
      if (file) {
        response
          .writeHead(200, {
            'content-type': TYPES[extname(path)] ?? 'application/octet-stream',
            'cache-control': 'no-store',
          })
          .end(file);
        return;
      }
    }
    response.writeHead(404).end('not found');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    lrs,
    setLrsUp: (value) => {
      up = value;
    },
    packageFiles: Object.keys(files),
    packageText: (file) => new TextDecoder().decode(files[file]),
    kept: (scorm, launch) => cmi.get(`${scorm} ${launch}`),
    close: () =>
      new Promise((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

/**
 * npm run server:admin -- --login LOGIN --name NAME — creates an administrator in the server's
 * database (the same DATA_DIR / DATABASE_URL as npm start), or sets a new password when that
 * administrator exists. The password is read from SERVICEDOJO_ADMIN_PASSWORD or the first line
 * of standard input (typed at the prompt), never from the command line where `ps` shows it.
 * On the embedded database, run it while the server is stopped: one process at a time opens DATA_DIR.
 */
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { ConfigError, readConfig } from './config';
import { openDatabase } from './database';
import { recordAudit } from './audit';
import { createStaff, PeopleError, setPassword } from './people';
import { MIN_PASSWORD_LENGTH } from './secrets';

function stop(message: string): never {
  process.stderr.write(`server:admin: ${message}\n`);
  process.exit(1);
}

const USAGE = 'usage: npm run server:admin -- --login LOGIN --name NAME';

let args;
try {
  args = parseArgs({
    options: { login: { type: 'string' }, name: { type: 'string' } },
    strict: true,
  }).values;
} catch (error) {
  stop(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
}
const { login, name } = args;
if (!login || !/^[A-Za-z0-9._@-]{2,60}$/.test(login))
  stop(`--login must be 2 to 60 letters, digits or . _ @ -\n${USAGE}`);

async function readPassword(): Promise<string> {
  const fromEnv = process.env.SERVICEDOJO_ADMIN_PASSWORD;
  if (fromEnv) return fromEnv;
  const lines = createInterface({ input: process.stdin, output: process.stdout, terminal: false });
  const answer = await lines.question(`Password for ${login} (at least ${MIN_PASSWORD_LENGTH}): `);
  lines.close();
  return answer.trim();
}

let config;
try {
  config = readConfig();
} catch (error) {
  if (error instanceof ConfigError) stop(error.message);
  throw error;
}
const password = await readPassword();
if (password.length < MIN_PASSWORD_LENGTH)
  stop(`the password must have at least ${MIN_PASSWORD_LENGTH} characters`);

const db = await openDatabase(config);
try {
  const [existing] = await db.query<{ role: string }>('select role from people where login = $1', [
    login,
  ]);
  if (existing) {
    if (existing.role !== 'admin') stop(`"${login}" is a ${existing.role}, not an administrator`);
    await setPassword(db, login, password);
    process.stdout.write(`New password set for the administrator "${login}".\n`);
  } else {
    await db.transaction(async (tx) => {
      const admin = await createStaff(tx, {
        login,
        name: name?.trim() || login,
        role: 'admin',
        password,
      });
      await recordAudit(tx, undefined, 'staff-create', {
        personId: admin.id,
        login,
        role: 'admin',
      });
    });
    process.stdout.write(`Administrator "${login}" created.\n`);
  }
} catch (error) {
  if (error instanceof PeopleError) stop(error.message);
  throw error;
} finally {
  await db.close();
}

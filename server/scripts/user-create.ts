// `npm run user:create -- --email E --role supervisor|admin`: creates the account, or resets its
// password and role. The password comes from EMOVOX_PASSWORD or standard input, never the command line.
import { text } from 'node:stream/consumers';
import { parseArgs } from 'node:util';
import { hashPassword } from '../src/auth/passwords.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/open-database.js';
import { userRepository } from '../src/db/user-repository.js';
import { createLogger } from '../src/logger.js';
import { userCreateSchema } from '../src/protocol/schemas.js';
import { runCli } from './run-cli.js';

const USAGE = 'usage: EMOVOX_PASSWORD=... npm run user:create -- --email E --role supervisor|admin  (or pipe the password on stdin)';

async function readPassword(): Promise<string> {
  // The only env read outside config.ts: a one-shot secret for this CLI, not server configuration.
  const fromEnv = process.env.EMOVOX_PASSWORD;
  if (fromEnv) return fromEnv;
  if (process.stdin.isTTY) console.error('password (then Enter, Ctrl-D):');
  return (await text(process.stdin)).replace(/\r?\n$/, '');
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { email: { type: 'string' }, role: { type: 'string' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help || !values.email || !values.role) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  const input = userCreateSchema.safeParse({ email: values.email, role: values.role, password: await readPassword() });
  if (!input.success) {
    console.error(`${input.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('\n')}\n${USAGE}`);
    return 2;
  }
  const config = loadConfig();
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, { component: 'user-create' });
  const opened = await openDatabase(config, log);
  try {
    const users = userRepository(opened.db.models);
    const existed = (await users.findByEmail(input.data.email)) !== null;
    const user = await users.upsert(input.data.email, await hashPassword(input.data.password), input.data.role);
    console.log(`${existed ? 'updated' : 'created'} ${user.role} ${user.email} (${user.id})`);
    return 0;
  } finally {
    await opened.close();
  }
}

runCli(main);

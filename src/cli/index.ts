import { readFileSync, rmSync } from 'node:fs';
import { Command, InvalidArgumentError } from 'commander';
import { ConfigError, loadConfig, type Config } from '../server/config.js';
import { DatabaseConfigError } from '../server/db/client.js';
import { AppError } from '../server/errors.js';
import {
  StartupError,
  installShutdown,
  localAdminFileFor,
  openAndMigrate,
  pgliteDirFor,
  startServer,
} from '../server/main.js';
import { LOCAL_ADMIN_HEADER } from '../server/modules/users/local-admin.routes.js';
import { createUsersRepo } from '../server/modules/users/users.repo.js';
import { createUsersService } from '../server/modules/users/users.service.js';
import { demoAccounts, seedDemo } from '../server/demo/seed.js';
import { seedDemoCases } from '../server/demo/cases.js';
import { demoResponders, seedDemoNetwork } from '../server/demo/network.js';
import { seedDemoReferrals } from '../server/demo/referrals.js';
import { totpCodeAt } from '../server/modules/auth/totp.js';
import { registerSecurityCommands } from './commands/security.js';
import { isRole, roles, type Role } from '../shared/permissions.js';
import type { NewUserInput } from '../shared/contracts/users.js';
import { randomToken } from '../server/lib/crypto.js';
import { systemClock } from '../server/lib/clock.js';
import { createAudit } from '../server/security/audit.js';

// Everything this process writes (the embedded database, keys, backups) is for its owner only.
process.umask(0o077);

/** One line on stderr and a non-zero exit: what an operator at 3 a.m. needs, no stack trace. */
function fail(err: unknown): never {
  if (err instanceof ConfigError || err instanceof StartupError || err instanceof DatabaseConfigError) {
    console.error(`dharura: ${err.message}`);
  } else if (err instanceof AppError) {
    const fields = err.details?.fields?.map((f) => `${f.path}: ${f.message}`).join('; ');
    console.error(`dharura: ${err.code}${fields ? ` (${fields})` : ''}`);
  } else {
    console.error(`dharura: ${(err as Error)?.message ?? String(err)}`);
  }
  process.exit(1);
}

function config(): Config {
  try {
    return loadConfig();
  } catch (err) {
    fail(err);
  }
}

function parseRoles(value: string, previous: Role[] = []): Role[] {
  const list = value.split(',').map((r) => r.trim());
  for (const r of list) {
    if (!isRole(r)) throw new InvalidArgumentError(`unknown role "${r}"; one of: ${roles.join(', ')}`);
  }
  return [...previous, ...(list as Role[])];
}

/**
 * The server holding the embedded database, when one runs: its local admin endpoint and token (the file
 * it wrote, 0600, at start). On PostgreSQL the CLI goes to the database itself.
 */
function runningServer(cfg: Config): { url: string; token: string } | null {
  if (cfg.DATABASE_URL) return null;
  try {
    const f = JSON.parse(readFileSync(localAdminFileFor(cfg), 'utf8')) as {
      url: string;
      token: string;
      pid: number;
    };
    process.kill(f.pid, 0); // throws when the process is gone (a file left by a crash)
    return f;
  } catch {
    return null;
  }
}

/** Create a user through the running server; the same validation and audit as everywhere else. */
async function addThroughServer(server: { url: string; token: string }, input: NewUserInput) {
  const res = await fetch(`${server.url}/api/local/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', [LOCAL_ADMIN_HEADER]: server.token },
    body: JSON.stringify(input),
  });
  const body = (await res.json().catch(() => ({}))) as {
    email?: string;
    roles?: string[];
    error?: { code: string; fields?: { path: string; message: string }[] };
  };
  if (res.status !== 201) {
    const fields = body.error?.fields?.map((f) => `${f.path}: ${f.message}`).join('; ');
    throw new Error(
      `${body.error?.code ?? `the running server answered ${res.status}`}${fields ? ` (${fields})` : ''}`,
    );
  }
  return { email: body.email!, roles: body.roles! };
}

const program = new Command('dharura')
  .description('Dharura — urgent action and rapid response')
  .showHelpAfterError()
  .configureOutput({ outputError: (str, write) => write(str) });

program
  .command('serve')
  .description('run the server (applies pending migrations first)')
  .action(async () => {
    try {
      const server = await startServer(config());
      installShutdown(server);
      server.app.log.info({ url: server.url }, 'dharura listening');
      console.log(`Dharura is listening on ${server.url}`);
      if (server.setupCode) {
        console.log(
          `\nThis installation has no users yet. Open ${server.url}/setup and enter this one-time set-up code:\n\n    ${server.setupCode}\n`,
        );
      }
    } catch (err) {
      fail(err);
    }
  });

program
  .command('migrate')
  .description('apply pending database migrations and exit')
  .action(async () => {
    try {
      const database = await openAndMigrate(config());
      await database.close();
      console.log('dharura: database is up to date');
    } catch (err) {
      fail(err);
    }
  });

program
  .command('demo')
  .description('run with a fictional demo organisation on its own embedded database')
  .option('--reset', 'start over with fresh demo data (the default)')
  .option('--keep', 'keep the demo data from the previous run instead of starting fresh')
  .action(async (opts: { keep?: boolean; reset?: boolean }) => {
    try {
      const base = config();
      // The demo never touches a configured PostgreSQL or the real embedded database. The gateway
      // callbacks need a secret in their URL: the demo makes one unless one is configured.
      const cfg: Config = Object.freeze({
        ...base,
        DATABASE_URL: undefined,
        AT_CALLBACK_SECRET: base.AT_CALLBACK_SECRET ?? `demo-${randomToken(16)}`,
      });
      if (opts.reset || !opts.keep) rmSync(pgliteDirFor(cfg, 'demo'), { recursive: true, force: true });
      const database = await openAndMigrate(cfg, 'demo');
      const server = await startServer(cfg, { database, pgliteName: 'demo', announceSetup: false });
      installShutdown(server);
      const existing = await server.app.ctx.services.users.list();
      if (existing.length === 0) {
        await seedDemo(server.app.ctx.services);
        await seedDemoCases(server.app.ctx.services);
        await seedDemoNetwork(server.app.ctx.services);
        await seedDemoReferrals(server.app.ctx.services);
      }
      await printDemoGuide(server.url, cfg.AT_CALLBACK_SECRET!, existing.length > 0);
      // Start-up logs (jobs, the first sweeps) scroll the sign-ins away: say them again at the end.
      setTimeout(() => void printDemoGuide(server.url, cfg.AT_CALLBACK_SECRET!, true, true), 4000).unref();
    } catch (err) {
      fail(err);
    }
  });

/** What a newcomer needs to try the demo: where, who to sign in as (with a current code), which phones. */
async function printDemoGuide(url: string, secret: string, kept: boolean, again = false): Promise<void> {
  const now = new Date();
  console.log(`\n${again ? '(again) ' : ''}Dharura demo (fictional data only) is running at ${url}`);
  if (kept && !again) console.log('Kept the previous demo data (start over with --reset).');
  console.log('\nDemo sign-ins. The code is valid now, for about 30 seconds; the secret is fixed, add it to');
  console.log('an authenticator app, or run `node bin/dharura.js demo-code <role>` for a fresh code:');
  for (const a of demoAccounts) {
    const code = await totpCodeAt(a.totpSecret, now);
    console.log(
      `  ${a.role.padEnd(15)} ${a.email.padEnd(34)} ${a.password.padEnd(28)} code ${code}  secret ${a.totpSecret}`,
    );
  }
  console.log("\nDemo responders: play any of them in the console's phone simulator (Simulator page):");
  for (const r of demoResponders) console.log(`  ${r.phone}  ${r.name}`);
  console.log('  Wanjiku is on an escort mission: text "OK <n>" or "DONE <n>"; her SOS cancel PIN is 2468.');
  console.log("\nAfrica's Talking callbacks (set these in the gateway's dashboard for this address):");
  for (const kind of ['sms', 'delivery', 'ussd'])
    console.log(`  ${kind.padEnd(9)} ${url}/api/channels/at/${kind}/${secret}`);
  console.log('\nPress Ctrl+C to stop.');
}

program
  .command('demo-code')
  .description('print the current authenticator code of a demo account (demo accounts only)')
  .argument('[role]', "the demo account's role (default: every demo account)")
  .action(async (role?: string) => {
    const list = demoAccounts.filter((a) => !role || a.role === role);
    if (list.length === 0)
      fail(new Error(`no demo account "${role}"; one of: ${demoAccounts.map((a) => a.role).join(', ')}`));
    for (const a of list) console.log(`${a.role.padEnd(15)} ${await totpCodeAt(a.totpSecret, new Date())}`);
  });

const user = program.command('user').description('manage user accounts');
user
  .command('add')
  .description('create a user; prints a generated password when none is given')
  .requiredOption('--email <email>', 'sign-in email')
  .requiredOption('--name <name>', 'display name')
  .requiredOption(
    '--role <roles>',
    `one or more of: ${roles.join(', ')} (comma-separated or repeated)`,
    parseRoles,
  )
  .option('--password <password>', 'initial password (default: generated; or set DHARURA_PASSWORD)')
  .option('--locale <locale>', 'en or sw', 'en')
  .action(async (opts: { email: string; name: string; role: Role[]; password?: string; locale: string }) => {
    try {
      const cfg = config();
      const password = opts.password ?? process.env.DHARURA_PASSWORD ?? randomToken(12);
      const input: NewUserInput = {
        email: opts.email,
        displayName: opts.name,
        password,
        roles: opts.role,
        locale: opts.locale === 'sw' ? 'sw' : 'en',
      };
      const generated = !opts.password && !process.env.DHARURA_PASSWORD;
      const server = runningServer(cfg);
      if (server) {
        const created = await addThroughServer(server, input);
        console.log(
          `dharura: created ${created.email} (${created.roles.join(', ')}) through the running server`,
        );
        if (generated) console.log(`initial password: ${password}`);
        return;
      }
      const database = await openAndMigrate(cfg);
      const service = createUsersService({
        users: createUsersRepo(database.db),
        audit: createAudit(database.db, systemClock),
        db: database.db,
      });
      try {
        const created = await service.create(input);
        console.log(`dharura: created ${created.email} (${created.roles.join(', ')})`);
        if (generated) console.log(`initial password: ${password}`);
      } finally {
        await database.close();
      }
    } catch (err) {
      fail(err);
    }
  });

registerSecurityCommands(program, config, fail);

await program.parseAsync(process.argv);

import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase } from '../src/server/db/client.js';
import { createJobQueue } from '../src/server/jobs/queue.js';
import { createLogger } from '../src/server/logger.js';
/** The database URL `serverUrl` with another database name. */
export function databaseUrl(serverUrl, name) {
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    return u.toString();
}
export async function withAdmin(serverUrl, fn) {
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    try {
        return await fn(admin);
    }
    finally {
        await admin.end();
    }
}
/**
 * Everything a test file would otherwise do on its own first: the migrations, and pg-boss's schema
 * (what the first `start()` of a job queue installs), through the same code the server runs.
 */
async function prepare(database, url) {
    await database.migrate();
    const queue = createJobQueue({ database, databaseUrl: url, log: createLogger('silent'), definitions: [] });
    await queue.start();
    await queue.stop();
}
export async function createTemplate(serverUrl) {
    if (!serverUrl) {
        const database = await openDatabase({ pgliteDir: 'memory://' });
        try {
            await prepare(database);
            const dump = await database.pglite.dumpDataDir('none');
            const dir = mkdtempSync(path.join(tmpdir(), 'dharura-template-'));
            const file = path.join(dir, 'template.tar');
            writeFileSync(file, new Uint8Array(await dump.arrayBuffer()));
            return {
                ref: { kind: 'pglite', file },
                drop: async () => rmSync(dir, { recursive: true, force: true }),
            };
        }
        finally {
            await database.close();
        }
    }
    // One template per run: runs on the same server at the same time do not share it.
    const name = `dharura_template_${randomBytes(6).toString('hex')}`;
    await withAdmin(serverUrl, (c) => c.query(`create database ${name}`));
    const url = databaseUrl(serverUrl, name);
    const database = await openDatabase({ databaseUrl: url, poolSize: 2 });
    try {
        await prepare(database, url);
    }
    finally {
        await database.close();
    }
    // A template must have no sessions when it is copied (pg-boss's listener may linger a moment).
    await withAdmin(serverUrl, (c) => c.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = $1', [name]));
    return {
        ref: { kind: 'postgres', name },
        drop: () => withAdmin(serverUrl, (c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
    };
}
//# sourceMappingURL=template-db.js.map
/**
 * `npm run bench:generate -- --cases 1000000 --events 10000000 [--database-url URL] [--open-fraction 0.02]`
 *
 * Builds the queue/case-page data set on PostgreSQL. Without --database-url (or DATABASE_URL) it
 * creates the database `dharura_bench_data` on the local server (postgres://postgres@127.0.0.1:5432).
 * Encrypted columns are made with the keys in DHARURA_MASTER_KEY / DHARURA_BLIND_INDEX_KEY, or with
 * the key files under DATA_DIR (default ./data/bench): start the server with the same to read them.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { generateDataset } from './lib/dataset.js';
import { createDatabase, dbUrl, progress, root, withAdmin } from './lib/util.js';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '50000' },
    events: { type: 'string', default: '500000' },
    'database-url': { type: 'string' },
    'open-fraction': { type: 'string', default: '0.02' },
  },
});

const cases = Number(values.cases);
const events = Number(values.events);
if (!Number.isInteger(cases) || cases < 1 || !Number.isInteger(events) || events < 0) {
  console.error('generate: --cases and --events must be whole numbers (cases ≥ 1)');
  process.exit(1);
}

let databaseUrl = values['database-url'] ?? process.env.DATABASE_URL;
if (!databaseUrl) {
  const name = 'dharura_bench_data';
  const exists = await withAdmin(
    async (c) => (await c.query('select 1 from pg_database where datname = $1', [name])).rowCount,
  );
  databaseUrl = exists ? dbUrl(name) : await createDatabase(name);
  progress(`${exists ? 'using' : 'created'} database ${name}`);
}
const env = { ...process.env, DATA_DIR: process.env.DATA_DIR ?? path.join(root, 'data/bench') };
progress(`generating ${cases.toLocaleString('en')} cases and ${events.toLocaleString('en')} events`);
try {
  const result = await generateDataset({
    databaseUrl,
    env,
    cases,
    events,
    openFraction: Number(values['open-fraction']),
    onProgress: progress,
  });
  console.log(JSON.stringify(result, null, 2));
} catch (err) {
  console.error(`generate: ${(err as Error).message}`);
  process.exit(1);
}

import pg from 'pg';
import { loadConfig } from '../../src/server/config.js';
import { openAndMigrate } from '../../src/server/main.js';
import { loadKeyring } from '../../src/server/security/keyring.js';
import { createVault } from '../../src/server/security/vault.js';
import { countyNames } from '../../src/server/modules/public/locations.js';
import { violationTypeCodes } from '../../src/shared/vocabularies.js';

/**
 * The large data set for the queue and case-page benchmarks (PostgreSQL). Cases are built in batches
 * of INSERT … SELECT FROM unnest(…) — the shape of each row (status, priority, sensitivity, channel,
 * county, …) is derived in SQL from its ordinal — because their encrypted columns are real AES-GCM
 * ciphertexts made with the app's vault: a ciphertext is bound by its AAD to the case reference, so one
 * fixed ciphertext could not be decrypted on any other case. Timeline events are pure set-based SQL
 * (INSERT … SELECT … generate_series). Foreign keys are valid by construction, so their triggers are
 * skipped for the bulk load (session_replication_role = replica).
 */
export interface DatasetOptions {
  databaseUrl: string;
  /** The app's environment (keys, DATA_DIR) so the server can decrypt what is written here. */
  env: NodeJS.ProcessEnv;
  cases: number;
  events: number;
  /** Share of cases still open (the most recent ones); the rest are closed. */
  openFraction?: number;
  dataKeys?: number;
  onProgress?: (msg: string) => void;
}

export interface DatasetResult {
  cases: number;
  events: number;
  openCases: number;
  dataKeys: number;
  seconds: { migrate: number; cases: number; events: number; notes: number; vacuumAnalyze: number };
  totalSeconds: number;
  tableSizesMb: Record<string, number>;
}

const NARRATIVE =
  'Neighbours report that a community health volunteer was taken from the market by four men in ' +
  'plain clothes at about 7 pm and driven towards the sub-county police station. The family went to ' +
  'the station the next morning and were told there was no record of an arrest. His phone has been ' +
  'off since then. Two witnesses saw the vehicle and can describe it; they are afraid to be named.';
const PLACE = 'Behind the bus stage, next to the blue kiosk';
const NOTE = 'Called the family back; the OCS says an inquiry file will be opened tomorrow.';

const openStatuses = ['received', 'screening', 'assessed', 'awaiting_decision', 'active', 'follow_up'];
const closedStatuses = ['closed', 'closed', 'closed', 'not_urgent', 'duplicate', 'declined', 'withdrawn'];

const secs = (t: number) => Number(((Date.now() - t) / 1000).toFixed(1));

export async function generateDataset(opts: DatasetOptions): Promise<DatasetResult> {
  const say = opts.onProgress ?? (() => undefined);
  const N = opts.cases;
  const E = opts.events;
  const openCount = Math.max(1, Math.round(N * (opts.openFraction ?? 0.02)));
  const K = opts.dataKeys ?? 8;
  const started = Date.now();

  let t = Date.now();
  const config = loadConfig({ ...opts.env, DATABASE_URL: opts.databaseUrl });
  const database = await openAndMigrate(config);
  const migrateS = secs(t);
  const keyring = loadKeyring({
    masterKeyEnv: config.DHARURA_MASTER_KEY,
    blindIndexKeyEnv: config.DHARURA_BLIND_INDEX_KEY,
    dataDir: config.DATA_DIR,
  });
  const vault = createVault(database.db, keyring);
  const client = new pg.Client({ connectionString: opts.databaseUrl });
  await client.connect();
  try {
    const existing = Number((await client.query('select count(*)::int n from cases')).rows[0].n);
    if (existing > 0) throw new Error(`the database already holds ${existing} cases: use a fresh one`);

    // A few shared data keys, made and wrapped by the app's vault.
    const keys: string[] = [];
    for (let i = 0; i < K; i++) keys.push(await vault.createDataKey('case'));

    // pg_temp.h(g, seed, n): a well-mixed value in 0..n-1 for row g, so the columns do not move in lockstep.
    await client.query(
      `create or replace function pg_temp.h(g int, seed int, n int) returns int
       language sql immutable as $$ select (abs(hashint4extended(g, seed)) % n)::int $$`,
    );
    await client.query(`set session_replication_role = replica`);
    await client.query(`set synchronous_commit = off`);
    await client.query(`set maintenance_work_mem = '256MB'`);

    // Cases: ten years of reports, one a fixed interval apart; the newest `openCount` are still open.
    t = Date.now();
    const now = Date.now();
    const spanMs = 10 * 365 * 86_400_000;
    const stepMs = spanMs / N;
    const perYear = new Map<number, number>();
    const BATCH = 5000;
    let lastReport = Date.now();
    for (let lo = 1; lo <= N; lo += BATCH) {
      const hi = Math.min(N, lo + BATCH - 1);
      const g: number[] = [];
      const refs: string[] = [];
      const at: string[] = [];
      const narr: string[] = [];
      const place: string[] = [];
      for (let i = lo; i <= hi; i++) {
        const when = new Date(now - spanMs + (i - 1) * stepMs);
        const year = when.getUTCFullYear();
        const n = (perYear.get(year) ?? 0) + 1;
        perYear.set(year, n);
        const reference = `UA-${year}-${String(n).padStart(5, '0')}`;
        const key = keys[i % K]!;
        g.push(i);
        refs.push(reference);
        at.push(when.toISOString());
        narr.push(await vault.encrypt(key, NARRATIVE, `cases.narrative:${reference}`));
        place.push(await vault.encrypt(key, PLACE, `cases.place:${reference}`));
      }
      await client.query(
        `insert into cases (reference, status, priority, sensitivity, data_key_id, channel, violation_types,
           county, place_enc, in_danger_now, narrative_enc, reporter_locale, anonymous, received_at,
           acknowledged_at, closed_at, version, created_at, updated_at)
         select reference, status,
           case when status in ('received', 'screening') then null
                else ($8::text[])[1 + pg_temp.h(g, 2, 4)] end,
           case when pg_temp.h(g, 3, 100) < 2 then 'restricted' when pg_temp.h(g, 3, 100) < 10 then 'sensitive' else 'normal' end,
           ($6::uuid[])[1 + g % cardinality($6::uuid[])],
           ($9::text[])[1 + pg_temp.h(g, 4, 6)],
           array[($10::text[])[1 + pg_temp.h(g, 5, cardinality($10::text[]))]],
           ($11::text[])[1 + pg_temp.h(g, 6, cardinality($11::text[]))],
           place_enc, pg_temp.h(g, 7, 10) = 0, narrative_enc,
           case when pg_temp.h(g, 8, 3) = 0 then 'sw' else 'en' end, pg_temp.h(g, 9, 4) = 0, received_at,
           case when status <> 'received' then received_at + interval '20 minutes' end,
           case when status = any($12::text[]) then received_at + interval '9 days' end,
           1 + pg_temp.h(g, 12, 5), received_at, received_at
         from (
           select r.*, case when r.g > $7::int - $13::int
                         then ($4::text[])[1 + pg_temp.h(r.g, 10, cardinality($4::text[]))]
                         else ($5::text[])[1 + pg_temp.h(r.g, 11, cardinality($5::text[]))] end as status
           from unnest($1::int[], $2::text[], $3::timestamptz[], $14::text[], $15::text[])
             as r(g, reference, received_at, narrative_enc, place_enc)
         ) s`,
        [
          g,
          refs,
          at,
          openStatuses,
          closedStatuses,
          keys,
          N,
          ['P1', 'P2', 'P3', 'P4'],
          ['web', 'sms', 'ussd', 'hotline', 'walk_in', 'staff'],
          violationTypeCodes,
          countyNames,
          closedStatuses,
          openCount,
          narr,
          place,
        ],
      );
      if (Date.now() - lastReport > 5000 || hi === N) {
        lastReport = Date.now();
        say(`cases ${hi.toLocaleString('en')} / ${N.toLocaleString('en')} (${secs(t)} s)`);
      }
    }
    for (const [year, last] of perYear) {
      await client.query(
        `insert into reference_counters (year, last) values ($1, $2)
         on conflict (year) do update set last = greatest(reference_counters.last, excluded.last)`,
        [year, last],
      );
    }
    const casesS = secs(t);

    // Timeline events: E in all, spread evenly (each case gets k or k+1), in chunks for progress.
    t = Date.now();
    await client.query(
      `create temp table bench_ids as
         select row_number() over (order by received_at, id)::int as g, id, received_at from cases`,
    );
    await client.query(`create index on bench_ids (g)`);
    const k = Math.floor(E / N);
    const extra = E - k * N;
    const CHUNK = Math.max(1000, Math.floor(2_000_000 / Math.max(1, k)));
    for (let lo = 1; lo <= N; lo += CHUNK) {
      const hi = Math.min(N, lo + CHUNK - 1);
      await client.query(
        `insert into case_events (case_id, at, actor_id, actor_label, type, from_status, to_status, data)
         select i.id, i.received_at + s * interval '37 minutes', null,
           case when s = 1 then 'public-form' when s % 5 = 0 then 'system' else 'user' end,
           case when s = 1 then 'intake' else ($4::text[])[1 + s % cardinality($4::text[])] end,
           case when s = 2 then 'received' end,
           case when s = 1 then 'received' when s = 2 then 'screening' end,
           case when s = 1 then '{"channel":"web","inDangerNow":false}'::jsonb else '{}'::jsonb end
         from bench_ids i
         cross join lateral generate_series(1, $3::int + case when i.g <= $5::int then 1 else 0 end) s
         where i.g between $1 and $2`,
        [lo, hi, k, ['note', 'transition', 'action', 'contact', 'clock.breached', 'note'], extra],
      );
      say(`events for cases ${hi.toLocaleString('en')} / ${N.toLocaleString('en')} (${secs(t)} s)`);
    }
    const eventsS = secs(t);

    // Encrypted notes on the 'note' events of one case in a hundred (AAD bound to the reference).
    t = Date.now();
    const withNotes = await client.query<{ id: string; reference: string; data_key_id: string }>(
      `select c.id, c.reference, c.data_key_id from bench_ids i join cases c on c.id = i.id where i.g % 100 = 0`,
    );
    for (let i = 0; i < withNotes.rows.length; i += 2000) {
      const slice = withNotes.rows.slice(i, i + 2000);
      const notes = await Promise.all(
        slice.map((r) => vault.encrypt(r.data_key_id, NOTE, `case_events.note:${r.reference}`)),
      );
      await client.query(
        `update case_events e set note_enc = u.note
         from unnest($1::uuid[], $2::text[]) u(case_id, note)
         where e.case_id = u.case_id and e.type = 'note'`,
        [slice.map((r) => r.id), notes],
      );
    }
    const notesS = secs(t);

    t = Date.now();
    say('vacuum analyze');
    await client.query(`reset session_replication_role`);
    await client.query(`vacuum (analyze) cases`);
    await client.query(`vacuum (analyze) case_events`);
    await client.query(`analyze`);
    const vacuumS = secs(t);

    const sizes = await client.query<{ name: string; mb: string }>(
      `select relname as name, round(pg_total_relation_size(oid) / 1048576.0, 1) as mb
       from pg_class where relname in ('cases', 'case_events', 'data_keys') and relkind = 'r'`,
    );
    const events = Number((await client.query('select count(*)::bigint n from case_events')).rows[0].n);
    return {
      cases: N,
      events,
      openCases: openCount,
      dataKeys: K,
      seconds: { migrate: migrateS, cases: casesS, events: eventsS, notes: notesS, vacuumAnalyze: vacuumS },
      totalSeconds: secs(started),
      tableSizesMb: Object.fromEntries(sizes.rows.map((r) => [r.name, Number(r.mb)])),
    };
  } finally {
    await client.end();
    await database.close();
  }
}

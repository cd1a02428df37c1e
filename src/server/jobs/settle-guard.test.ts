import { spawnSync } from 'node:child_process';
import path from 'node:path';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { createTestDatabase, serverUrl } from '../../../test/helpers.js';

const root = path.resolve(import.meta.dirname, '../../..');

function child(url: string, mode: 'settle' | 'other') {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'test/settle-guard-child.ts', url, mode], {
    cwd: root,
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: r.status, out: `${r.stdout}${r.stderr}` };
}

describe('job queue when the database goes away mid-job', () => {
  it.skipIf(!serverUrl)(
    'the server process survives pg-boss failing to record a finished job',
    async () => {
      const db = await createTestDatabase();
      const name = new URL(db.url!).pathname.slice(1);
      try {
        const r = child(db.url!, 'settle');
        expect(r.out).toContain('job ran; database unreachable');
        expect(r.out).toContain('still running');
        expect(r.status).toBe(0);
      } finally {
        const admin = new pg.Client({ connectionString: serverUrl });
        await admin.connect();
        await admin.query(`alter database ${name} allow_connections true`);
        await admin.end();
        await db.drop();
      }
    },
    90_000,
  );

  it('any other unhandled rejection still ends the process', () => {
    const r = child('postgres://unused', 'other');
    expect(r.out).toContain('a rejection nobody handles');
    expect(r.out).not.toContain('still running');
    expect(r.status).not.toBe(0);
  }, 60_000);
});

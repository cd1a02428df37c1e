import type { FastifyInstance } from 'fastify';
import type { IntakeInput } from '../src/shared/contracts/cases.js';
import type { ResponderInput } from '../src/shared/contracts/network.js';
import type { Role } from '../src/shared/permissions.js';
import { createUser, loginAs, type Session, type SignedIn } from './helpers.js';

/**
 * Test data that builds its own parents: a case needs someone to take it in, a responder someone to
 * register them, an alert a case in danger. Everything goes through the real API (the contracts in
 * src/shared/contracts), so a factory keeps working however the services behind it are arranged.
 * Whatever is not given is made on first use and reused: one signed-in user per role per app.
 */
export interface Factories {
  /** A new user with these roles and a known password (not signed in). */
  buildUser(roles: Role | Role[]): ReturnType<typeof createUser>;
  /** The file's signed-in user for this role, made on first use. */
  session(role: Role): Promise<SignedIn>;
  /** A case taken in through `POST /api/cases` (by `by`, else the file's duty officer). */
  buildCase(over?: Partial<IntakeInput> & { by?: Session }): Promise<BuiltCase>;
  /** A responder registered through `POST /api/network/responders`, with a phone of its own. */
  buildResponder(over?: Partial<ResponderInput> & { by?: Session }): Promise<{ id: string; phone: string }>;
  /** The alert a case in danger raises at intake (the case is made when not given). */
  buildAlert(over?: { caseId?: string; by?: Session }): Promise<BuiltAlert>;
}

export interface BuiltCase {
  id: string;
  reference: string;
  /** The people on the case as intake recorded them (reporter first, then the victim). */
  people: { id: string; role: string }[];
}

export interface BuiltAlert {
  id: string;
  caseId: string;
  status: string;
  priority: string;
}

/** A case in Nairobi with a named reporter: the smallest intake every route accepts. */
export const defaultIntake: IntakeInput = {
  channel: 'walk_in',
  narrative: 'A community member reports threats against a human rights defender in Mathare',
  county: 'Nairobi',
  reporter: { anonymous: false, name: 'Reporter Test', phone: '0722000111', locale: 'en' },
};

let phoneSeq = 0;

export function factories(app: FastifyInstance): Factories {
  const sessions = new Map<Role, Promise<SignedIn>>();
  const session = (role: Role) => {
    let s = sessions.get(role);
    if (!s) {
      s = loginAs(app, role);
      sessions.set(role, s);
    }
    return s;
  };

  async function post<T>(url: string, by: Session, payload: object): Promise<T> {
    const res = await app.inject({ method: 'POST', url, headers: by.headers, payload });
    if (res.statusCode !== 201 && res.statusCode !== 200)
      throw new Error(`POST ${url} failed: ${res.statusCode} ${res.body}`);
    return res.json() as T;
  }

  async function buildCase(over: Partial<IntakeInput> & { by?: Session } = {}): Promise<BuiltCase> {
    const { by, ...fields } = over;
    const actor = by ?? (await session('duty_officer'));
    const created = await post<{ id: string; reference: string }>('/api/cases', actor, {
      ...defaultIntake,
      ...fields,
    });
    const detail = await app.inject({ url: `/api/cases/${created.id}`, headers: actor.headers });
    const people = (detail.json() as { people?: { id: string; role: string }[] }).people ?? [];
    return { id: created.id, reference: created.reference, people };
  }

  return {
    buildUser: (roles) => createUser(app, Array.isArray(roles) ? roles : [roles]),
    session,
    buildCase,
    async buildResponder(over = {}) {
      const { by, ...fields } = over;
      phoneSeq += 1;
      const phone =
        fields.phone ??
        `+25479${String(process.pid % 1000).padStart(3, '0')}${String(phoneSeq).padStart(4, '0')}`;
      const created = await post<{ id: string }>(
        '/api/network/responders',
        by ?? (await session('duty_officer')),
        {
          name: `Responder ${phoneSeq}`,
          locale: 'en',
          areas: [{ county: 'Nairobi', subCounty: 'Embakasi South', ward: 'Kware' }],
          skills: ['escort'],
          ...fields,
          phone,
        },
      );
      return { id: created.id, phone };
    },
    async buildAlert(over = {}) {
      const by = over.by ?? (await session('duty_officer'));
      const caseId = over.caseId ?? (await buildCase({ by, inDangerNow: true })).id;
      const res = await app.inject({ url: '/api/alerts', headers: by.headers });
      const alerts = (res.json() as { alerts?: BuiltAlert[] }).alerts ?? [];
      const alert = alerts.find((a) => a.caseId === caseId);
      if (!alert) throw new Error(`no alert for case ${caseId}: ${res.statusCode} ${res.body}`);
      return alert;
    },
  };
}

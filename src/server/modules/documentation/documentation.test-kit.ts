import { PDFParse } from 'pdf-parse';
import { expect } from 'vitest';
import type { Session, TestApp } from '../../../../test/helpers.js';

/**
 * The documentation tests' helpers. Events are created by the events module (not this one): until it
 * is merged the test makes the event row and its attachment to the case directly in the database.
 */
export async function attachEvent(t: TestApp, caseId: string, reference = 'EV-2026-0001'): Promise<string> {
  const made = await t.database.query<{ id: string }>(
    `insert into events (reference, title, data_key_id, county, started_at, started_precision)
     select $1, 'Protest crackdown in the CBD', data_key_id, 'Nairobi', now(), 'day' from cases where id = $2
     returning id`,
    [reference, caseId],
  );
  const eventId = made.rows[0]!.id;
  await t.database.query('insert into event_cases (event_id, case_id) values ($1, $2)', [eventId, caseId]);
  return eventId;
}

export function docHelpers(t: () => TestApp) {
  const api = (method: 'GET' | 'POST', url: string, session: Session, payload?: object) =>
    t().app.inject({ method, url, headers: session.headers, ...(payload ? { payload } : {}) });

  async function person(caseId: string, session: Session, body: object): Promise<string> {
    const res = await api('POST', `/api/cases/${caseId}/documentation/persons`, session, body);
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: string }).id;
  }
  async function post(url: string, session: Session, body: object): Promise<string> {
    const res = await api('POST', url, session, body);
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as { id: string }).id;
  }
  /** The dossier's text (pdf-parse over the bytes the route sent). */
  async function pdfText(body: Buffer): Promise<string> {
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    const parser = new PDFParse({ data: new Uint8Array(body) });
    try {
      return (await parser.getText()).text;
    } finally {
      await parser.destroy();
    }
  }
  return { api, person, post, pdfText };
}

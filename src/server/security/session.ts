import type { UserRow } from '../db/schema/index.js';

/** How long a re-entered password + second factor counts as recent (sensitive routes ask for it). */
export const REAUTH_WINDOW_MINUTES = 5;

/** A signed-in request: who, which session, and when they last proved it was them. */
export interface Authenticated {
  user: UserRow;
  sessionId: string;
  csrfToken: string;
  /** How the second factor was satisfied when this session was created. */
  mfaMethod: string;
  /** Last time the user re-entered password + second factor in this session. */
  reauthenticatedAt: Date | null;
  /** The clock when this request's session was resolved; "recent" is measured against it. */
  resolvedAt: Date;
}

/** What the HTTP layer needs from the auth module: a session cookie's token to its signed-in user. */
export interface SessionResolver {
  resolve(token: string): Promise<Authenticated | null>;
}

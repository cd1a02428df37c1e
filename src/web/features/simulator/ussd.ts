/**
 * A USSD session as Africa's Talking drives it: one session id for the whole call, and `text` holding
 * every input so far joined by `*` ('' on the first request). The screen comes back starting with
 * `CON ` (more to come) or `END ` (the session is over).
 */
export interface UssdSession {
  sessionId: string;
  inputs: string[];
  screen: string;
  end: boolean;
}

/** The `text` field of the next request once `input` is typed (inputs joined by `*`). */
export function ussdText(inputs: readonly string[]): string {
  return inputs.join('*');
}

/** The screen without its `CON `/`END ` prefix, as a phone shows it. */
export function ussdScreenText(screen: string): string {
  return screen.replace(/^(CON|END)\s?/, '');
}

/** A fresh session id, like the gateway's (unique per dial). */
export function newUssdSessionId(): string {
  const random = globalThis.crypto?.randomUUID?.() ?? `${Date.now()}-${Math.random().toString(36).slice(2)}`;
  return `ATUid_${random.replace(/-/g, '')}`;
}

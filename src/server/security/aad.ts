/**
 * The additional authenticated data (AAD) that binds every sealed field to where it lives: the table,
 * the column and the row's key. A value moved to another row or column fails to open. The names come
 * from this one table, typed, so a typo is a compile error instead of data nobody can read.
 */
const sealedColumns = {
  cases: ['narrative', 'place', 'details', 'reporter_contact'],
  case_events: ['note'],
  persons: ['name', 'phone', 'details'],
  testimonies: ['text'],
  case_actions: ['notes'],
  institutional_responses: ['officer', 'notes'],
  victim_feedback: ['unmet_needs'],
  case_impacts: ['note'],
  after_action_reviews: ['what_worked', 'challenges', 'lessons'],
  responders: ['name', 'phone', 'contacts', 'location'],
  wellbeing: ['note'],
  notification_rules: ['contact'],
  messages: ['address', 'body'],
  consents: ['purpose'],
  user_mfa: ['totp'],
  events: ['description', 'place'],
  idempotency_keys: ['response'],
} as const;

type SealedColumns = typeof sealedColumns;
export type SealedTable = keyof SealedColumns;
export type SealedColumn<T extends SealedTable> = SealedColumns[T][number];

/** `aad('cases', 'narrative', c.reference)`: the AAD of one sealed field of one row. */
export function aad<T extends SealedTable>(table: T, column: SealedColumn<T>, rowKey: string): string {
  if (!(sealedColumns[table] as readonly string[]).includes(column)) {
    throw new Error(`no sealed column ${table}.${String(column)}`); // unreachable from typed code
  }
  return `${table}.${column}:${rowKey}`;
}

/** The sealer of one table: `const sealed = aadOf('responders'); sealed('phone', r.id)`. */
export function aadOf<T extends SealedTable>(table: T) {
  return (column: SealedColumn<T>, rowKey: string) => aad(table, column, rowKey);
}

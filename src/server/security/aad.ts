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
  user_phones: ['phone'],
  events: ['description', 'place'],
  acts: ['place', 'consequences'],
  act_killings: ['pathologist', 'autopsy_findings'],
  act_tortures: ['examiner', 'findings'],
  act_evictions: ['property_lost'],
  event_information: ['remarks'],
  interventions: ['impact'],
  evidence_items: ['file_name'],
  evidence_uploads: ['file_name', 'capture'],
  evidence_captures: ['details'],
  evidence_custody: ['reason'],
  fund_requests: ['beneficiary_name', 'beneficiary_phone'],
  idempotency_keys: ['response'],
  statement_hits: ['reason'],
  fact_finding_missions: ['findings'],
  referral_providers: ['contacts'],
  referrals: ['fields'],
  push_subscriptions: ['endpoint', 'keys'],
  org_settings: ['vapid_private_key'],
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

/**
 * The AAD of one sealed segment of an evidence blob: the blob, the segment's index and whether it is the
 * last. A segment moved, reordered, or a blob cut short after a whole segment fails to open.
 */
export function blobSegmentAad(blobId: string, index: number, last: boolean): string {
  return `evidence.blob:${blobId}:${index}:${last ? 'last' : 'more'}`;
}

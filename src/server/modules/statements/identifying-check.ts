import type { HitKind, StatementField } from '../../../shared/contracts/statements.js';

/**
 * The identifying-details check of a statement (DESIGN §2.6), pure: where the texts mention the case's
 * own people (names, phones), the reporter's contact, the exact place, or anything shaped like a Kenyan
 * phone number or national ID number. Each hit says where and what kind; its `value` (normalised) lives
 * only in memory, for the caller's blind index, and is never stored or logged.
 */
export interface KnownDetail {
  kind: Extract<HitKind, 'person_name' | 'person_phone' | 'reporter_contact' | 'place'>;
  value: string;
}

export interface Hit {
  field: StatementField;
  offset: number;
  length: number;
  kind: HitKind;
  /** Normalised matched value: for the blind index only. */
  value: string;
}

const edgeBefore = '(?<![\\p{L}\\p{N}])';
const edgeAfter = '(?![\\p{L}\\p{N}])';
/** 07xx/01xx xxx xxx, +254 7xx…, 254 1xx…, with spaces or hyphens anywhere between digits. */
const phonePattern = /(?<![\d+])(?:\+?254[\s-]?|0)[17](?:[\s-]?\d){8}(?!\d)/g;
/** A national ID number: 7 or 8 digits standing alone. */
const idPattern = /(?<![\d+])\d{7,8}(?!\d)/g;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const digits = (s: string) => s.replace(/\D/g, '');

/** A phone in the one form it is compared in: 2547XXXXXXXX / 2541XXXXXXXX. */
export function normalisePhoneDigits(s: string): string {
  const d = digits(s);
  if (d.startsWith('254')) return d;
  if (d.startsWith('0')) return `254${d.slice(1)}`;
  return d;
}

const normaliseText = (s: string) => s.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();

function textNeedles(known: readonly KnownDetail[]) {
  const needles: { kind: HitKind; value: string }[] = [];
  for (const k of known) {
    if (k.kind === 'person_phone') continue;
    const value = normaliseText(k.value);
    if (value.length < 3) continue;
    needles.push({ kind: k.kind, value });
    // A part of a name ("Achieng" of "Achieng Otieno") identifies too.
    if (k.kind === 'person_name')
      for (const part of value.split(' ')) if (part.length >= 3) needles.push({ kind: k.kind, value: part });
  }
  // Longest first, so a full name wins over its parts.
  return needles.sort((a, b) => b.value.length - a.value.length);
}

export function findIdentifyingDetails(
  texts: Readonly<Record<StatementField, string>>,
  known: readonly KnownDetail[],
): Hit[] {
  const knownPhones = new Set(
    known.filter((k) => k.kind === 'person_phone').map((k) => normalisePhoneDigits(k.value)),
  );
  const needles = textNeedles(known);
  const hits: Hit[] = [];
  for (const field of Object.keys(texts) as StatementField[]) {
    const text = texts[field];
    const taken: [number, number][] = [];
    const free = (start: number, end: number) => taken.every(([s, e]) => end <= s || start >= e);
    const add = (start: number, length: number, kind: HitKind, value: string) => {
      if (!free(start, start + length)) return;
      taken.push([start, start + length]);
      hits.push({ field, offset: start, length, kind, value });
    };
    for (const n of needles) {
      const source = n.value.split(' ').map(escapeRegExp).join('\\s+');
      const re = new RegExp(`${edgeBefore}${source}${edgeAfter}`, 'giu');
      for (const m of text.matchAll(re)) add(m.index, m[0].length, n.kind, n.value);
    }
    for (const m of text.matchAll(phonePattern)) {
      const value = normalisePhoneDigits(m[0]);
      add(m.index, m[0].length, knownPhones.has(value) ? 'person_phone' : 'phone', value);
    }
    for (const m of text.matchAll(idPattern)) add(m.index, m[0].length, 'id_number', m[0]);
  }
  return hits.sort((a, b) => a.field.localeCompare(b.field) || a.offset - b.offset);
}

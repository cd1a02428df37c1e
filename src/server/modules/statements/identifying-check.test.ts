import { describe, expect, it } from 'vitest';
import { findIdentifyingDetails } from './identifying-check.js';

const texts = (bodyEn: string) => ({ titleEn: 'Title', titleSw: 'Kichwa', bodyEn, bodySw: 'Maandishi' });

describe('the identifying-details check', () => {
  it('finds Kenyan phone numbers in their usual spellings, and ID numbers', () => {
    const body =
      'Call 0712 345 678, +254 712 345 679, 254-110-123456 or 0722000111; ID 23456789 and 1234567.';
    const hits = findIdentifyingDetails(texts(body), []);
    const found = hits.map((h) => [h.kind, body.slice(h.offset, h.offset + h.length)]);
    expect(found).toEqual([
      ['phone', '0712 345 678'],
      ['phone', '+254 712 345 679'],
      ['phone', '254-110-123456'],
      ['phone', '0722000111'],
      ['id_number', '23456789'],
      ['id_number', '1234567'],
    ]);
    // A year, a count or a 9-digit number is not an ID.
    expect(findIdentifyingDetails(texts('In 2026, 150 people; ref 123456789.'), [])).toEqual([]);
  });

  it("finds the case's own people, a part of a name, their phone however written, the place", () => {
    const body = 'Achieng and WANJIKU ACHIENG were taken from Kware chief camp; reach 0712-345-678.';
    const hits = findIdentifyingDetails(texts(body), [
      { kind: 'person_name', value: 'Wanjiku Achieng' },
      { kind: 'person_phone', value: '+254712345678' },
      { kind: 'place', value: 'Kware chief camp' },
    ]);
    expect(hits.map((h) => [h.kind, body.slice(h.offset, h.offset + h.length)])).toEqual([
      ['person_name', 'Achieng'],
      ['person_name', 'WANJIKU ACHIENG'],
      ['place', 'Kware chief camp'],
      ['person_phone', '0712-345-678'],
    ]);
    // Whole words only: "Ali" is not found inside "Alice".
    expect(findIdentifyingDetails(texts('Alice spoke.'), [{ kind: 'person_name', value: 'Ali' }])).toEqual(
      [],
    );
  });
});

import { z } from 'zod';
import { intakeInput, type IntakeInput } from '../../../shared/contracts/cases.js';
import { eatToIso } from './format.js';

export const MAX_VIOLATIONS = 6;
const phoneLike = /^\+?[\d\s().-]{9,20}$/;
const text = (max: number) => z.string().trim().max(max);
const fields = intakeInput.shape;
const reporterFields = fields.reporter.unwrap().shape;
const victimFields = fields.victim.unwrap().shape;

/**
 * The staff intake form's values: flat, as typed, checked with the contract's vocabularies and limits;
 * messages are i18n keys (the form layer translates them). `toIntakeBody` turns them into the body.
 */
export const intakeForm = z
  .object({
    channel: z.enum(['hotline', 'walk_in']),
    inDangerNow: z.boolean(),
    narrative: text(5000).min(3, 'intake.errors.narrative'),
    violationTypes: z
      .array(z.string().regex(/^[a-z][a-z0-9_]{1,39}$/))
      .max(MAX_VIOLATIONS, 'intake.errors.violationTypes'),
    incidentAt: z.string().refine((v) => !v || eatToIso(v) !== undefined, 'intake.errors.incidentAt'),
    incidentPrecision: fields.incidentPrecision.unwrap(),
    county: text(60),
    subCounty: text(80),
    ward: text(80),
    place: text(300),
    anonymous: z.boolean(),
    reporterName: text(120),
    reporterPhone: text(30),
    safeContact: text(300),
    reporterLocale: reporterFields.locale.unwrap(),
    victimName: text(120),
    victimPhone: text(30).refine((v) => !v || phoneLike.test(v), 'intake.errors.phone'),
    victimSex: z.union([victimFields.sex.unwrap(), z.literal('')]),
    victimAgeGroup: z.union([victimFields.ageGroup.unwrap(), z.literal('')]),
    sensitivity: fields.sensitivity.unwrap(),
  })
  .superRefine((f, ctx) => {
    // The reporter's phone is checked only when the reporter is named (anonymous hides it).
    if (!f.anonymous && f.reporterPhone && !phoneLike.test(f.reporterPhone))
      ctx.addIssue({ code: 'custom', path: ['reporterPhone'], message: 'intake.errors.phone' });
  });
export type IntakeFormInput = z.input<typeof intakeForm>;
export type IntakeFormValues = z.output<typeof intakeForm>;

export const emptyIntake = (lng: string): IntakeFormInput => ({
  channel: 'hotline',
  inDangerNow: false,
  narrative: '',
  violationTypes: [],
  incidentAt: '',
  incidentPrecision: 'exact',
  county: '',
  subCounty: '',
  ward: '',
  place: '',
  anonymous: false,
  reporterName: '',
  reporterPhone: '',
  safeContact: '',
  reporterLocale: lng === 'sw' ? 'sw' : 'en',
  victimName: '',
  victimPhone: '',
  victimSex: '',
  victimAgeGroup: '',
  sensitivity: 'normal',
});

/** The server's field paths → the form's own (so a refusal is shown at the right control). */
export const intakeServerPaths: Record<string, string> = {
  'reporter.name': 'reporterName',
  'reporter.phone': 'reporterPhone',
  'reporter.safeContact': 'safeContact',
  'reporter.locale': 'reporterLocale',
  'victim.name': 'victimName',
  'victim.phone': 'victimPhone',
  'victim.sex': 'victimSex',
  'victim.ageGroup': 'victimAgeGroup',
};

/** Only what was given: empty optional fields are left out of the body. */
const given = <T extends Record<string, unknown>>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== '' && v !== undefined)) as Partial<T>;

export function toIntakeBody(f: IntakeFormValues): IntakeInput {
  const incidentAt = eatToIso(f.incidentAt);
  const victim = given({
    name: f.victimName,
    phone: f.victimPhone,
    sex: f.victimSex,
    ageGroup: f.victimAgeGroup,
  });
  return {
    channel: f.channel,
    narrative: f.narrative,
    violationTypes: f.violationTypes,
    inDangerNow: f.inDangerNow,
    sensitivity: f.sensitivity,
    reporter: f.anonymous
      ? { anonymous: true, locale: f.reporterLocale }
      : {
          anonymous: false,
          locale: f.reporterLocale,
          ...given({ name: f.reporterName, phone: f.reporterPhone, safeContact: f.safeContact }),
        },
    ...given({ county: f.county, subCounty: f.subCounty, ward: f.ward, place: f.place }),
    ...(incidentAt ? { incidentAt, incidentPrecision: f.incidentPrecision } : {}),
    ...(Object.keys(victim).length ? { victim: victim as NonNullable<IntakeInput['victim']> } : {}),
  };
}

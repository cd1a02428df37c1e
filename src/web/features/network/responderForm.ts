import { z } from 'zod';
import { responderInput, type ResponderInput } from '../../../shared/contracts/network.js';
import { responderSkillCodes } from '../../../shared/network.js';

export const MAX_AREAS = 10;
const PIN = /^\d{4,8}$/;

/** The responder form's fields as typed (everything still text but the choices). */
const values = z.object({
  name: z.string(),
  phone: z.string(),
  locale: responderInput.shape.locale.unwrap(),
  languages: z.array(z.string()),
  areas: z
    .array(z.object({ county: z.string(), subCounty: z.string(), ward: z.string() }))
    .min(1)
    .max(MAX_AREAS),
  skills: z.array(z.enum(responderSkillCodes)),
  available: z.boolean(),
  availableFrom: z.string(),
  availableTo: z.string(),
  homeCentre: z.string(),
  caseloadLimit: z.string(),
  emergencyContacts: z.string(),
  cancelPin: z.string(),
  duressPin: z.string(),
});
export type ResponderFormValues = z.input<typeof values>;

export const emptyResponder: ResponderFormValues = {
  name: '',
  phone: '',
  locale: 'sw',
  languages: ['sw'],
  areas: [{ county: '', subCounty: '', ward: '' }],
  skills: [],
  available: true,
  availableFrom: '',
  availableTo: '',
  homeCentre: '',
  caseloadLimit: '2',
  emergencyContacts: '',
  cancelPin: '',
  duressPin: '',
};

const text = (s: string) => s.trim() || null;

/**
 * What the console checks before sending (the server checks the contract again), in the order the
 * summary lists it; the messages are i18n keys. The output is the body of POST /api/network/responders.
 */
export const responderForm = values
  .superRefine((v, ctx) => {
    const problem = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message });
    if (v.name.trim().length < 2) problem(['name'], 'network.form.nameRequired');
    if (v.phone.replace(/\D/g, '').length < 7) problem(['phone'], 'network.form.phoneRequired');
    v.areas.forEach((a, i) => {
      if (!a.county) problem(['areas', i, 'county'], 'network.form.countyRequired');
    });
    if (Boolean(v.availableFrom) !== Boolean(v.availableTo))
      problem([v.availableFrom ? 'availableTo' : 'availableFrom'], 'network.form.hoursBoth');
    const limit = Number(v.caseloadLimit);
    if (v.caseloadLimit.trim() === '' || !Number.isInteger(limit) || limit < 1 || limit > 20)
      problem(['caseloadLimit'], 'network.form.limitRange');
    if (v.cancelPin && !PIN.test(v.cancelPin)) problem(['cancelPin'], 'network.form.pinFormat');
    if (v.duressPin && !PIN.test(v.duressPin)) problem(['duressPin'], 'network.form.pinFormat');
    else if (v.duressPin && !v.cancelPin) problem(['duressPin'], 'network.form.duressNeedsCancel');
    else if (v.duressPin && v.duressPin === v.cancelPin) problem(['duressPin'], 'network.form.pinsDiffer');
  })
  .transform((v): ResponderInput => ({
    name: v.name.trim(),
    phone: v.phone.trim(),
    locale: v.locale,
    areas: v.areas.map((a) => ({
      county: a.county,
      ...(a.subCounty.trim() ? { subCounty: a.subCounty.trim() } : {}),
      ...(a.ward.trim() ? { ward: a.ward.trim() } : {}),
    })),
    skills: v.skills,
    languages: v.languages,
    available: v.available,
    availableFrom: v.availableFrom || null,
    availableTo: v.availableTo || null,
    homeCentre: text(v.homeCentre),
    caseloadLimit: Number(v.caseloadLimit),
    emergencyContacts: text(v.emergencyContacts),
    ...(v.cancelPin ? { cancelPin: v.cancelPin } : {}),
    ...(v.duressPin ? { duressPin: v.duressPin } : {}),
  }));

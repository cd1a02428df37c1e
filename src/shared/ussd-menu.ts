import type { ViolationType } from './vocabularies.js';

/**
 * The USSD menu's two lists (DESIGN §8, rules as data): what a reporter can pick as "what happened" (each
 * entry's violation types and its label in both languages), and the counties offered before "Other"
 * (type the name). An organisation changes them as the `ussd_menu` rule set; these are the shipped
 * defaults (version 0).
 */
export interface UssdMenuLists {
  reportTypes: { codes: ViolationType[]; label: { en: string; sw: string } }[];
  counties: string[];
}

export const defaultUssdMenu: UssdMenuLists = {
  reportTypes: [
    { codes: ['arbitrary_detention'], label: { en: 'Arrest/detention', sw: 'Kukamatwa/kuzuiliwa' } },
    { codes: ['sexual_assault'], label: { en: 'Rape/sexual violence', sw: 'Ubakaji/ukatili wa kingono' } },
    {
      codes: ['physical_assault'],
      label: { en: 'Beating/domestic violence', sw: 'Kupigwa/ukatili nyumbani' },
    },
    { codes: ['femicide'], label: { en: 'Woman killed/threatened', sw: 'Mwanamke kuuawa/kutishiwa' } },
    { codes: ['forced_eviction'], label: { en: 'Eviction/demolition', sw: 'Kufukuzwa/kubomolewa' } },
    { codes: ['enforced_disappearance'], label: { en: 'Missing/abducted', sw: 'Kupotea/kutekwa' } },
    { codes: [], label: { en: 'Other', sw: 'Jingine' } },
  ],
  counties: ['Nairobi', 'Mombasa', 'Kisumu', 'Nakuru', 'Kiambu', 'Kakamega', 'Machakos', 'Uasin Gishu'],
};

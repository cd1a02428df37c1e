import type { adminEn } from './i18n.en.js';

/** Kiswahili strings of the administration page: the same keys as `adminEn`. */
export const adminSw: typeof adminEn = {
  admin: {
    title: 'Watumiaji',
    caption: 'Watu wanaoweza kuingia kwenye Dharura',
    count_one: 'Mtumiaji {{count}}',
    count_other: 'Watumiaji {{count}}',
    name: 'Jina',
    email: 'Barua pepe',
    roles: 'Majukumu',
    language: 'Lugha',
    status: 'Hali',
    created: 'Tarehe ya kuundwa',
    active: 'Inatumika',
    disabled: 'Imezimwa',
    empty: 'Bado hakuna watumiaji.',
  },
};

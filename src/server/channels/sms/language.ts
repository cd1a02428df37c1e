import type { Locale } from '../../../shared/locale.js';

/**
 * Which language to answer an SMS in, guessed simply from common Kiswahili words. Strong words are
 * unmistakably Kiswahili; the short ones ("na", "ya", "wa") also occur in English texting, so two of
 * those are needed. Sheng and mixed messages usually contain enough of either to tip the balance.
 */
const strong = new Set([
  'mimi',
  'yeye',
  'sisi',
  'wao',
  'saidia',
  'nisaidie',
  'tusaidie',
  'msaada',
  'tafadhali',
  'hatari',
  'hatarini',
  'polisi',
  'askari',
  'mtoto',
  'watoto',
  'mama',
  'baba',
  'mume',
  'mke',
  'dada',
  'kaka',
  'nyumba',
  'nyumbani',
  'leo',
  'jana',
  'sasa',
  'hapa',
  'kuna',
  'hakuna',
  'yuko',
  'niko',
  'wako',
  'amepigwa',
  'amekamatwa',
  'wamemkamata',
  'wamekamata',
  'ameuawa',
  'ameuliwa',
  'amebakwa',
  'ubakaji',
  'mwanamke',
  'wanawake',
  'mwanaume',
  'watu',
  'kituo',
  'kesi',
  'haki',
  'asante',
  'ndiyo',
  'hapana',
  'gani',
  'nini',
  'wapi',
  'lini',
  'lakini',
  'pia',
  'sana',
  'bado',
  'kwenye',
  'katika',
  'walimpiga',
  'wanatishia',
  'tishio',
  'kufukuzwa',
  'amepotea',
  'ametekwa',
]);
const weak = new Set(['na', 'ya', 'wa', 'za', 'la', 'kwa', 'ni', 'si', 'yangu', 'wangu', 'huyu']);

export function detectLocale(text: string): Locale {
  let score = 0;
  for (const word of text.toLowerCase().split(/[^a-z']+/)) {
    if (strong.has(word)) score += 2;
    else if (weak.has(word)) score += 1;
    if (score >= 2) return 'sw';
  }
  return 'en';
}

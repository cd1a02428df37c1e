import { adminEn } from '../features/admin/i18n.en.js';
import { alertsEn } from '../features/alerts/i18n.en.js';
import { authEn } from '../features/auth/i18n.en.js';
import { casesEn } from '../features/cases/i18n.en.js';
import { evidenceEn } from '../features/evidence/i18n.en.js';
import { messagesEn } from '../features/messages/i18n.en.js';
import { networkEn } from '../features/network/i18n.en.js';
import { queueEn } from '../features/queue/i18n.en.js';
import { eventsEn } from '../features/events/i18n.en.js';
import { documentationEn } from '../features/documentation/i18n.en.js';
import { responseEn } from '../features/response/i18n.en.js';
import { rulesEn } from '../features/rules/i18n.en.js';
import { simulatorEn } from '../features/simulator/i18n.en.js';
import { dashboardsEn } from '../features/dashboards/i18n.en.js';
import { fundsEn } from '../features/funds/i18n.en.js';
import { learningEn } from '../features/learning/i18n.en.js';
import { statementsEn } from '../features/statements/i18n.en.js';
import { referralsEn } from '../features/referrals/i18n.en.js';
import { offlineEn } from '../features/offline/i18n.en.js';
import { dataProtectionEn } from '../features/dataprotection/i18n.en.js';
import { profileEn } from '../features/profile/i18n.en.js';
import { coreEn } from './core.en.js';

/**
 * English strings of the console: the shell's (core.en.ts) and each feature's own file merged into one
 * i18next resource. The Kiswahili file must have exactly the same keys (the type of `sw` is `typeof en`,
 * and each feature's Kiswahili file is typed by its English one), so a missing translation is a
 * compile error.
 */
export const en = {
  ...coreEn,
  ...authEn,
  ...adminEn,
  ...queueEn,
  ...eventsEn,
  ...casesEn,
  ...responseEn,
  ...documentationEn,
  ...evidenceEn,
  ...alertsEn,
  ...messagesEn,
  ...simulatorEn,
  ...rulesEn,
  ...networkEn,
  ...fundsEn,
  ...statementsEn,
  ...learningEn,
  ...dashboardsEn,
  ...referralsEn,
  ...offlineEn,
  ...dataProtectionEn,
  ...profileEn,
};

export type Messages = typeof en;

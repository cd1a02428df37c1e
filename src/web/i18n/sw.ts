import { adminSw } from '../features/admin/i18n.sw.js';
import { alertsSw } from '../features/alerts/i18n.sw.js';
import { authSw } from '../features/auth/i18n.sw.js';
import { casesSw } from '../features/cases/i18n.sw.js';
import { evidenceSw } from '../features/evidence/i18n.sw.js';
import { messagesSw } from '../features/messages/i18n.sw.js';
import { networkSw } from '../features/network/i18n.sw.js';
import { queueSw } from '../features/queue/i18n.sw.js';
import { eventsSw } from '../features/events/i18n.sw.js';
import { documentationSw } from '../features/documentation/i18n.sw.js';
import { responseSw } from '../features/response/i18n.sw.js';
import { rulesSw } from '../features/rules/i18n.sw.js';
import { simulatorSw } from '../features/simulator/i18n.sw.js';
import { dashboardsSw } from '../features/dashboards/i18n.sw.js';
import { fundsSw } from '../features/funds/i18n.sw.js';
import { learningSw } from '../features/learning/i18n.sw.js';
import { statementsSw } from '../features/statements/i18n.sw.js';
import { referralsSw } from '../features/referrals/i18n.sw.js';
import { offlineSw } from '../features/offline/i18n.sw.js';
import { dataProtectionSw } from '../features/dataprotection/i18n.sw.js';
import { profileSw } from '../features/profile/i18n.sw.js';
import { coreSw } from './core.sw.js';
import type { Messages } from './en.js';

/** Kiswahili strings of the console: the same keys as `en`. */
export const sw: Messages = {
  ...coreSw,
  ...authSw,
  ...adminSw,
  ...queueSw,
  ...eventsSw,
  ...casesSw,
  ...responseSw,
  ...documentationSw,
  ...evidenceSw,
  ...alertsSw,
  ...messagesSw,
  ...simulatorSw,
  ...rulesSw,
  ...networkSw,
  ...fundsSw,
  ...statementsSw,
  ...learningSw,
  ...dashboardsSw,
  ...referralsSw,
  ...offlineSw,
  ...dataProtectionSw,
  ...profileSw,
};

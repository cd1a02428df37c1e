/** Every word of the quarterly learning report PDF, in English and Kiswahili. */
export const learningReportCopy = {
  title: { en: 'Dharura learning report', sw: 'Ripoti ya mafunzo ya Dharura' },
  internal: {
    en: 'Internal: how the organisation learns from its cases. Figures and lesson texts only; no case detail, no person named.',
    sw: 'Ya ndani: jinsi shirika linavyojifunza kutokana na kesi zake. Takwimu na maandishi ya mafunzo tu; hakuna undani wa kesi, hakuna mtu anayetajwa.',
  },
  quarter: { en: 'Quarter', sw: 'Robo mwaka' },
  generated: { en: 'Generated', sw: 'Imetolewa' },
  reviews: { en: '1. After-action reviews', sw: '1. Tathmini za baada ya hatua' },
  required: {
    en: 'Cases closed that needed a review (P1 or a clock missed)',
    sw: 'Kesi zilizofungwa zilizohitaji tathmini (P1 au saa iliyopitwa)',
  },
  recorded: { en: 'Reviews recorded', sw: 'Tathmini zilizorekodiwa' },
  scheduledPending: {
    en: 'Reviews scheduled at closure and still missing',
    sw: 'Tathmini zilizopangwa wakati wa kufunga na bado hazijafanywa',
  },
  scheduledOverdue: { en: 'of which past their due date', sw: 'kati yake zilizopita tarehe yake' },
  lessons: { en: '2. Lessons register', sw: '2. Daftari la mafunzo' },
  created: { en: 'Lessons recorded', sw: 'Mafunzo yaliyorekodiwa' },
  closed: { en: 'Lessons closed', sw: 'Mafunzo yaliyofungwa' },
  overdue: { en: 'Lessons overdue', sw: 'Mafunzo yaliyochelewa' },
  byStatus: { en: 'By status', sw: 'Kwa hali' },
  status: {
    open: { en: 'open', sw: 'wazi' },
    in_progress: { en: 'in progress', sw: 'yanaendelea' },
    done: { en: 'done', sw: 'yamekamilika' },
    dropped: { en: 'dropped', sw: 'yameachwa' },
  } as Record<string, { en: string; sw: string }>,
  changes: { en: '3. What the lessons changed', sw: '3. Mafunzo yalibadilisha nini' },
  withChange: {
    en: 'Lessons that changed a rule, setting, policy or guideline',
    sw: 'Mafunzo yaliyobadilisha kanuni, mpangilio, sera au mwongozo',
  },
  changeKind: {
    rule_set: { en: 'rule set', sw: 'kanuni' },
    setting: { en: 'setting', sw: 'mpangilio' },
    escalation_policy: { en: 'escalation policy', sw: 'sera ya kupandisha' },
    guideline: { en: 'guideline', sw: 'mwongozo' },
  },
  auditEntry: { en: 'audit entry', sw: 'kumbukumbu ya ukaguzi' },
  nothing: { en: 'none', sw: 'hakuna' },
} as const;

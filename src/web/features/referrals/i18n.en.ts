/** English strings of referrals and the partner portal. The Kiswahili file has exactly the same keys. */
export const referralsEn = {
  referrals: {
    partnerTitle: 'Referrals',
    capacity: 'Free places now: {{count}}',
    updateCapacity: 'Update',
    none: 'No referrals for your organisation.',
    nothingShared: 'No personal details are shared (declined or consent withdrawn).',
    reason: 'Reason: {{reason}}',
    outcomeWas: 'Outcome: {{outcome}}',
    declineReason: 'Reason for declining',
    outcome: 'Outcome',
    accept: 'Accept',
    decline: 'Decline',
    recordOutcome: 'Record outcome',
    needs: {
      safe_house_placement: 'Safe-house placement',
      counselling: 'Counselling',
      medical: 'Medical care',
      legal_aid: 'Legal aid',
    },
    statuses: {
      sent: 'New',
      accepted: 'Accepted',
      declined: 'Declined',
      completed: 'Completed',
      withdrawn: 'Withdrawn (consent withdrawn)',
    },
    fields: {
      name: 'Name',
      firstName: 'First name',
      phone: 'Phone',
      pickUpPoint: 'Pick-up point',
      language: 'Language',
    },
  },
};

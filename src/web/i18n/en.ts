/**
 * English strings of the console. The Kiswahili file must have exactly the same keys (the type of
 * `sw` is `typeof en`), so a missing translation is a compile error.
 */
export const en = {
  app: {
    name: 'Dharura',
    tagline: 'Urgent action console',
    loading: 'Loading…',
    skipLink: 'Skip to main content',
    retry: 'Try again',
    startFailed: 'The console could not start.',
  },
  language: {
    label: 'Language',
    en: 'English',
    sw: 'Kiswahili',
    saveFailed: 'Your language choice could not be saved: {{message}}',
  },
  login: {
    title: 'Sign in',
    intro: 'Sign in with your organisation account.',
    email: 'Email',
    password: 'Password',
    submit: 'Sign in',
    submitting: 'Signing in…',
    emailRequired: 'Enter your email address.',
    passwordRequired: 'Enter your password.',
    formTitle: 'Sign-in form',
  },
  header: {
    signedInAs: 'Signed in as',
    signOut: 'Sign out',
    signingOut: 'Signing out…',
  },
  nav: {
    label: 'Main navigation',
    queue: 'Queue',
    alerts: 'Alerts',
    network: 'Network',
    reports: 'Reports',
    admin: 'Admin',
  },
  pages: {
    comingSoon: 'Coming soon.',
    queue: 'Incoming cases waiting for a duty officer will appear here.',
    alerts: 'Urgent action alerts and their approvals will appear here.',
    network: 'Your responders, partners and trusted contacts will appear here.',
    reports: 'Reports and statistics will appear here.',
    notFound: 'Page not found',
    notFoundBody: 'There is no page at this address.',
    backToQueue: 'Go to the queue',
    forbidden: 'You do not have access to this page.',
  },
  admin: {
    title: 'Users',
    caption: 'People who can sign in to Dharura',
    count_one: '{{count}} user',
    count_other: '{{count}} users',
    name: 'Name',
    email: 'Email',
    roles: 'Roles',
    language: 'Language',
    status: 'Status',
    created: 'Created',
    active: 'Active',
    disabled: 'Disabled',
    empty: 'There are no users yet.',
  },
  roles: {
    admin: 'Administrator',
    duty_officer: 'Duty officer',
    approver: 'Approver',
    legal: 'Legal',
    research: 'Research',
    communications: 'Communications',
    finance: 'Finance',
    responder: 'Responder',
    partner: 'Partner',
    analyst: 'Analyst',
    leadership: 'Leadership',
  },
  errors: {
    network: 'Could not reach the server. Check your connection and try again.',
    unexpected: 'Something went wrong. Please try again.',
  },
};

export type Messages = typeof en;

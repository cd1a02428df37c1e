/** English strings of the staff profile's phone verification. The Kiswahili file has exactly the same keys. */
export const profileEn = {
  myPhone: {
    title: 'My phone',
    intro:
      'On-call alerts reach you by SMS on this number. Enter it, and type the 6-digit code we send to it to confirm it is yours.',
    current: 'Your number: {{masked}}',
    none: 'No phone number yet.',
    verified: 'Verified',
    notVerified: 'Not verified yet',
    phone: 'Phone number',
    phoneHint: 'For example 0712 345 678 or +254 712 345 678.',
    send: 'Send me a code',
    sent: 'A code was sent by SMS. It is valid for a few minutes.',
    code: 'Code from the SMS',
    codeHint: '6 digits.',
    codeFormat: 'Enter the 6 digits from the SMS.',
    confirm: 'Confirm',
    confirmed: 'Your phone number is verified.',
    change: 'Use another number',
  },
};

/** English strings of the connection state, the offline outbox and the offline start page. */
export const offlineEn = {
  offline: {
    connection: {
      label: 'Connection',
      offline: 'Offline',
      reconnecting: 'Reconnecting…',
      live: 'Live',
    },
    outbox: {
      title: 'Outbox',
      open: 'Outbox ({{count}})',
      intro:
        'What you record without a network waits here, locked on this phone, and is sent by itself when the network returns — each exactly once.',
      empty: 'Nothing waiting to be sent.',
      sendNow: 'Send now',
      discard: 'Discard',
      close: 'Close',
      locked: 'Locked until you are back online and signed in.',
      queuedNotice: 'Saved in the outbox: it will be sent when the network returns.',
      conflictNotice: 'Someone changed this while you were offline. Open the outbox to choose.',
      kinds: {
        report: 'New report',
        'check-in': 'Mission check-in',
        note: 'Case note',
        arrest: 'Arrest',
        act: 'Act',
        action: 'Action change',
        photo: 'Evidence photo',
      },
      states: {
        queued: 'Waiting',
        sending: 'Sending…',
        sent: 'Sent',
        failed: 'Refused',
        conflict: 'Conflict',
      },
      conflict: {
        title: 'Two versions of the same record',
        theirs: 'Saved on the server (version {{version}})',
        mine: 'Yours, made offline',
        keepBoth: 'Keep both',
        keepMine: 'Keep mine',
        keepTheirs: 'Keep theirs',
        noNotes: '(no notes)',
      },
    },
    shell: {
      title: 'You are offline',
      intro:
        'Dharura opened from this phone’s copy. Your outbox is kept, locked; the console returns, and the outbox is sent, as soon as the network does.',
      retry: 'Try again now',
    },
    passcode: {
      title: 'Open without a network',
      intro:
        'Choose a passcode of at least {{min}} characters: with it, Dharura opens on this phone without a network, with your missions, your cases and your outbox. It lasts for this sign-in only.',
      new: 'Offline passcode',
      repeat: 'The same passcode again',
      save: 'Save passcode',
      isSet: 'A passcode is set on this phone for this sign-in.',
      change: 'Change',
      tooShort: 'At least {{min}} characters.',
      mismatch: 'The two passcodes differ.',
    },
    unlock: {
      intro: 'Enter your offline passcode to open Dharura with what this phone kept.',
      label: 'Offline passcode',
      submit: 'Open',
      opening: 'Opening…',
      wrong_one: 'Wrong passcode. One more try, then everything kept on this phone is deleted.',
      wrong_other: 'Wrong passcode. {{count}} tries left.',
      noSession: 'What this phone kept cannot be opened. Sign in when the network returns.',
    },
    note: {
      label: 'Add a note to the case',
      submit: 'Add note',
      saved: 'Note added.',
    },
  },
};

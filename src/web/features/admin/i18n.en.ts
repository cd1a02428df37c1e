/** English strings of the administration page. The Kiswahili file has exactly the same keys. */
export const adminEn = {
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
};

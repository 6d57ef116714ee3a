import type { zhCN } from './zh-CN.ts';

/** Same keys as the Chinese messages, any English text. */
type Messages<T> = { readonly [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };

export const en: Messages<typeof zhCN> = {
  app: { name: 'Pacesetter', fullName: 'Pacesetter · High-quality development platform', district: 'Haidian District' },
  common: {
    save: 'Save', cancel: 'Cancel', create: 'New', edit: 'Edit', add: 'Add', search: 'Search', reset: 'Reset', refresh: 'Refresh',
    confirm: 'OK', back: 'Back', actions: 'Actions', status: 'Status', active: 'Active', inactive: 'Inactive', all: 'All', yes: 'Yes', no: 'No',
    loading: 'Loading…', none: 'None', total: '{{n}} in total', reload: 'Reload', close: 'Close', view: 'View', details: 'Details',
    readOnly: 'Read-only', name: 'Name', code: 'Code', description: 'Description', version: 'Version', createdAt: 'Created', updatedAt: 'Updated',
  },
  menu: {
    home: 'Home', requests: 'Citizen requests (12345)', requestIntake: 'Take a request', requestList: 'Requests', myRequests: 'Our requests', overdueRequests: 'Overdue requests', requestRates: 'Rates and hotspots', org: 'Organisation', units: 'Units', myUnit: 'My unit', categories: 'Unit categories', system: 'System', users: 'Accounts', audit: 'Audit trail',
  },
  user: {
    menu: 'User menu', changePassword: 'Change password', logout: 'Log out', language: 'Language', loggedOut: 'Logged out',
  },
  roles: {
    admin: 'System administrator', assessment_office: 'Assessment office', supervision_office: 'Supervision office', hotline_centre: '12345 hotline centre',
    reviewer: 'Reviewer', unit_reporter: 'Unit reporter', leader: 'District leader', public: 'Public',
  },
  kinds: { street: 'Street', town: 'Town', department: 'District department', soe: 'State-owned company', park: 'Park', other: 'Other' },
  login: {
    title: 'Log in', subtitle: 'Haidian District high-quality development platform', username: 'Username', password: 'Password', submit: 'Log in',
    usernameRequired: 'Enter your username', passwordRequired: 'Enter your password', throttled: 'Too many attempts; try again in {{seconds}} seconds', throttledMinutes: 'Too many attempts; try again in {{minutes}} minutes',
    failed: 'Login failed', demoHint: 'Demo accounts: admin / kaohe / ducha / rexian / shenhe / zgc / lingdao, password Demo-2026-haidian',
    footer: 'For official use only · keep your account safe',
  },
  password: {
    title: 'Change password', forcedTitle: 'First login: choose a new password', forcedHint: 'Accounts created by an administrator must set a new password at first login.',
    current: 'Current password', new: 'New password', repeat: 'Repeat new password', submit: 'Change password', tooShort: 'At least 10 characters', mismatch: 'The new passwords differ',
    required: 'Enter a password', changed: 'Password changed',
  },
  errors: {
    title: 'Not done', forbiddenTitle: 'Not permitted', conflictTitle: 'Changed by someone else', conflictHint: 'Reload, then make your change again.',
    notFoundTitle: 'Not found or not visible to you', sessionExpired: 'Your session ended; please log in again', validationTitle: 'Please check your input', networkTitle: 'Network error',
    notFoundPage: 'Page not found', notFoundPageHint: 'The page you asked for does not exist.', backHome: 'Back to home', loadFailed: 'Could not load',
  },
  home: {
    welcome: 'Hello, {{name}}', roleLine: 'Your role: {{role}}', unitLine: 'Your unit: {{unit}}', overview: '{{district}} at a glance',
    unitsTotal: 'Units', activeUnits: 'Active units', categoriesTotal: 'Unit categories', byKind: 'By kind of unit', byCategory: 'By unit category',
    uncategorised: 'No category', count: 'Count', share: 'Share', readOnlyNotice: 'Leader accounts are read-only: you see everything and change nothing.',
    reporterNotice: 'You see and maintain only your own unit and its contacts.', goUnits: 'Open units', goMyUnit: 'Open my unit',
  },
  units: {
    title: 'Units', searchPlaceholder: 'Name, code or pinyin initials, e.g. zgc', kind: 'Kind', category: 'Category', division: 'Street / town',
    district: 'District', shortName: 'Short name', pinyin: 'Pinyin initials', name: 'Unit name', code: 'Unit code', create: 'New unit', editTitle: 'Edit unit',
    createTitle: 'New unit', deactivate: 'Deactivate', activate: 'Reactivate', deactivateConfirm: 'Deactivate "{{name}}"? It leaves the assessment; its history stays and it can be reactivated at any time.',
    activateConfirm: 'Reactivate "{{name}}"?', deactivated: '"{{name}}" deactivated', activated: '"{{name}}" reactivated', created: '"{{name}}" created',
    saved: 'Saved', activeFilter: 'Status', onlyActive: 'Active', onlyInactive: 'Inactive', noCategory: 'No category', codeHelp: 'Letters, digits, dot, underscore or hyphen',
    nameRequired: 'Enter the unit name', codeRequired: 'Enter the unit code', kindRequired: 'Choose the kind', notFound: 'This unit does not exist, or you may not see it.',
    detailTitle: 'Unit', basics: 'Basic information', contacts: 'Contacts', history: 'Change history', backToList: 'Back to units', divisionPlaceholder: 'Choose a street or town (optional)',
    categoryPlaceholder: 'Choose a category (optional)',
  },
  contacts: {
    name: 'Name', title: 'Position', phone: 'Phone', email: 'Email', add: 'Add contact', editTitle: 'Edit contact', addTitle: 'Add contact',
    saved: 'Contact saved', nameRequired: 'Enter the name', emailInvalid: 'Not a valid email address', empty: 'No contacts yet', deactivate: 'Deactivate', activate: 'Reactivate',
  },
  categories: {
    title: 'Unit categories', intro: 'Units are ranked only within their category (classified assessment).', create: 'New category', createTitle: 'New unit category', editTitle: 'Edit unit category',
    unitCount: 'Units', saved: 'Saved', deactivateConfirm: 'Deactivate category "{{name}}"? Units already in it are not affected.', activateConfirm: 'Reactivate category "{{name}}"?',
    nameRequired: 'Enter the category name', codeRequired: 'Enter the category code',
  },
  users: {
    title: 'Accounts', create: 'New account', createTitle: 'New account', editTitle: 'Edit account', username: 'Username', displayName: 'Name', role: 'Role', unit: 'Unit',
    initialPassword: 'Initial password', initialPasswordHelp: 'At least 10 characters; the user must change it at first login', mustChange: 'Must change password', disable: 'Disable', enable: 'Enable',
    disableConfirm: 'Disable account "{{name}}"? It can no longer log in.', enableConfirm: 'Enable account "{{name}}" again?',
    resetPassword: 'Reset password', resetTitle: 'Reset the password of "{{name}}"', resetHint: 'All sessions of this user end at once; the user must change the password at next login.', resetDone: 'Password reset',
    created: 'Account {{username}} created', saved: 'Saved', disabled: 'Disabled', enabled: 'Enabled', unitRequired: 'A unit reporter needs a unit',
    usernameRequired: 'Enter a username', displayNameRequired: 'Enter the name', roleRequired: 'Choose a role', searchPlaceholder: 'Filter by username or name', unitPlaceholder: 'Search and choose a unit',
  },
  audit: {
    title: 'Audit trail', intro: 'Every change records who, when, and the record before and after. Rows are hash-chained, so tampering behind the application\'s back is detected.',
    verify: 'Verify chain', verifying: 'Verifying…', ok: 'Audit chain intact', okDetail: '{{rows}} rows checked; no tampering found.', broken: 'Audit chain broken',
    brokenDetail: 'Row {{seq}}: {{problem}} ({{detail}})', lookup: 'History of one record', entityType: 'Record type', entityId: 'Record ID', query: 'Show',
    historyEmpty: 'No changes recorded', lookupHint: 'Choose a record type and enter its ID (shown in the address bar of, e.g., a unit page) to see its full history.', at: 'When', actor: 'Who', action: 'Action', changes: 'Changes', created: 'Record created', field: 'Field', before: 'Before', after: 'After',
    noFieldChange: 'No field changed', recent: 'Recent changes', record: 'Record', allTypes: 'All types', open: 'Open',
    entities: { unit: 'Unit', category: 'Unit category', contact: 'Contact', user: 'Account' },
    actions: {
      unit: { create: 'Unit created', update: 'Unit edited', deactivate: 'Unit deactivated', activate: 'Unit reactivated' },
      category: { create: 'Category created', update: 'Category edited' },
      contact: { create: 'Contact added', update: 'Contact edited' },
      user: { create: 'Account created', update: 'Account edited', change_password: 'Password changed', reset_password: 'Password reset' },
    },
    fields: {
      name: 'Name', shortName: 'Short name', code: 'Code', kind: 'Kind', active: 'Status', categoryId: 'Category', divisionCode: 'Street / town',
      districtCode: 'District', title: 'Position', phone: 'Phone', email: 'Email', description: 'Description', displayName: 'Name', role: 'Role',
      unitId: 'Unit', username: 'Username', mustChangePassword: 'Must change password',
    },
  },
};

export * from './users.js';
export * from './security.js';
export * from './cases.js';
export * from './response.js';
export * from './alerts.js';
export * from './network.js';
export * from './approvals.js';
export * from './events.js';

export * from './organisations.js';
export * from './sessions.js';
export * from './audit.js';

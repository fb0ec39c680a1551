export * from './organisations.js';
export * from './sessions.js';
export * from './audit.js';
export * from './people.js';
export * from './conversations.js';
export * from './contacts.js';
export * from './directory.js';
export * from './connections.js';

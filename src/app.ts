import { randomUUID } from 'node:crypto';
import formbody from '@fastify/formbody';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import fp from 'fastify-plugin';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { Config } from './config.js';
import { migrateDatabase, openDatabase, type Database } from './db/client.js';
import audit from './platform/audit.js';
import auth from './platform/auth.js';
import csrf from './platform/csrf.js';
import database from './platform/database.js';
import errors from './platform/error-pages.js';
import { controlCharacterFilter } from './platform/forms.js';
import health from './platform/health.js';
import jobs from './platform/jobs.js';
import notifications from './platform/notifications.js';
import record from './platform/record.js';
import security from './platform/security.js';
import sessions from './platform/sessions.js';
import views from './platform/views.js';
import authFeature from './features/auth/auth.routes.js';
import home from './features/home/home.routes.js';
import pages from './features/pages/pages.routes.js';
import workersFeature from './features/workers/workers.routes.js';
import teamsFeature from './features/teams/teams.routes.js';
import auditTrail from './features/audit-trail/audit-trail.routes.js';
import jobsFeature from './features/jobs/jobs.routes.js';
import peopleFeature from './features/people/people.routes.js';
import conversationsFeature from './features/conversations/conversations.routes.js';
import contactsFeature from './features/contacts/contacts.routes.js';
import concernsFeature from './features/concerns/concerns.routes.js';
import directoryFeature from './features/directory/directory.routes.js';
import openReferral from './features/openreferral/openreferral.routes.js';
import connectionsFeature from './features/connections/connections.routes.js';
import directoryImports from './features/directory-import/import.routes.js';
import teamAroundThePerson from './features/team-around-the-person/tap.routes.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    /** The time now; tests inject their own clock. */
    clock: () => Date;
  }
}

export interface AppDeps {
  /** An opened database; when absent one is opened from config and closed with the app. */
  database?: Database;
  clock?: () => Date;
  logger?: FastifyServerOptions['logger'];
  /** Start-up work after the migrations (the demo load), done once however many instances start together. */
  afterMigrations?: (db: Database['db']) => Promise<void>;
}

/** Hearth as a Fastify plugin: the platform, then every feature, in order. */
export const hearth = fp(
  async function hearth(app: FastifyInstance, opts: { config: Config; database: Database; clock: () => Date }) {
    app.decorate('config', opts.config);
    app.decorate('clock', opts.clock);
    // Route params and query strings are checked by zod schemas (form bodies by parseForm).
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);

    // Platform
    await app.register(database, { database: opts.database });
    await app.register(jobs);
    await app.register(security);
    await app.register(formbody, { bodyLimit: opts.config.bodyLimitBytes });
    await app.register(controlCharacterFilter);
    await app.register(sessions);
    await app.register(csrf);
    await app.register(views);
    await app.register(audit);
    await app.register(auth);
    await app.register(errors);
    await app.register(health);
    await app.register(record);
    await app.register(notifications);

    // Features
    await app.register(pages);
    await app.register(authFeature);
    await app.register(home);
    await app.register(peopleFeature);
    await app.register(conversationsFeature);
    await app.register(contactsFeature);
    await app.register(concernsFeature);
    await app.register(directoryFeature);
    await app.register(openReferral);
    await app.register(connectionsFeature);
    await app.register(directoryImports);
    await app.register(teamAroundThePerson);
    await app.register(workersFeature);
    await app.register(teamsFeature);
    await app.register(auditTrail);
    await app.register(jobsFeature);
  },
  { name: 'hearth' },
);

export async function buildApp(config: Config, deps: AppDeps = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ?? {
      level: config.logLevel,
      // Paths only: query strings can hold what someone searched for.
      serializers: {
        req: (req) => ({ id: req.id, method: req.method, path: req.url.split('?')[0] }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
      redact: ['req.headers.cookie', 'req.headers.authorization'],
    },
    genReqId: () => randomUUID(),
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    routerOptions: { ignoreTrailingSlash: true },
  });
  const database =
    deps.database ??
    (await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      onConnectionError: (err) =>
        app.log.warn({ err: { type: err.name, code: (err as { code?: string }).code } }, 'database connection lost'),
    }));
  if (!deps.database) app.addHook('onClose', () => database.close());
  await database.exclusively(async () => {
    await migrateDatabase(database);
    await deps.afterMigrations?.(database.db);
  });
  await app.register(hearth, { config, database, clock: deps.clock ?? (() => new Date()) });
  return app;
}

import { loadConfig, type Config } from '../../config.js';
import type { Db } from '../../db/client.js';
import { workers, type Worker } from '../../db/schema/index.js';
import { insertAuditRows, type AuditRow } from '../../platform/audit.js';
import type { Ctx } from '../../platform/auth.js';

/** Written on every audit row the demo makes, so the demo's trail can be told from real requests. */
export const demoRequestId = 'demo-data';

/**
 * The demo acts through the same service functions as the people who use Hearth: each step
 * of its story is a service call by the worker the story names, at the moment the story
 * says, inside the demo's one transaction. So the demo obeys Hearth's rules (access, audit,
 * hand-offs, timelines) by construction instead of copying them.
 */
export interface DemoActors {
  /** The service context of a demo worker at a moment in the story. */
  as(workerId: string, at: Date): Ctx;
  /** Writes the audit rows kept so far; the demo calls it before its transaction ends. */
  flush(): Promise<void>;
}

/** The demo's settings over Hearth's defaults: the services read the whole config. */
export function demoConfig(settings: Partial<Config>): Config {
  return { ...loadConfig({ SESSION_SECRET: 'only the defaults are read, never this' }), ...settings };
}

/**
 * The demo's transaction, in which a service's own transaction runs as part of it rather than
 * as a savepoint: the demo loads whole or not at all, so a savepoint per step (two statements
 * each, thousands of steps) would only slow the first start. It is still the transaction
 * (`instanceof` holds).
 */
function flattened(tx: Db): Db {
  const flat: Db = Object.create(tx, {
    transaction: { value: <T>(run: (inner: Db) => Promise<T>) => run(flat) },
  });
  return flat;
}

/** Demo actors over the workers loaded already (loaded once: the story only reads them). */
export async function demoActors(outer: Db, config: Config): Promise<DemoActors> {
  const tx = flattened(outer);
  const byId = new Map<string, Worker>((await tx.select().from(workers)).map((w) => [w.id, w]));
  // Every audit row, in order, written many to a statement: thousands of steps, each audited,
  // would otherwise cost a statement each. They are in the same transaction either way.
  const kept: AuditRow[] = [];
  return {
    async flush() {
      while (kept.length) await insertAuditRows(outer, kept.splice(0, 500));
    },
    as(workerId, at) {
      const worker = byId.get(workerId);
      if (!worker) throw new Error(`Demo worker ${workerId} is missing: load the demo workers first`);
      return {
        db: tx,
        config,
        worker,
        requestId: demoRequestId,
        now: at,
        // Kept for the demo's transaction (whatever `db` the service passes: it is that transaction).
        audit: async (entry) => {
          kept.push({ actor: { workerId: worker.id, requestId: demoRequestId }, e: entry });
        },
      };
    },
  };
}

// Fault tests' helpers: a fresh PostgreSQL database, and an HTTP client that signs in and
// posts forms with their CSRF tokens, as a browser does, to a Hearth running as its own process.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/db/client.js';

export const serverUrl = process.env.TEST_DATABASE_URL;

/** An empty database on the test server, dropped by `drop`. */
export async function freshDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `hearth_fault_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl!);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

/** The same database, opened beside the server to set up and to check. */
export function openBeside(url: string): Promise<Database> {
  return openDatabase({ databaseUrl: url, dataDir: 'unused', poolSize: 2 });
}

/** Ends every other connection to the database, as a PostgreSQL restart or failover does. */
export async function cutConnections(url: string): Promise<number> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const { rowCount } = await c.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()',
    );
    return rowCount ?? 0;
  } finally {
    await c.end();
  }
}

const csrfField = /name="_csrf" value="([^"]+)"/;

/** A browser-like client: keeps cookies, follows no redirects, reads the CSRF token from pages. */
export class HttpClient {
  private cookies = new Map<string, string>();
  csrf = '';

  constructor(private base: string) {}

  private remember(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair.indexOf('=');
      this.cookies.set(pair.slice(0, eq).trim(), pair.slice(eq + 1));
    }
  }

  private headers(extra: Record<string, string> = {}) {
    return { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '), ...extra };
  }

  async get(path: string): Promise<{ status: number; body: string }> {
    const res = await fetch(this.base + path, { headers: this.headers(), redirect: 'manual' });
    this.remember(res);
    const body = await res.text();
    this.csrf = csrfField.exec(body)?.[1] ?? this.csrf;
    return { status: res.status, body };
  }

  async post(
    path: string,
    fields: Record<string, string>,
  ): Promise<{ status: number; body: string; location: string | null }> {
    const res = await fetch(this.base + path, {
      method: 'POST',
      headers: this.headers({ 'content-type': 'application/x-www-form-urlencoded' }),
      body: new URLSearchParams({ ...fields, _csrf: this.csrf }).toString(),
      redirect: 'manual',
    });
    this.remember(res);
    return { status: res.status, body: await res.text(), location: res.headers.get('location') };
  }

  async signIn(email: string, password: string) {
    await this.get('/sign-in');
    const res = await this.post('/sign-in', { email, password });
    if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`);
  }
}

// The browser tests' harness: the real server as a child process, Chromium, and axe.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { cp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';

export { demoPassword } from '../src/features/demo/demo.seed.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** The stylesheet and GOV.UK script the pages load; built if missing or older than the Sass. */
export function ensureBuilt() {
  const css = path.join(root, 'build/public/hearth.css');
  const built =
    existsSync(css) &&
    existsSync(path.join(root, 'build/public/govuk-frontend.min.js')) &&
    statSync(css).mtimeMs >= statSync(path.join(root, 'src/styles/hearth.scss')).mtimeMs;
  if (built) return;
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/build.ts'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) throw new Error('could not build the stylesheet (scripts/build.ts)');
}

export interface Server {
  /** Like http://127.0.0.1:41234, no trailing slash. */
  url: string;
  stop(): Promise<void>;
  /** Whether the process is still running (fault tests check it survived). */
  running(): boolean;
  /** What it has printed so far. */
  output(): string;
}

/**
 * A PGlite data folder with the migrations run and the demo loaded (scripts/e2e-template.ts),
 * made once per `npm test` run. A server with the demo on embedded PGlite starts from a copy of
 * it instead of creating its database and loading the demo itself (most of its start-up time).
 * Unset, as when a file is run by hand, each server does it all itself.
 */
export const demoTemplateVariable = 'HEARTH_E2E_DEMO_TEMPLATE';

/**
 * Starts `src/server.ts` as it runs for real (development defaults, embedded PGlite,
 * demo data) on a free port with a fresh data folder. `env` adds or overrides settings.
 */
export async function startServer(env: Record<string, string> = {}): Promise<Server> {
  ensureBuilt();
  const dataDir = mkdtempSync(path.join(tmpdir(), 'hearth-e2e-'));
  const settings: Record<string, string | undefined> = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    DEMO_DATA: 'true',
    LOG_LEVEL: 'warn',
    SESSION_SECRET: randomBytes(32).toString('hex'),
    ...env,
  };
  // The template holds the default demo in a folder of its own: not for PostgreSQL, another
  // organisation's name, no demo, or a data folder the caller chose.
  const template = process.env[demoTemplateVariable];
  if (
    template &&
    settings.DEMO_DATA === 'true' &&
    !settings.DATABASE_URL &&
    !settings.ORGANISATION_NAME &&
    settings.DATA_DIR === dataDir
  ) {
    try {
      if (!existsSync(path.join(template, 'pglite')))
        throw new Error(`${demoTemplateVariable} is ${template}, which holds no PGlite data folder`);
      // Plain files, the database closed; never another process's lock.
      await cp(template, dataDir, { recursive: true, filter: (from) => path.basename(from) !== 'hearth.lock' });
    } catch (err) {
      rmSync(dataDir, { recursive: true, force: true });
      throw err;
    }
  }
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: settings,
  });
  // Should this test process end without stopping it, the server goes too.
  const orphaned = () => child.kill('SIGKILL');
  process.once('exit', orphaned);
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d));
  child.stderr!.on('data', (d: Buffer) => (output += d));

  const stop = async () => {
    process.off('exit', orphaned);
    await stopChild(child);
    rmSync(dataDir, { recursive: true, force: true });
  };

  try {
    const port = await new Promise<number>((resolve, reject) => {
      // Generous: on a busy two-core machine, compiling, migrating and loading the demo takes over a minute.
      const timer = setTimeout(() => reject(new Error('the server did not start within 180 s')), 180_000);
      const onData = () => {
        const m = /running at http:\/\/[^:]+:(\d+)/.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(Number(m[1]));
        }
      };
      child.stdout!.on('data', onData);
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`the server stopped before it was ready (${signal ?? `exit code ${code}`})`));
      });
    });
    const url = `http://127.0.0.1:${port}`;
    await waitForHealth(url);
    return { url, stop, running: () => child.exitCode === null && child.signalCode === null, output: () => output };
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n--- server output ---\n${output}`, { cause: err });
  }
}

async function waitForHealth(url: string) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('GET /healthz did not answer 200 within 30 s');
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

/**
 * For a test file or describe block: one server for its tests, stopped after them. It starts
 * at once, so a file's servers and browser start side by side; `before` waits for it.
 */
export function useServer(env: Record<string, string> = {}): Server {
  const holder = {} as Server;
  const started = startServer(env);
  started.catch(() => {}); // reported by `before` below
  before(async () => {
    Object.assign(holder, await started);
  });
  after(async () => {
    const server = await started.catch(() => null);
    await server?.stop();
  });
  return holder;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** For a test file: one Chromium, launched at once and closed after its tests. */
export function useBrowser(): { browser: Browser } {
  const holder = {} as { browser: Browser };
  const launched = launchBrowser();
  launched.catch(() => {}); // reported by `before` below
  before(async () => {
    holder.browser = await launched;
  });
  after(async () => {
    const browser = await launched.catch(() => null);
    await browser?.close();
  });
  return holder;
}

export interface Tab {
  context: BrowserContext;
  page: Page;
  /** Script errors and console errors (a Content Security Policy refusal shows as one). */
  errors: string[];
  close(): Promise<void>;
}

/** Pages opened with JavaScript switched off (axe cannot run in them: it needs timers), with their last document's CSP. */
const withoutJavaScript = new WeakMap<Page, { csp?: string }>();

/** A fresh context (no cookies) and a page in it, as axe needs; collects script and console errors. */
export async function openTab(browser: Browser, server: Server, opts: BrowserContextOptions = {}): Promise<Tab> {
  const context = await browser.newContext({ baseURL: server.url, ...opts });
  const page = await context.newPage();
  if (opts.javaScriptEnabled === false) {
    const state: { csp?: string } = {};
    withoutJavaScript.set(page, state);
    page.on('response', (r) => {
      if (r.request().isNavigationRequest() && r.frame() === page.mainFrame())
        state.csp = r.headers()['content-security-policy'];
    });
  }
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('console', (m) => {
    // An error status is the test's to check; "Failed to load resource" only repeats it.
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
      errors.push(`console error: ${m.text()}`);
  });
  return { context, page, errors, close: () => context.close() };
}

const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/**
 * axe for WCAG 2.2 AA on the page: every rule with those tags, run on the whole page. Two things
 * make it about three times as quick, with the same violations found:
 * - axe's default way, made for pages with frames (a partial run in each frame, finished in a blank
 *   page it opens and loads axe into), takes about twice as long as one axe.run in the page, which
 *   gives the same results where there is no frame. Hearth's pages have none; should one ever have
 *   a frame, it gets the default way.
 * - Only violations are reported here, so axe is asked to describe (selector, HTML) every element
 *   only for those: for the rules an element passes, one example is enough.
 */
function axeFor(page: Page): AxeBuilder {
  const builder = new AxeBuilder({ page }).options({ resultTypes: ['violations'] }).withTags(wcagTags);
  return page.frames().length === 1 ? builder.setLegacyMode() : builder;
}

/**
 * Runs axe for WCAG 2.2 AA on the page as it is now; fails listing every violation.
 * A page without JavaScript is checked through a copy of its DOM, as below.
 */
export async function checkAccessibility(page: Page) {
  const violations = withoutJavaScript.has(page) ? await axeOnCopy(page) : (await axeFor(page).analyze()).violations;
  if (violations.length === 0) return;
  const lines = violations.map(
    (v) =>
      `- ${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n${v.nodes.map((n) => `    at ${n.target.join(' ')}`).join('\n')}`,
  );
  const how = withoutJavaScript.has(page) ? ' (without JavaScript)' : '';
  assert.fail(`${violations.length} accessibility violation(s) on ${page.url()}${how}:\n${lines.join('\n')}`);
}

/**
 * With JavaScript off, axe hangs (its queue waits on timers that never fire). So the page's
 * DOM is served, with its scripts removed, at the same address in a fresh context where
 * JavaScript is on, under the same Content Security Policy, its styles and images loaded from
 * the server: the same markup, the same styles, no page script run, and axe checks that.
 */
async function axeOnCopy(page: Page) {
  const { csp } = withoutJavaScript.get(page)!;
  const html = (await page.content()).replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, '');
  const context = await page.context().browser()!.newContext({ viewport: page.viewportSize() });
  try {
    const copy = await context.newPage();
    await copy.route('**/*', (route) => {
      const request = route.request();
      if (request.isNavigationRequest()) {
        // The same Content Security Policy, so the copy's styles are what the browser was allowed.
        return route.fulfill({
          status: 200,
          contentType: 'text/html; charset=utf-8',
          headers: csp ? { 'content-security-policy': csp } : {},
          body: html,
        });
      }
      if (request.resourceType() === 'script') return route.abort();
      return route.continue();
    });
    await copy.goto(page.url());
    assert.equal(
      await copy.evaluate(() => document.body.classList.contains('js-enabled')),
      false,
      'the copy ran no page script',
    );
    return (await axeFor(copy).analyze()).violations;
  } finally {
    await context.close();
  }
}

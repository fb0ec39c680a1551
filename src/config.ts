import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/** Every setting Hearth reads from the environment, with its default. The README lists them. */
const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('localhost'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  DEMO_DATA: z.enum(['true', 'false']).optional(),
  ORGANISATION_NAME: z.string().min(1).default('Northbridge City Council'),
  IDLE_TIMEOUT_MINUTES: z.coerce
    .number()
    .positive()
    .max(24 * 60)
    .default(30),
  TIMEOUT_WARNING_MINUTES: z.coerce.number().positive().default(2),
  SESSION_MAX_HOURS: z.coerce
    .number()
    .positive()
    .max(24 * 7)
    .default(12),
  SIGN_IN_ATTEMPTS_PER_15_MINUTES: z.coerce.number().int().positive().default(10),
  TEAM_HOURS: z
    .string()
    .regex(
      /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)-(Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-3]):[0-5]\d$/,
      'must look like "Mon-Fri 09:00-17:00"',
    )
    .default('Mon-Fri 09:00-17:00'),
  URGENT_ESCALATION_MINUTES: z.coerce
    .number()
    .int()
    .positive()
    .max(24 * 60)
    .default(60),
  WAITING_ESCALATION_DAYS: z.coerce.number().int().positive().max(60).default(3),
  DIRECTORY_CHECK_MONTHS: z.coerce.number().int().positive().max(120).default(12),
  BODY_LIMIT_KB: z.coerce.number().int().positive().default(512),
  IMPORT_FILE_LIMIT_MB: z.coerce.number().positive().default(100),
  IMPORT_UPLOAD_LIMIT_MB: z.coerce.number().positive().default(200),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Env = z.input<typeof envSchema>;

export interface Config {
  env: 'development' | 'production' | 'test';
  port: number;
  host: string;
  dataDir: string;
  /** Unset means embedded PGlite in dataDir. */
  databaseUrl?: string;
  sessionSecret: string;
  demoData: boolean;
  organisationName: string;
  idleTimeoutMs: number;
  timeoutWarningMs: number;
  sessionMaxMs: number;
  signInAttemptsPer15Minutes: number;
  /** When locality teams work; crises outside these hours go to the Out of Hours team. */
  teamHours: TeamHours;
  urgentEscalationMs: number;
  /** Working days (Monday to Friday) a contact that is not urgent may wait untaken before the team manager is told. */
  waitingEscalationDays: number;
  /** Directory records not checked for this many months are shown as possibly out of date. */
  directoryCheckMonths: number;
  bodyLimitBytes: number;
  /** Largest file, and largest set of files together, uploaded for a directory import. */
  importFileLimitBytes: number;
  importUploadLimitBytes: number;
  trustProxy: boolean;
  logLevel: string;
}

export class ConfigError extends Error {}

const MINUTE = 60_000;

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Hearth cannot start: some settings are not valid.\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const production = e.NODE_ENV === 'production';
  const demoData = e.DEMO_DATA ? e.DEMO_DATA === 'true' : !production;
  const problems: string[] = [];
  if (production && !e.SESSION_SECRET)
    problems.push('  SESSION_SECRET: required in production (at least 32 random characters)');
  if (production && demoData) problems.push('  DEMO_DATA: demo data cannot be switched on in production');
  if (production && !e.DATABASE_URL)
    problems.push('  DATABASE_URL: required in production (embedded PGlite is for trying Hearth and development)');
  if (e.TIMEOUT_WARNING_MINUTES >= e.IDLE_TIMEOUT_MINUTES) {
    problems.push('  TIMEOUT_WARNING_MINUTES: must be less than IDLE_TIMEOUT_MINUTES');
  }
  if (e.IMPORT_UPLOAD_LIMIT_MB < e.IMPORT_FILE_LIMIT_MB)
    problems.push('  IMPORT_UPLOAD_LIMIT_MB: must be at least IMPORT_FILE_LIMIT_MB');
  if (problems.length)
    throw new ConfigError(`Hearth cannot start: some settings are not valid.\n${problems.join('\n')}`);

  const dataDir = path.resolve(e.DATA_DIR);
  return {
    env: e.NODE_ENV,
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    sessionSecret: e.SESSION_SECRET ?? localSessionSecret(dataDir),
    demoData,
    organisationName: e.ORGANISATION_NAME,
    idleTimeoutMs: e.IDLE_TIMEOUT_MINUTES * MINUTE,
    timeoutWarningMs: e.TIMEOUT_WARNING_MINUTES * MINUTE,
    sessionMaxMs: e.SESSION_MAX_HOURS * 60 * MINUTE,
    signInAttemptsPer15Minutes: e.SIGN_IN_ATTEMPTS_PER_15_MINUTES,
    teamHours: parseTeamHours(e.TEAM_HOURS),
    urgentEscalationMs: e.URGENT_ESCALATION_MINUTES * MINUTE,
    waitingEscalationDays: e.WAITING_ESCALATION_DAYS,
    directoryCheckMonths: e.DIRECTORY_CHECK_MONTHS,
    bodyLimitBytes: e.BODY_LIMIT_KB * 1024,
    importFileLimitBytes: Math.floor(e.IMPORT_FILE_LIMIT_MB * 1024 * 1024),
    importUploadLimitBytes: Math.floor(e.IMPORT_UPLOAD_LIMIT_MB * 1024 * 1024),
    trustProxy: e.TRUST_PROXY === 'true',
    logLevel: e.LOG_LEVEL,
  };
}

/** Outside production a secret is made once and kept in the data folder, so restarts keep people signed in. */
function localSessionSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('hex');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export interface TeamHours {
  label: string;
  /** Days of the week, 0 = Sunday. */
  days: number[];
  startMinute: number;
  endMinute: number;
}

const dayNames = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

function parseTeamHours(spec: string): TeamHours {
  const [days, times] = spec.split(' ');
  const [from, to] = days.split('-').map((d) => dayNames.indexOf(d));
  const [start, end] = times.split('-').map((t) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3)));
  const list: number[] = [];
  for (let d = from; ; d = (d + 1) % 7) {
    list.push(d);
    if (d === to) break;
  }
  return { label: spec, days: list, startMinute: start, endMinute: end };
}

/** Whether an instant falls in the teams' working hours, in UK time. */
export function withinTeamHours(hours: TeamHours, at: Date): boolean {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Europe/London',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  const minute = Number(parts.hour) * 60 + Number(parts.minute);
  return (
    hours.days.includes(dayNames.indexOf(parts.weekday)) && minute >= hours.startMinute && minute < hours.endMinute
  );
}

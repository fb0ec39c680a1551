/**
 * Where a scenario's CPU went: Hearth's process, this machine's PostgreSQL server processes,
 * and how busy the whole machine was (the load generator included), from /proc. On 2 cores a
 * scenario is limited by whichever side fills its share; this says which. Linux only: elsewhere
 * nothing is recorded.
 */
import { readdirSync, readFileSync } from 'node:fs';

const MS_PER_TICK = 10; // Linux's USER_HZ is 100

interface Sample {
  hearth: number;
  postgres: number;
  busy: number;
  total: number;
}

export interface CpuUse {
  /** CPU milliseconds per request in Hearth's process (with PGlite, its database work too). */
  hearthMs: number;
  /** CPU milliseconds per request in PostgreSQL's processes on this machine. */
  postgresMs: number;
  /** Share of the machine's CPU time in use while the scenario ran (0 to 1). */
  machineBusy: number;
}

/** utime + stime of a process, in ticks. */
function ticks(pid: string): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

function postgresTicks(): number {
  let sum = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') sum += ticks(pid);
    } catch {
      // gone since the listing
    }
  }
  return sum;
}

export function sampleCpu(hearthPid: number): Sample | null {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const total = cpu.reduce((a, b) => a + b, 0);
    return { hearth: ticks(String(hearthPid)), postgres: postgresTicks(), busy: total - cpu[3] - cpu[4], total };
  } catch {
    return null;
  }
}

export function cpuUse(before: Sample | null, after: Sample | null, requests: number): CpuUse | undefined {
  if (!before || !after || requests === 0) return undefined;
  const perRequest = (t: number) => Math.round(((t * MS_PER_TICK) / requests) * 100) / 100;
  return {
    hearthMs: perRequest(after.hearth - before.hearth),
    postgresMs: perRequest(after.postgres - before.postgres),
    machineBusy: Math.round(((after.busy - before.busy) / Math.max(1, after.total - before.total)) * 100) / 100,
  };
}

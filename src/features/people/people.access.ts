import type { Person, Role } from '../../db/schema/index.js';
import type { Ctx } from '../../platform/auth.js';
import { AccessDenied, NotFound, RestrictedRecord } from '../../platform/errors.js';
import * as repo from './people.repository.js';

/** Council roles find and read people's records; quality reads but does not record. */
export const personReaders: readonly Role[] = ['front_door', 'practitioner', 'team_manager', 'quality'];
export const personWriters: readonly Role[] = ['front_door', 'practitioner', 'team_manager'];

/**
 * The access check every service runs before it touches a person's record. Partner
 * practitioners get "not found": they never search or read the record itself, only what the
 * team around the person shares with them, through that feature's own check
 * (team-around-the-person/tap.access.ts). Other roles with no part in care and support get
 * "no access".
 */
export function mustFindPeople(ctx: Ctx) {
  if (ctx.worker.role === 'partner') throw new NotFound();
  if (!personReaders.includes(ctx.worker.role)) throw new AccessDenied();
}

/** Whether this worker may open a restricted record without giving a reason. */
async function onRestrictedList(ctx: Ctx, person: Pick<Person, 'id' | 'namedWorkerId' | 'teamId'>) {
  if (person.namedWorkerId === ctx.worker.id) return true;
  if (await repo.isOnAccessList(ctx.db, person.id, ctx.worker.id, ctx.worker.teamId)) return true;
  return repo.hasOpening(ctx.db, person.id, ctx.worker.id, ctx.now);
}

export async function canOpen(ctx: Ctx, person: Pick<Person, 'id' | 'namedWorkerId' | 'teamId' | 'restricted'>) {
  return !person.restricted || onRestrictedList(ctx, person);
}

/** The person, if this worker may read it (or change it, with need 'write'); otherwise throws. */
export async function requirePerson(ctx: Ctx, personId: string, need: 'read' | 'write' = 'read'): Promise<Person> {
  mustFindPeople(ctx);
  const person = await repo.findPerson(ctx.db, personId);
  if (!person) throw new NotFound();
  if (need === 'write' && !personWriters.includes(ctx.worker.role))
    throw new AccessDenied('Your role can read records but not change them');
  if (!(await canOpen(ctx, person))) throw new RestrictedRecord(person.id);
  return person;
}

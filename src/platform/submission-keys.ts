/**
 * One-time submission keys. A form that saves a record carries a fresh key; when the same form
 * is sent again (the first response was lost, or the button was pressed twice) the save finds
 * the record the first one made instead of making a second.
 */

/** Whether a failed query broke a unique index (23505); Drizzle wraps the driver's error, so the chain of causes is searched. */
function isUniqueViolation(err: unknown): boolean {
  for (
    let e = err as { code?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 5;
    e = e.cause as typeof e, depth++
  ) {
    if (e.code === '23505') return true;
  }
  return false;
}

/**
 * Saves once per key: an earlier save with the key is returned as it is, also when two sends
 * arrive together (the unique index refuses the later, which then finds the earlier). A key
 * already on someone else's record reveals nothing: the save goes ahead without it.
 */
export async function saveOnce<T>(
  key: string | null,
  opts: {
    find: (key: string) => Promise<T | null>;
    mine: (row: T) => boolean;
    save: (key: string | null) => Promise<T>;
  },
): Promise<T> {
  if (!key) return opts.save(null);
  const earlier = await opts.find(key);
  if (earlier) return opts.mine(earlier) ? earlier : opts.save(null);
  try {
    return await opts.save(key);
  } catch (err) {
    if (!isUniqueViolation(err)) throw err;
    const first = await opts.find(key);
    if (!first) throw err;
    return opts.mine(first) ? first : opts.save(null);
  }
}

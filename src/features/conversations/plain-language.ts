export interface JargonTerm {
  term: string;
  plainer: string;
}

export interface JargonFound extends JargonTerm {
  /** Which part of the record it was found in. */
  field: string;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Finds jargon in text. Acronyms (all capitals) match only in capitals ("OT", not "ot");
 * words and phrases match in any case. Whole words only.
 */
export function findJargon(fields: Record<string, string | null | undefined>, terms: JargonTerm[]): JargonFound[] {
  const found: JargonFound[] = [];
  for (const t of terms) {
    const acronym = t.term === t.term.toUpperCase() && /[A-Z]/.test(t.term);
    const re = new RegExp(`(?<![\\p{L}\\p{N}])${escape(t.term)}(?![\\p{L}\\p{N}])`, acronym ? 'u' : 'iu');
    for (const [field, text] of Object.entries(fields)) {
      if (text && re.test(text)) {
        found.push({ ...t, field });
        break;
      }
    }
  }
  return found;
}

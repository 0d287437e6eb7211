// The trail's filters live in the URL (bookmarkable, back/forward work): entity, actor, command,
// after/before as the organization's local time (what <input type="datetime-local"> shows) and
// before_seq for older pages. The server compares `after`/`before` with its stored UTC text
// ("2026-11-22T04:50:31.120Z"), so they are sent as UTC in that form.
import { query } from '../lib/api';
import { fromLocalInput } from '../lib/format';

export interface TrailFilters {
  entity: string;
  actor: string;
  command: string;
  /** Organization-local "YYYY-MM-DDTHH:MM". */
  after: string;
  before: string;
}

export const EMPTY_FILTERS: TrailFilters = { entity: '', actor: '', command: '', after: '', before: '' };
export const PAGE_SIZE = 50;

const LOCAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

export function filtersFromSearch(s: URLSearchParams): TrailFilters & { beforeSeq: number | null } {
  const local = (k: string) => {
    const v = s.get(k) ?? '';
    return LOCAL.test(v) ? v : '';
  };
  const seq = Number(s.get('before_seq'));
  return {
    entity: (s.get('entity') ?? '').trim(),
    actor: (s.get('actor') ?? '').trim(),
    command: (s.get('command') ?? '').trim(),
    after: local('after'),
    before: local('before'),
    beforeSeq: Number.isSafeInteger(seq) && seq > 1 ? seq : null,
  };
}

/** The URL query for `f` (empty values dropped), optionally on an older page. */
export function searchFor(f: TrailFilters, beforeSeq?: number | null): Record<string, string | number | undefined> {
  return {
    entity: f.entity.trim() || undefined,
    actor: f.actor.trim() || undefined,
    command: f.command.trim() || undefined,
    after: f.after || undefined,
    before: f.before || undefined,
    before_seq: beforeSeq ?? undefined,
  };
}

/** Organization-local datetime-local text → the server's UTC text; '' when empty or invalid. */
export function localToUtc(local: string, offsetMinutes: number): string {
  if (!local) return '';
  const t = Date.parse(fromLocalInput(local, offsetMinutes));
  return Number.isNaN(t) ? '' : new Date(t).toISOString();
}

/** GET /api/v1/trail for these filters. */
export function trailPath(f: TrailFilters, beforeSeq: number | null, offsetMinutes: number, limit = PAGE_SIZE): string {
  return `/api/v1/trail${query({
    entity: f.entity.trim(),
    actor: f.actor.trim(),
    command: f.command.trim(),
    after: localToUtc(f.after, offsetMinutes),
    before: localToUtc(f.before, offsetMinutes),
    before_seq: beforeSeq ?? undefined,
    limit,
  })}`;
}

/** "item:M-CY-001" → the item page, when the entity is an item. */
export function entityLink(entity: string): string | null {
  const m = /^item:(.+)$/.exec(entity);
  return m ? `/items/${encodeURIComponent(m[1])}` : null;
}

// Code → message-key maps of the compliance screens, the chapter a clause belongs to, and where an
// evidence reference leads in the app. An unknown code is shown as it came.
import type { MessageKey } from '../i18n';
import type { ClauseState, Coverage, DutyStatus, Severity } from './types';

export const CLAUSE_STATES: ClauseState[] = ['violated', 'error', 'satisfied', 'recorded', 'not_applicable', 'not_yet'];

export const STATE_KEYS: Record<ClauseState, MessageKey> = {
  satisfied: 'compliance.state.satisfied',
  violated: 'compliance.state.violated',
  not_applicable: 'compliance.state.not_applicable',
  error: 'compliance.state.error',
  recorded: 'compliance.state.recorded',
  not_yet: 'compliance.state.not_yet',
};

export const COVERAGE_KEYS: Record<Coverage, MessageKey> = {
  enforced: 'compliance.coverage.enforced',
  recorded: 'compliance.coverage.recorded',
  not_yet: 'compliance.coverage.not_yet',
};

export const SEVERITIES: Severity[] = ['high', 'medium', 'low'];

export const SEVERITY_KEYS: Record<Severity, MessageKey> = {
  high: 'compliance.severity.high',
  medium: 'compliance.severity.medium',
  low: 'compliance.severity.low',
};

export const STATUS_KEYS: Record<DutyStatus, MessageKey> = {
  open: 'compliance.status.open',
  due_soon: 'compliance.status.due_soon',
  overdue: 'compliance.status.overdue',
  done: 'compliance.status.done',
  cancelled: 'compliance.status.cancelled',
};

export const CITATION_KEYS: Record<string, MessageKey> = {
  role: 'compliance.cite.role',
  permission: 'compliance.cite.permission',
  separation: 'compliance.cite.separation',
  four_eyes: 'compliance.cite.separation',
  unit_kind: 'compliance.cite.unit_kind',
  setup: 'compliance.cite.setup',
  scheme: 'compliance.cite.scheme',
  handling: 'compliance.cite.handling',
  matrix: 'compliance.cite.matrix',
  form: 'compliance.cite.form',
  obligation: 'compliance.cite.obligation',
  trigger: 'compliance.cite.trigger',
  rule: 'compliance.cite.rule',
  chain: 'compliance.cite.chain',
  command: 'compliance.cite.command',
};

/** A label for `code` from `map`, or the code itself when the map does not know it. */
export function labelOf(t: (k: MessageKey) => string, map: Record<string, MessageKey>, code: string | null | undefined): string {
  if (!code) return '';
  const key = map[code];
  return key ? t(key) : code;
}

/**
 * The chapter a clause belongs to, from its reference as the document prints it: "000 第4 7(1)" →
 * "000 第4", "003 §2-1(3)" → "003 §2", "003 特記第5-1" → "003 特記", "000 別表" → "000 別表",
 * "004-GL III.2(4)⑤" → "004-GL III".
 */
export function chapterOf(ref: string): string {
  const m = /^(\S+)\s+(.*)$/.exec(ref.trim());
  if (!m) return ref;
  const [, doc, rest] = m;
  const head = /^(第\d+|§\d+|特記|別[表添紙]\d*|様式)/.exec(rest);
  const chapter = head ? head[1] : (rest.split(/[\s.(（-]/)[0] || rest);
  return `${doc} ${chapter}`;
}

/** Clauses in document order, grouped by chapter (the groups in the order they first appear). */
export function byChapter<T extends { ref: string }>(rows: T[]): Array<{ chapter: string; rows: T[] }> {
  const out: Array<{ chapter: string; rows: T[] }> = [];
  for (const r of rows) {
    const chapter = chapterOf(r.ref);
    const last = out[out.length - 1];
    const group = last?.chapter === chapter ? last : out.find((g) => g.chapter === chapter);
    if (group) group.rows.push(r);
    else out.push({ chapter, rows: [r] });
  }
  return out;
}

/**
 * Where an evidence reference leads in the app, or null for one that is not a record of mamori (a
 * document's number or title). Records: an app path ("/items/M-CY-003"), "trail:<seq>",
 * "items/<control_no>", "reconciliations/<id>", "designations/<id>", "persons/<id>".
 */
export function evidencePath(ref: string | null | undefined): string | null {
  if (!ref) return null;
  const s = ref.trim();
  if (s.startsWith('/') && !s.startsWith('//')) return s;
  const trail = /^trail:(\d+)$/.exec(s);
  if (trail) return `/trail?before_seq=${Number(trail[1]) + 1}`;
  const m = /^(items|reconciliations|designations|persons)\/(.+)$/.exec(s);
  if (!m) return null;
  if (m[1] === 'items') return `/items/${encodeURIComponent(m[2])}`;
  if (m[1] === 'reconciliations') return `/reconciliations/${encodeURIComponent(m[2])}`;
  if (m[1] === 'designations') return '/admin/designations';
  return '/admin/people';
}

/** The clause page of `ref` in `profile`. */
export const clausePath = (profile: string, ref: string) =>
  `/compliance/clause?${new URLSearchParams({ profile, ref }).toString()}`;

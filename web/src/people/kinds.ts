// The kinds of person (employee, non-regular staff, contractor, visitor) in the viewer's language, for
// the agreements limited to some kinds (000 第2 2(6)); the admin screens' names are reused.
import type { MessageKey } from '../i18n';

const KIND_KEYS: Record<string, MessageKey> = {
  employee: 'admin.person_kind.employee',
  non_regular: 'admin.person_kind.non_regular',
  contractor: 'admin.person_kind.contractor',
  visitor: 'admin.person_kind.visitor',
};

/** The name of a person kind (the code itself if unknown). */
export function personKindName(t: (key: MessageKey) => string, kind: string): string {
  const key = KIND_KEYS[kind];
  return key ? t(key) : kind;
}

/** True when an agreement limited to `kinds` (empty: every kind) may be recorded for a person of `kind`. */
export function appliesTo(kinds: string[] | undefined, kind: string | undefined): boolean {
  return !kinds || kinds.length === 0 || kind === undefined || kinds.includes(kind);
}

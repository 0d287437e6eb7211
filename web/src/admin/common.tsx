// Shared pieces of the administration screens: unit tree ordering and options, person options, the
// "recorded in the trail" notice after a command.
import { useEffect, useRef, type ReactNode } from 'react';
import { useI18n } from '../i18n';
import type { ApiError } from '../lib/api';
import { personName } from '../lib/format';
import { Link } from '../lib/router';
import { useSession } from '../lib/session';
import { Notice, type Option } from '../components/ui';
import type { CommandResult, Person, Unit } from './types';

export interface TreeNode {
  unit: Unit;
  depth: number;
  children: TreeNode[];
}

/** Units as a forest (parents before children, siblings by id); orphans become roots. */
export function unitForest(units: Unit[]): TreeNode[] {
  const ids = new Set(units.map((u) => u.id));
  const byParent = new Map<number | null, Unit[]>();
  for (const u of units) {
    const p = u.parent_id !== null && ids.has(u.parent_id) ? u.parent_id : null;
    byParent.set(p, [...(byParent.get(p) ?? []), u]);
  }
  const build = (parent: number | null, depth: number, seen: Set<number>): TreeNode[] =>
    (byParent.get(parent) ?? [])
      .filter((u) => !seen.has(u.id))
      .sort((a, b) => a.id - b.id)
      .map((u) => {
        const next = new Set(seen).add(u.id);
        return { unit: u, depth, children: build(u.id, depth + 1, next) };
      });
  return build(null, 0, new Set());
}

export function flattenForest(nodes: TreeNode[]): TreeNode[] {
  return nodes.flatMap((n) => [n, ...flattenForest(n.children)]);
}

/** Units as options in tree order, indented by depth. */
export function useUnitOptions(units: Unit[], empty?: string): Option[] {
  const { t, pick } = useI18n();
  const opts: Option[] = empty !== undefined ? [{ value: '', label: empty }] : [];
  for (const n of flattenForest(unitForest(units)))
    opts.push({
      value: String(n.unit.id),
      label: '\u3000'.repeat(n.depth) + t('admin.unit_option', { name: pick(n.unit.name_ja, n.unit.name_en), code: n.unit.code }),
    });
  return opts;
}

export function usePersonOptions(persons: Person[], empty?: string): Option[] {
  const { t } = useI18n();
  const opts: Option[] = empty !== undefined ? [{ value: '', label: empty }] : [];
  for (const p of persons)
    opts.push({
      value: String(p.id),
      label: t('admin.person_option', { name: personName(p.family_name, p.given_name), unit: p.unit_name }),
    });
  return opts;
}

/** After a command: what was done, and where the trail recorded it. */
export function DoneNotice({ children, result, entity }: { children: ReactNode; result: CommandResult | null; entity?: string }) {
  const { t } = useI18n();
  const { can } = useSession();
  return (
    <Notice>
      {children}
      {result?.trail_seq !== undefined && <> {t('admin.recorded', { seq: result.trail_seq })}</>}
      {entity && can('trail.view') && (
        <>
          {' '}
          <Link to={`/trail?entity=${encodeURIComponent(entity)}`}>{t('admin.show_in_trail')}</Link>
        </>
      )}
    </Notice>
  );
}

/** Parses a select's value as an id ('' → undefined, so the server names the missing field). */
export const idOrUndefined = (v: string): number | undefined => (v === '' ? undefined : Number(v));

/** After a refusal that names a field, moves the focus to that field of the form (if it has one). */
export function useFocusRefused(error: ApiError | null) {
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const field = error?.field;
    if (!field || !ref.current) return;
    const el = ref.current.elements.namedItem(field);
    if (el instanceof HTMLElement) el.focus();
  }, [error]);
  return ref;
}

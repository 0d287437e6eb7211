// The 課室等 of a per-unit roster (000 第2 2(7), D21): the record of each unit is kept by the システム担当者
// whose designation covers it and read by them and by holders of org.admin or people.agreements over the
// unit. From /auth/me the screen works out which units the viewer keeps or may read, to show one of them
// first and to offer the keeper's commands; the server still judges every read and command.
import type { Me } from '../lib/session';
import { useData, type Data } from '../lib/useData';
import type { RosterDef, UnitRow } from './types';

export const UNITS_PATH = '/api/v1/units';

/** The organization's units (GET /api/v1/units). */
export function useUnitList(): Data<{ units: UnitRow[] }> {
  return useData<{ units: UnitRow[] }>(UNITS_PATH);
}

/** True when `unit` is `ancestor` or lies below it in the tree of `units`. */
export function isWithin(units: UnitRow[], unit: number, ancestor: number): boolean {
  let id: number | null = unit;
  for (let steps = 0; id !== null && steps <= units.length; steps++) {
    if (id === ancestor) return true;
    const current: number = id;
    id = units.find((u) => u.id === current)?.parent_id ?? null;
  }
  return false;
}

/** True when the viewer holds the roster's keeper role over `unit` (the only one who prepares it). */
export function keepsUnit(me: Me | null, roster: RosterDef, units: UnitRow[], unit: number): boolean {
  return (me?.designations ?? []).some((d) => d.role === roster.keeper && isWithin(units, unit, d.unit_id));
}

const READ_PERMISSIONS = ['org.admin', 'people.agreements'];

/** True when the viewer holds org.admin or people.agreements over `unit`. */
function readsUnit(me: Me | null, units: UnitRow[], unit: number): boolean {
  return READ_PERMISSIONS.some((p) => {
    const held = me?.permissions[p];
    if (held === 'all') return true;
    return (held ?? []).some((top) => isWithin(units, unit, top));
  });
}

/** The units whose record the viewer keeps, then those they may read, each in the order of `units`. */
export function unitsForViewer(me: Me | null, roster: RosterDef, units: UnitRow[]): UnitRow[] {
  const kept = units.filter((u) => keepsUnit(me, roster, units, u.id));
  const read = units.filter((u) => !kept.includes(u) && readsUnit(me, units, u.id));
  return [...kept, ...read];
}

/** The unit shown when the address names none: the first the viewer keeps or reads, else the first unit. */
export function defaultUnit(me: Me | null, roster: RosterDef, units: UnitRow[]): UnitRow | undefined {
  return unitsForViewer(me, roster, units)[0] ?? units[0];
}

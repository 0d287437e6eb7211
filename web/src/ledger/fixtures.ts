// The people and data of the ledger screens' tests: users of the cyber division (unit 3), its units
// and persons, an item and its ledger rows.
import type { Me } from '../lib/session';
import { grant, makeUser } from '../testing';
import type { CopyEntry, Item, ItemDetail, LedgerEntry, Person, Unit } from './types';

export const UNIT = 3;

const ALL_LEDGER = ['ledger.view', 'ledger.register', 'ledger.use', 'ledger.check', 'ledger.approve', 'ledger.destroy', 'ledger.dispose', 'ledger.reconcile'];

export function makeMe(personId: number, granted: string[], unit = UNIT, name: [string, string] = ['田中', '美咲']): Me {
  return makeUser({
    username: 'user',
    person_id: personId,
    family_name: name[0],
    given_name: name[1],
    unit_id: unit,
    permissions: grant(granted, [unit]),
  });
}

/** tanaka: 職員 (ledger.view, use, destroy in the unit) */
export const STAFF = () => makeMe(5, ['ledger.view', 'ledger.use', 'ledger.destroy']);
/** suzuki: 部隊等情報保証責任者 (every ledger permission in the unit) */
export const APPROVER = () => makeMe(3, ALL_LEDGER, UNIT, ['鈴木', '花子']);
/** takahashi: 補助者 (no approve) */
export const ASSISTANT = () =>
  makeMe(4, ['ledger.view', 'ledger.register', 'ledger.use', 'ledger.check', 'ledger.destroy', 'ledger.dispose'], UNIT, ['高橋', '健']);
/** ito: 破棄立会者 (and staff) */
export const WITNESS = () => makeMe(6, ['ledger.view', 'ledger.use', 'ledger.destroy'], UNIT, ['伊藤', '大輔']);

export const UNITS: Unit[] = [
  { id: 1, parent_id: null, kind: 'bureau', code: 'ROOT', name_ja: '本省', name_en: 'Ministry' },
  { id: 2, parent_id: 1, kind: 'bureau', code: 'SEIBI', name_ja: '整備計画局', name_en: 'Buildup Bureau' },
  { id: 3, parent_id: 2, kind: 'division', code: 'CYBER', name_ja: '整備計画局サイバー整備課', name_en: 'Cyber Division' },
  { id: 5, parent_id: 2, kind: 'division', code: 'JOHOTSU', name_ja: '整備計画局情報通信課', name_en: 'Comms Division' },
];

export const PERSONS: Person[] = [
  { id: 3, family_name: '鈴木', given_name: '花子', unit_id: 3, active: 1 },
  { id: 4, family_name: '高橋', given_name: '健', unit_id: 3, active: 1 },
  { id: 5, family_name: '田中', given_name: '美咲', unit_id: 3, active: 1 },
  { id: 6, family_name: '伊藤', given_name: '大輔', unit_id: 3, active: 1 },
  { id: 9, family_name: '山田', given_name: '太郎', unit_id: 5, active: 1 },
];

export function item(over: Partial<Item> = {}): Item {
  return {
    id: 4,
    control_no: 'M-CY-004',
    kind: 'medium',
    type: '外付けHDD',
    storage: '施錠保管庫A',
    custodian_unit_id: UNIT,
    unit_name: '整備計画局サイバー整備課',
    state: 'in_storage',
    state_ja: '保管中',
    state_en: 'in storage',
    origin: 'registered',
    current_entry_id: null,
    registered_at: '2026-10-12T04:47:00.000Z',
    ...over,
  };
}

export function entry(over: Partial<LedgerEntry> = {}): LedgerEntry {
  return {
    id: 35,
    item_id: 4,
    row_no: 1,
    movement: 'use',
    started_at: '2026-11-22T02:02:00.000Z',
    user_person_id: 5,
    user_name: '田中 美咲',
    purpose: '説明資料の持参',
    returned_at: null,
    approval: null,
    ...over,
  };
}

export function detail(i: Item, entries: LedgerEntry[] = [], copies: CopyEntry[] = []): ItemDetail {
  return { item: i, entries, copies };
}

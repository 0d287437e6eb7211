// The people and data of the work screens' tests: tanaka (staff) and suzuki (the unit IA officer of
// the cyber division and its team), and the units.
import type { Me } from '../lib/session';
import { makeUser } from '../testing';

export function makeMe(permissions: Me['permissions'], over: Partial<Me> = {}): Me {
  return makeUser({ title: '係員', permissions, ...over });
}

export const STAFF = (): Me => makeMe({ 'ledger.view': [3], 'ledger.use': [3], 'ledger.destroy': [3] });
export const OFFICER = (): Me =>
  makeMe(
    {
      'ledger.view': [3, 4],
      'ledger.use': [3, 4],
      'ledger.approve': [3, 4],
      'ledger.reconcile': [3, 4],
    },
    {
      username: 'suzuki',
      person_id: 3,
      family_name: '鈴木',
      given_name: '花子',
      title: 'サイバー整備課長',
      designations: [
        {
          designation_id: 3,
          role: 'unit_ia_officer',
          role_ja: '部隊等情報保証責任者',
          role_en: 'Unit IA Officer',
          unit_id: 3,
          unit_name: '整備計画局サイバー整備課',
        },
      ],
    },
  );

export const UNITS = {
  units: [
    { id: 1, parent_id: null, kind: 'bureau', code: 'ROOT', name_ja: '本省', name_en: 'Ministry' },
    { id: 2, parent_id: 1, kind: 'bureau', code: 'SEIBI', name_ja: '整備計画局', name_en: 'Defense Buildup Planning Bureau' },
    { id: 3, parent_id: 2, kind: 'division', code: 'CYBER', name_ja: '整備計画局サイバー整備課', name_en: 'Cyber Maintenance Division' },
    { id: 4, parent_id: 3, kind: 'section', code: 'CYBER-JIAN', name_ja: 'サイバー整備課事案対処班', name_en: 'Incident Response Team' },
  ],
};

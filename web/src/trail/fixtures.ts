// The people of the trail and administration screens' tests (each permission held everywhere).
import type { Designation, Me } from '../lib/session';
import { grant, makeUser } from '../testing';

export function makeMe(username: string, personId: number, granted: string[], designations: Designation[] = []): Me {
  return makeUser({
    username,
    person_id: personId,
    family_name: '試験',
    given_name: '太郎',
    unit_id: 1,
    unit_name: '本省',
    designations,
    permissions: grant(granted, 'all'),
  });
}

/** nakamura: 情報保証監査責任者 (trail.view everywhere) */
export const AUDITOR = () =>
  makeMe('nakamura', 8, ['ledger.view', 'trail.view'], [
    { designation_id: 5, role: 'ia_audit_officer', role_ja: '情報保証監査責任者', role_en: 'IA Audit Officer', unit_id: 1, unit_name: '本省' },
  ]);
/** admin: 情報システム情報保証責任者 (org.admin and trail.view) */
export const ADMIN = () =>
  makeMe('admin', 1, ['org.admin', 'trail.view'], [
    { designation_id: 1, role: 'system_ia_officer', role_ja: '情報システム情報保証責任者', role_en: 'System IA Officer', unit_id: 1, unit_name: '本省' },
  ]);
/** tanaka: staff */
export const STAFF = () => makeMe('tanaka', 5, ['ledger.view', 'ledger.use', 'ledger.destroy']);

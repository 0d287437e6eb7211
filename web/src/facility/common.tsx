// Small parts the facility screens share: the page frame, who may do what (by the roles of 001 第8 held in
// force, as the server decides: D20), a facility's kind, a permit's state, the refusal shown to someone
// who may not read the rosters, and today's date in the organization's zone.
import type { ReactNode } from 'react';
import { Page, Refusal as SharedRefusal } from '../components/ui';
import { useI18n, type MessageKey } from '../i18n';
import type { ApiError } from '../lib/api';
import { useSession, type Me } from '../lib/session';
import type { FacilityKind, Permit, PermitState } from './types';
import './facility.css';

/** The 管理責任者: requests, revokes, reviews and approves visits (001 第8 1(1), 2(1)ウ〜オ, 2(5)). */
export const KEEPER_ROLE = 'physical_security_manager';
/** The 保護システム管理者: consents to a permit and issues its certificate (001 第8 2(1)ウ). */
export const CONSENT_ROLE = 'protected_system_admin';
/** The 立入りの同行監視者 a visit's escort must be (001 第8 2(5)). */
export const ESCORT_ROLE = 'escort';

const holds = (me: Me | null, role: string) => (me?.designations ?? []).some((d) => d.role === role);

/** What the signed-in user may do on a roster; the server still judges every command. */
export function useFacilityRoles(): { keeper: boolean; consenter: boolean } {
  const { me } = useSession();
  return { keeper: holds(me, KEEPER_ROLE), consenter: holds(me, CONSENT_ROLE) };
}

/** The page frame of the facility screens: their styles apply inside `.facility` only. */
export function FacilityPage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Page title={title}>
      <div className="facility">{children}</div>
    </Page>
  );
}

export const facilityPath = (id: number) => `/facilities/${id}`;
export const rosterApi = (id: number | string) => `/api/v1/facilities/${encodeURIComponent(String(id))}`;

const KIND_KEYS: Record<FacilityKind, MessageKey> = {
  handling_facility: 'facility.kind.handling_facility',
  related_facility: 'facility.kind.related_facility',
};

export function KindLabel({ kind }: { kind: FacilityKind }) {
  const { t } = useI18n();
  const key = KIND_KEYS[kind];
  return <span className={`badge kind-${kind}`}>{key ? t(key) : kind}</span>;
}

const STATE_KEYS: Record<PermitState, MessageKey> = {
  pending_consent: 'facility.state.pending_consent',
  granted: 'facility.state.granted',
  revoked: 'facility.state.revoked',
};

/** A permit's state; a granted one shows its certificate number beside it. */
export function PermitStateBadge({ permit }: { permit: Permit }) {
  const { t } = useI18n();
  const key = STATE_KEYS[permit.state];
  return (
    <>
      <span className={`badge permit-${permit.state}`} data-state={permit.state}>
        {key ? t(key) : permit.state}
      </span>
      {permit.certificate_no && (
        <div className="certificate" data-testid="certificate" data-value>
          {permit.certificate_no}
        </div>
      )}
    </>
  );
}

/** The server's refusal; for a 403, first the sentence saying who may read the entry rosters. */
export function Refusal({ error }: { error: ApiError | null }) {
  return <SharedRefusal error={error} denied="facility.denied" testId="facility-denied" />;
}


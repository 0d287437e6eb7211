// Small parts the people screens share: the page frame, a version's state badge, the roster tabs, role
// names from /roles, the refusal shown without people.agreements, and today's date in the
// organization's zone (the default of date fields).
import type { ReactNode } from 'react';
import { Page, Refusal as SharedRefusal } from '../components/ui';
import { useI18n, type MessageKey } from '../i18n';
import { query, type ApiError } from '../lib/api';
import { Link } from '../lib/router';
import { useData } from '../lib/useData';
import type { RosterDef, RosterName, VersionState } from './types';
import './people.css';

/** The page frame of the people screens: their styles apply inside `.people` only. */
export function PeoplePage({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Page title={title}>
      <div className="people">{children}</div>
    </Page>
  );
}

const STATE_KEYS: Record<VersionState, MessageKey> = {
  draft: 'people.state.draft',
  submitted: 'people.state.submitted',
  confirmed: 'people.state.confirmed',
  superseded: 'people.state.superseded',
  current: 'people.state.current',
};

/** The state of a roster version; "submitted" names the body the roster went to. */
export function VersionStateBadge({ state, roster }: { state: VersionState; roster: RosterDef }) {
  const { t, pick } = useI18n();
  const key = STATE_KEYS[state];
  return (
    <span className={`badge vstate vstate-${state}`} data-state={state}>
      {key ? t(key, { by: pick(roster.confirmed_by_ja, roster.confirmed_by_en) }) : state}
    </span>
  );
}

/** The roster's screen; `unitId` names the 課室等 of a per-unit roster. */
export const rosterPath = (code: string, unitId?: number) => `/rosters${query({ roster: code, unit_id: unitId })}`;
export const versionPath = (code: string, version: number, unitId?: number) =>
  `/rosters/${encodeURIComponent(code)}/versions/${version}${query({ unit_id: unitId })}`;
export const personPath = (id: number, kind?: string) => `/persons/${id}${query({ kind })}`;

export function RosterTabs({ rosters, current }: { rosters: RosterName[]; current: string }) {
  const { t, pick } = useI18n();
  return (
    <nav className="people-tabs" aria-label={t('people.rosters.tabs')}>
      <ul>
        {rosters.map((r) => (
          <li key={r.code}>
            <Link to={rosterPath(r.code)} aria-current={r.code === current ? 'page' : undefined} data-roster={r.code}>
              {r.per_unit ? t('people.rosters.per_unit_tab', { name: pick(r.name_ja, r.name_en) }) : pick(r.name_ja, r.name_en)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

interface RoleInfo {
  code: string;
  name_ja: string;
  name_en: string;
}

/** Role code → its name in the viewer's language (the code itself until /roles answers, or if unknown). */
export function useRoleNames(): (code: string) => string {
  const { pick } = useI18n();
  const roles = useData<{ roles: RoleInfo[] }>('/api/v1/roles');
  return (code) => {
    const r = roles.data?.roles.find((x) => x.code === code);
    return r ? pick(r.name_ja, r.name_en) : code;
  };
}

/**
 * The server's refusal; for a 403, first the sentence saying who may see rosters (or, with `perUnit`,
 * the record of a 課室等).
 */
export function Refusal({ error, perUnit = false }: { error: ApiError | null; perUnit?: boolean }) {
  return (
    <SharedRefusal error={error} denied={perUnit ? 'people.rosters.denied_unit' : 'people.rosters.denied'} testId="people-denied" />
  );
}

export { useToday } from '../components/ui';

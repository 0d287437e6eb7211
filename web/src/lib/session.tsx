// Who is signed in: GET /api/v1/auth/me once at start and after sign-in. The UI uses the
// permission map only to hide what the user may not do; the server still judges every request.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, onSessionExpired, setCsrfToken } from './api';
import { zoneOffsetMinutes } from './format';
import { useI18n } from '../i18n';

export interface Designation {
  designation_id: number;
  role: string;
  role_ja: string;
  role_en: string;
  unit_id: number;
  unit_name: string;
}

export interface Me {
  username: string;
  person_id: number;
  family_name: string;
  given_name: string;
  title: string;
  unit_id: number;
  unit_name: string;
  must_change_password: boolean;
  designations: Designation[];
  /** permission code → 'all' or the org-unit ids where the user holds it */
  permissions: Record<string, 'all' | number[]>;
  csrf_token: string;
  org: { name: string; profile: string; timezone: string; workday_end: string };
}

export type SessionState =
  | { status: 'loading' }
  | { status: 'signed-out'; reason?: 'expired' | 'signed-out' }
  | { status: 'signed-in'; me: Me };

interface SessionApi {
  state: SessionState;
  me: Me | null;
  refresh(): Promise<void>;
  signIn(username: string, password: string, totp?: string): Promise<void>;
  signOut(everywhere?: boolean): Promise<void>;
  /** True when the user holds `permission` (anywhere, or for `unitId` when given). */
  can(permission: string, unitId?: number): boolean;
}

const SessionContext = createContext<SessionApi | null>(null);

export function hasPermission(me: Me | null, permission: string, unitId?: number): boolean {
  if (!me) return false;
  const p = me.permissions[permission];
  if (!p) return false;
  if (p === 'all') return true;
  return unitId === undefined ? p.length > 0 : p.includes(unitId);
}

export function SessionProvider({ children, initial }: { children: ReactNode; initial?: SessionState }) {
  const [state, setState] = useState<SessionState>(initial ?? { status: 'loading' });
  const { setOffsetMinutes } = useI18n();

  const refresh = useCallback(async () => {
    try {
      const me = await api.get<Me>('/api/v1/auth/me', { quiet401: true });
      setCsrfToken(me.csrf_token);
      setOffsetMinutes(zoneOffsetMinutes(me.org?.timezone));
      setState({ status: 'signed-in', me });
    } catch (e) {
      if (e instanceof ApiError && e.status === 401) setState({ status: 'signed-out' });
      else throw e;
    }
  }, [setOffsetMinutes]);

  useEffect(() => {
    if (!initial) refresh().catch(() => setState({ status: 'signed-out' }));
    return onSessionExpired(() => {
      setCsrfToken('');
      setState({ status: 'signed-out', reason: 'expired' });
    });
  }, [initial, refresh]);

  const signIn = useCallback(
    async (username: string, password: string, totp?: string) => {
      const r = await api.post<{ csrf_token: string }>(
        '/api/v1/auth/login',
        totp ? { username, password, totp } : { username, password },
        { quiet401: true },
      );
      setCsrfToken(r.csrf_token);
      await refresh();
    },
    [refresh],
  );

  const signOut = useCallback(async (everywhere = false) => {
    try {
      await api.post('/api/v1/auth/logout', { everywhere }, { quiet401: true });
    } finally {
      setCsrfToken('');
      setState({ status: 'signed-out', reason: 'signed-out' });
    }
  }, []);

  const me = state.status === 'signed-in' ? state.me : null;
  const value = useMemo<SessionApi>(
    () => ({ state, me, refresh, signIn, signOut, can: (p, u) => hasPermission(me, p, u) }),
    [state, me, refresh, signIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}

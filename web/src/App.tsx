// The route table: one entry per screen; pages receive the path parameters.
import type { ComponentType } from 'react';
import { useI18n } from './i18n';
import { matchPath, useLocation } from './lib/router';
import { useSession } from './lib/session';
import { ClausePage } from './compliance/ClausePage';
import { ComplianceDashboard } from './compliance/Dashboard';
import { Duties } from './compliance/Duties';
import { Violations } from './compliance/Violations';
import { Layout } from './components/Layout';
import { Loading, Page } from './components/ui';
import { Admin } from './pages/Admin';
import { Approvals } from './pages/Approvals';
import { Home } from './pages/Home';
import { ItemList } from './pages/ItemList';
import { ItemOperation } from './pages/ItemOperation';
import { ItemPage } from './pages/ItemPage';
import { ItemRegister } from './pages/ItemRegister';
import { ReconciliationNew } from './pages/ReconciliationNew';
import { ReconciliationPage } from './pages/ReconciliationPage';
import { Reconciliations } from './pages/Reconciliations';
import { MustChangePassword, Settings } from './pages/Settings';
import { SignIn } from './pages/SignIn';
import { Trail } from './pages/Trail';
import { Training } from './training/Training';
import { EntryRosterPage } from './facility/EntryRoster';
import { Facilities } from './facility/Facilities';
import { PersonRecordPage } from './people/PersonRecord';
import { Rosters } from './people/Rosters';
import { RosterVersionPage } from './people/RosterVersion';

type Screen = ComponentType<{ params: Record<string, string> }>;
export const ROUTES: Array<[string, Screen]> = [
  ['/', Home],
  ['/items', ItemList],
  ['/items/new', ItemRegister],
  ['/items/:no', ItemPage],
  ['/items/:no/:op', ItemOperation],
  ['/approvals', Approvals],
  ['/reconciliations', Reconciliations],
  ['/reconciliations/new', ReconciliationNew],
  ['/reconciliations/:id', ReconciliationPage],
  ['/trail', Trail],
  ['/compliance', ComplianceDashboard],
  ['/compliance/clause', ClausePage],
  ['/compliance/violations', Violations],
  ['/duties', Duties],
  ['/rosters', Rosters],
  ['/rosters/:roster/versions/:version', RosterVersionPage],
  ['/persons/:person', PersonRecordPage],
  ['/facilities', Facilities],
  ['/facilities/:unit', EntryRosterPage],
  ['/training', Training],
  ['/admin', Admin],
  ['/admin/:section', Admin],
  ['/settings', Settings],
];

function NotFound() {
  const { t } = useI18n();
  return <Page title={t('common.not_found')}>{null}</Page>;
}

export function resolve(path: string): { Screen: Screen; params: Record<string, string> } {
  for (const [pattern, Screen] of ROUTES) {
    const params = matchPath(pattern, path);
    if (params) return { Screen, params };
  }
  return { Screen: NotFound, params: {} };
}

export function App() {
  const { state } = useSession();
  const { path } = useLocation();
  if (state.status === 'loading') return <Loading />;
  if (state.status === 'signed-out') return <SignIn reason={state.reason} />;
  if (state.me.must_change_password)
    return (
      <Layout>
        <MustChangePassword />
      </Layout>
    );
  const { Screen, params } = resolve(path);
  return (
    <Layout>
      <Screen key={path} params={params} />
    </Layout>
  );
}

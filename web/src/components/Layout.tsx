// The frame around every signed-in screen: skip link, header with the organization and the
// user, the main menu (only what the user's designations allow), language and date switches.
import type { ReactNode } from 'react';
import { useI18n, type MessageKey } from '../i18n';
import { Link, useLocation } from '../lib/router';
import { useSession } from '../lib/session';
import { personName } from '../lib/format';

/** A menu entry, shown to everyone unless it names permissions or roles: then to whoever holds one of them. */
interface NavEntry {
  to: string;
  key: MessageKey;
  /** shown to holders of one of these permissions in some unit */
  permissions?: string[];
  /** shown to holders (in force) of one of these roles */
  roles?: string[];
}
const NAV: NavEntry[] = [
  { to: '/', key: 'nav.home' },
  { to: '/items', key: 'nav.items', permissions: ['ledger.view'] },
  { to: '/approvals', key: 'nav.approvals', permissions: ['ledger.approve'] },
  { to: '/reconciliations', key: 'nav.reconciliations', permissions: ['ledger.view'] },
  { to: '/duties', key: 'nav.duties' },
  { to: '/compliance', key: 'nav.compliance', permissions: ['compliance.view'] },
  // The rosters: their keepers and readers; a 課室等's record of system users also its システム担当者 (000 第2 2(7)).
  { to: '/rosters', key: 'nav.rosters', permissions: ['people.agreements', 'org.admin'], roles: ['system_liaison'] },
  { to: '/training', key: 'nav.training', permissions: ['training.record'] },
  { to: '/facilities', key: 'nav.facilities', roles: ['physical_security_manager', 'protected_system_admin'] },
  { to: '/trail', key: 'nav.trail', permissions: ['trail.view'] },
  { to: '/admin', key: 'nav.admin', permissions: ['org.admin'] },
  { to: '/settings', key: 'nav.settings' },
];

export function LanguageSwitch() {
  const { t, lang, setLang, dateStyle, setDateStyle } = useI18n();
  return (
    <div className="switches">
      <label>
        {t('lang.label')}{' '}
        <select value={lang} onChange={(e) => setLang(e.target.value as 'ja' | 'en')} data-testid="lang-switch">
          <option value="ja">{t('lang.ja')}</option>
          <option value="en">{t('lang.en')}</option>
        </select>
      </label>
      <label>
        {t('dates.label')}{' '}
        <select value={dateStyle} onChange={(e) => setDateStyle(e.target.value as 'wareki' | 'seireki')}>
          <option value="wareki">{t('dates.wareki')}</option>
          <option value="seireki">{t('dates.seireki')}</option>
        </select>
      </label>
    </div>
  );
}

export function Layout({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { me, can, signOut } = useSession();
  const { path } = useLocation();
  const holdsRole = (roles: string[]) => (me?.designations ?? []).some((d) => roles.includes(d.role));
  const current = (to: string) => (to === '/' ? path === '/' : path === to || path.startsWith(`${to}/`));
  return (
    <div className="app">
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="app-header">
        <div className="brand">
          <Link to="/">{t('app.name')}</Link>
          {me && <span className="org">{me.org.name}</span>}
        </div>
        <LanguageSwitch />
        {me && (
          <div className="who">
            <span data-testid="who">
              {personName(me.family_name, me.given_name)}（{me.unit_name}）
            </span>
            <button type="button" onClick={() => void signOut(false)}>
              {t('nav.signout')}
            </button>
          </div>
        )}
      </header>
      <nav className="main-nav" aria-label={t('nav.main')}>
        <ul>
          {NAV.filter((n) => (!n.permissions && !n.roles) || (n.permissions ?? []).some((p) => can(p)) || (!!n.roles && holdsRole(n.roles))).map((n) => (
            <li key={n.to}>
              <Link to={n.to} aria-current={current(n.to) ? 'page' : undefined}>
                {t(n.key)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}

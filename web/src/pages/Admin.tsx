// /admin and /admin/:section — units, people, accounts, designations and 指定書 for holders of
// org.admin (000 第2 2(2)). The sections are links (aria-current on the open one). Without
// org.admin the forms are not offered; the server judges every request either way.
import { useI18n } from '../i18n';
import { Link } from '../lib/router';
import { useSession } from '../lib/session';
import { Page } from '../components/ui';
import { AccountsSection } from '../admin/AccountsSection';
import { CertificatesSection } from '../admin/CertificatesSection';
import { DesignationsSection } from '../admin/DesignationsSection';
import { PeopleSection } from '../admin/PeopleSection';
import { UnitsSection } from '../admin/UnitsSection';
import '../admin/admin.css';

const SECTIONS = ['units', 'people', 'accounts', 'designations', 'certificates'] as const;
type Section = (typeof SECTIONS)[number];
const isSection = (s: string): s is Section => (SECTIONS as readonly string[]).includes(s);

const TITLE = {
  units: 'admin.section.units',
  people: 'admin.section.people',
  accounts: 'admin.section.accounts',
  designations: 'admin.section.designations',
  certificates: 'admin.section.certificates',
} as const;

export function Admin({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const { can } = useSession();
  const section = params.section ?? 'units';
  const canAdmin = can('org.admin');
  if (!isSection(section))
    return (
      <Page title={t('admin.title')}>
        <p>{t('common.not_found')}</p>
      </Page>
    );
  return (
    <Page title={t('admin.title')}>
      {!canAdmin && <p className="notice warn">{t('admin.no_permission')}</p>}
      <nav className="admin-tabs" aria-label={t('admin.sections')}>
        <ul>
          {SECTIONS.map((s) => (
            <li key={s}>
              <Link to={`/admin/${s}`} aria-current={s === section ? 'page' : undefined}>
                {t(TITLE[s])}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <section aria-labelledby="admin-section-title" className="admin-section">
        <h2 id="admin-section-title">{t(TITLE[section])}</h2>
        {section === 'units' && <UnitsSection canAdmin={canAdmin} />}
        {section === 'people' && <PeopleSection canAdmin={canAdmin} />}
        {section === 'accounts' && <AccountsSection canAdmin={canAdmin} />}
        {section === 'designations' && <DesignationsSection canAdmin={canAdmin} />}
        {section === 'certificates' && <CertificatesSection />}
      </section>
    </Page>
  );
}

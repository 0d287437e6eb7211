// 指定書 (000 第1(12)): the certificates issued with designations of the audit officer, the
// certifier and the incident officer.
import { useI18n } from '../i18n';
import { useData } from '../lib/useData';
import { ErrorBox, Loading } from '../components/ui';
import { AdminTable } from './common';
import type { Certificate, RoleCatalog } from './types';

export function CertificatesSection() {
  const { t, pick, date } = useI18n();
  const list = useData<{ certificates: Certificate[] }>('/api/v1/certificates');
  const catalog = useData<RoleCatalog>('/api/v1/roles');
  const error = list.error ?? catalog.error;
  if (error) return <ErrorBox error={error} />;
  if (!list.data) return <Loading />;
  const roleName = (code: string) => {
    const r = catalog.data?.roles.find((x) => x.code === code);
    return r ? pick(r.name_ja, r.name_en) : code;
  };
  const certs = list.data.certificates;
  const bases = [...new Set(certs.map((c) => c.legal_basis).filter(Boolean))];
  if (certs.length === 0) return <p className="notice">{t('admin.certificate.none')}</p>;
  return (
    <>
      <AdminTable
        data-testid="certificates-table"
        caption={t('admin.certificate.caption')}
        count={certs.length}
        columns={[
          t('admin.certificate.number'),
          t('admin.certificate.role'),
          t('admin.certificate.clause'),
          t('admin.certificate.affiliation'),
          t('admin.certificate.title'),
          t('admin.certificate.name'),
          t('admin.certificate.issued_at'),
          t('admin.certificate.issuer'),
          t('admin.certificate.designation'),
        ]}
      >
        {certs.map((c) => (
          <tr key={c.id}>
            <th scope="row" data-value>
              {c.number}
            </th>
            <td>{roleName(c.role_code)}</td>
            <td>{c.clause}</td>
            <td>{c.affiliation}</td>
            <td>{c.title}</td>
            <td>{c.name}</td>
            <td>
              <time dateTime={c.issued_at}>{date(c.issued_at, true)}</time>
            </td>
            <td>{t('admin.certificate.issuer_value', { title: c.issuer_title, name: c.issuer_name })}</td>
            <td className="num">{c.designation_id}</td>
          </tr>
        ))}
      </AdminTable>
      {bases.map((b) => (
        <p key={b} className="hint">
          {t('admin.certificate.legal_basis', { basis: b })}
        </p>
      ))}
    </>
  );
}

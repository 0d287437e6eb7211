// /facilities — the handling and related facilities (001 第8 2(1)ア) with their entry permits (permitted,
// awaiting consent, revoked), approved visits and last review; each opens its entry roster. For the
// 管理責任者 and the 保護システム管理者; anyone else sees the server's refusal (403, 001 第8 2(1)ウ).
import { Loading, Table } from '../components/ui';
import { useI18n } from '../i18n';
import { Link } from '../lib/router';
import { useData } from '../lib/useData';
import { FacilityPage, facilityPath, KindLabel, Refusal } from './common';
import type { FacilityRow } from './types';

function FacilityTable({ rows }: { rows: FacilityRow[] }) {
  const { t, pick, date } = useI18n();
  return (
    <Table
      data-testid="facilities"
      caption={t('facility.list.caption')}
      columns={[
        t('facility.col.name'),
        t('facility.col.kind'),
        t('facility.col.granted'),
        t('facility.col.pending'),
        t('facility.col.revoked'),
        t('facility.col.visits'),
        t('facility.col.last_review'),
      ]}
    >
      {rows.map((f) => {
        const name = pick(f.name_ja, f.name_en);
        return (
          <tr key={f.id} data-testid="facility-row" data-facility={f.id}>
            <th scope="row">
              <Link to={facilityPath(f.id)} aria-label={t('facility.list.open', { name })} data-value>
                {name}
              </Link>
            </th>
            <td>
              <KindLabel kind={f.kind} />
            </td>
            <td className="num">{f.granted}</td>
            <td className="num">{f.pending}</td>
            <td className="num">{f.revoked}</td>
            <td className="num">{f.visits}</td>
            <td className="nowrap">{f.last_review_at ? date(f.last_review_at, true) : t('facility.never_reviewed')}</td>
          </tr>
        );
      })}
    </Table>
  );
}

export function Facilities(_props: { params: Record<string, string> }) {
  const { t } = useI18n();
  const list = useData<{ facilities: FacilityRow[] }>('/api/v1/facilities');
  const rows = list.data?.facilities;
  return (
    <FacilityPage title={t('facility.list.title')}>
      <p className="lead">{t('facility.list.lead')}</p>
      {list.loading && !rows && <Loading />}
      <Refusal error={list.error} />
      {rows && (rows.length === 0 ? <p className="empty">{t('facility.list.none')}</p> : <FacilityTable rows={rows} />)}
    </FacilityPage>
  );
}

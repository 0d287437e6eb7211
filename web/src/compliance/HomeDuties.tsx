// The home page's block of the user's overdue duties: how many, the oldest few, a link to /duties.
import { useI18n } from '../i18n';
import { Link } from '../lib/router';
import { useData } from '../lib/useData';
import { WorkSection, WorkTable } from '../work/Section';
import { ClauseRef } from './common';
import type { Duty } from './types';

export function HomeDuties() {
  const { t, pick, date } = useI18n();
  const { data, error } = useData<{ occurrences: Duty[] }>('/api/v1/obligations?status=overdue&mine=1');
  const rows = [...(data?.occurrences ?? [])].sort((a, b) => a.due_at.localeCompare(b.due_at));
  return (
    <WorkSection
      id="home-duties"
      title={t('compliance.home.title')}
      count={data ? rows.length : null}
      error={error}
      empty={t('compliance.home.none')}
      more={{ to: '/duties', label: t('compliance.home.open') }}
    >
      <WorkTable
        caption={t('compliance.home.caption')}
        columns={[t('compliance.col.duty'), t('compliance.col.clause'), t('compliance.col.due')]}
        rows={rows}
        total={rows.length}
        row={(d) => (
          <tr key={d.id}>
            <th scope="row">
              <Link to={`/duties?id=${d.id}`}>{pick(d.name_ja, d.name_en)}</Link>
            </th>
            <td>
              <ClauseRef value={d.clause} />
            </td>
            <td>{date(d.due_at)}</td>
          </tr>
        )}
      />
    </WorkSection>
  );
}

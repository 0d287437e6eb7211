// /compliance/violations?unit_id=&severity=&rule=&profile= — every violation the rules found, filtered by
// the server (the filters live in the address), each linked to its clause and to the record at fault.
import { Page, SelectField } from '../components/ui';
import { useI18n } from '../i18n';
import { query } from '../lib/api';
import { Link, setSearch, useLocation } from '../lib/router';
import { useData } from '../lib/useData';
import { useUnits } from '../work/data';
import { ClauseLink, ComplianceTable, EvidenceLink, Refusal, SeverityBadge } from './common';
import { labelOf, SEVERITIES, SEVERITY_KEYS } from './labels';
import type { Violation } from './types';

const FILTERS = ['unit_id', 'severity', 'rule', 'profile'] as const;
type Filter = (typeof FILTERS)[number];

export function Violations(_props: { params: Record<string, string> }) {
  const { t, pick } = useI18n();
  const { search } = useLocation();
  const filters = Object.fromEntries(FILTERS.map((k) => [k, search.get(k) ?? ''])) as Record<Filter, string>;
  const list = useData<{ violations: Violation[]; total?: number }>(`/api/v1/compliance/violations${query(filters)}`);
  const units = useUnits();
  const patch = (p: Partial<Record<Filter, string>>) => setSearch({ ...filters, ...p });
  const all = { value: '', label: t('common.all') };
  const rows = list.data?.violations;
  const any = FILTERS.some((k) => filters[k]);
  return (
    <Page
      title={t('compliance.violations.title')}
      actions={
        <Link className="button" to="/compliance">
          {t('compliance.back')}
        </Link>
      }
    >
      <form className="filters card" role="search" aria-label={t('compliance.violations.filters')} onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label={t('compliance.col.unit')}
          name="unit_id"
          value={filters.unit_id}
          onChange={(e) => patch({ unit_id: e.target.value })}
          options={[all, ...units.units.map((u) => ({ value: String(u.id), label: pick(u.name_ja, u.name_en) }))]}
        />
        <SelectField
          label={t('compliance.col.severity')}
          name="severity"
          value={filters.severity}
          onChange={(e) => patch({ severity: e.target.value })}
          options={[all, ...SEVERITIES.map((s) => ({ value: s, label: labelOf(t, SEVERITY_KEYS, s) }))]}
        />
        {filters.rule && (
          <p className="compliance-chip">
            {t('compliance.violations.rule')}: <code>{filters.rule}</code>
          </p>
        )}
        {any && (
          <div className="filter-actions">
            <button type="button" onClick={() => setSearch({})}>
              {t('compliance.violations.clear')}
            </button>
          </div>
        )}
      </form>
      <Refusal error={list.error} />
      <p className="result-count" role="status" aria-live="polite" data-testid="violation-count">
        {rows
          ? (list.data?.total ?? rows.length) > rows.length
            ? t('compliance.violations.count_of', { n: rows.length, total: list.data?.total ?? rows.length })
            : t('compliance.violations.count', { n: rows.length })
          : t('common.loading')}
      </p>
      {rows && (
        <ComplianceTable
          aria-busy={list.loading || undefined}
          data-testid="violations"
          caption={t('compliance.violations.caption')}
          columns={['subject', 'severity', 'clause', 'rule', 'unit', 'message']}
        >
          {rows.map((v) => (
            <tr key={`${v.profile}:${v.rule}:${v.subject_id}`} data-testid="violation" data-subject={v.subject} data-severity={v.severity}>
              <th scope="row">
                {v.evidence ? <EvidenceLink value={v.evidence}>{v.subject}</EvidenceLink> : <span data-value>{v.subject}</span>}
              </th>
              <td>
                <SeverityBadge severity={v.severity} />
              </td>
              <td>
                <ClauseLink profile={v.profile} value={v.clause} />
              </td>
              <td>
                <code>{v.rule}</code>
              </td>
              <td>{v.unit_id !== null ? units.name(v.unit_id, v.unit_code ?? '') : ''}</td>
              <td>{pick(v.message_ja, v.message_en)}</td>
            </tr>
          ))}
          {rows.length === 0 && (
            <tr>
              <td colSpan={6} className="empty">
                {t('compliance.violations.none')}
              </td>
            </tr>
          )}
        </ComplianceTable>
      )}
    </Page>
  );
}

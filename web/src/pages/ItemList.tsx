// /items — the media and devices the viewer may see, filtered and paged by the server. The filters
// live in the address (?unit_id=&kind=&state=&holder_person_id=&overdue=1&q=&page=) so that they
// survive a reload and can be bookmarked; the number filter is debounced.
import { useEffect, useMemo, useState } from 'react';
import { useI18n } from '../i18n';
import { query, seg } from '../lib/api';
import { personName } from '../lib/format';
import { Link, setSearch, useLocation } from '../lib/router';
import { useSession } from '../lib/session';
import { useData } from '../lib/useData';
import { CheckField, ErrorBox, Pager, SelectField, Table, TextField, useOptions } from '../components/ui';
import { ExportLinks, LedgerPage, usePersons, useUnits } from '../ledger/common';
import { kindKey, STATES, stateKey } from '../ledger/labels';
import type { ItemListResult } from '../ledger/types';

export const PER_PAGE = 50;
const FILTER_KEYS = ['unit_id', 'kind', 'state', 'holder_person_id', 'overdue', 'q'] as const;
type FilterKey = (typeof FILTER_KEYS)[number];

/** Changes some filters, keeping the others as the address has them now; any change goes back to page 1. */
function patchSearch(patch: Partial<Record<FilterKey | 'page', string>>) {
  const next: Record<string, string> = {};
  new URLSearchParams(window.location.search).forEach((v, k) => (next[k] = v));
  Object.assign(next, patch);
  if (!('page' in patch)) delete next.page;
  setSearch(next);
}

export function ItemList(_props: { params: Record<string, string> }) {
  const { t, pick, date } = useI18n();
  const { can } = useSession();
  const { search } = useLocation();
  const filters = Object.fromEntries(FILTER_KEYS.map((k) => [k, search.get(k) ?? ''])) as Record<FilterKey, string>;
  const page = Math.max(1, Number(search.get('page') ?? '1') || 1);

  // The number filter: typed freely, written to the address 300 ms after the last key.
  const [qText, setQText] = useState(filters.q);
  useEffect(() => {
    if (qText.trim() === filters.q) return;
    const timer = window.setTimeout(() => patchSearch({ q: qText.trim() }), 300);
    return () => window.clearTimeout(timer);
  }, [qText, filters.q]);
  // …and follows the address when it changes otherwise (clear, back).
  const [seenQ, setSeenQ] = useState(filters.q);
  if (seenQ !== filters.q) {
    setSeenQ(filters.q);
    if (qText.trim() !== filters.q) setQText(filters.q);
  }

  const path = `/api/v1/items${query({
    unit_id: filters.unit_id,
    kind: filters.kind,
    state: filters.state,
    holder_person_id: filters.holder_person_id,
    overdue: filters.overdue ? 'true' : undefined,
    q: filters.q,
    page: page > 1 ? page : undefined,
    per_page: PER_PAGE,
  })}`;
  const list = useData<ItemListResult>(path);
  const units = useUnits();
  const persons = usePersons();

  const viewable = useMemo(
    () => (units.data?.units ?? []).filter((u) => u.kind !== 'bureau' && can('ledger.view', u.id)),
    [units.data, can],
  );
  const holders = useMemo(
    () => (persons.data?.persons ?? []).filter((p) => p.active !== 0 && can('ledger.view', p.unit_id)),
    [persons.data, can],
  );
  const unitLabel = (id: number, fallback?: string) => {
    const u = units.data?.units.find((x) => x.id === id);
    return u ? pick(u.name_ja, u.name_en) : (fallback ?? '');
  };
  // The unit whose ledgers the export links give: the one chosen, or the only one the viewer sees.
  const exportUnit = filters.unit_id ? Number(filters.unit_id) : viewable.length === 1 ? viewable[0].id : null;
  const any = FILTER_KEYS.some((k) => filters[k]) || qText !== '';
  const options = useOptions();
  const all = { value: '', label: t('common.all') };
  /** A select filter: its value is the address's, a change goes to the address. */
  const filter = (k: FilterKey) => ({
    name: k,
    value: filters[k],
    onChange: (e: { target: { value: string } }) => patchSearch({ [k]: e.target.value }),
  });
  const data = list.data;

  return (
    <LedgerPage
      title={t('ledger.title')}
      actions={
        can('ledger.register') && (
          <Link className="button primary" to="/items/new">
            {t('ledger.list.register')}
          </Link>
        )
      }
    >
      <form
        className="filters card"
        role="search"
        aria-label={t('ledger.filters')}
        onSubmit={(e) => {
          e.preventDefault();
          patchSearch({ q: qText.trim() });
        }}
      >
        <TextField
          label={t('ledger.filter.q')}
          name="q"
          type="search"
          value={qText}
          hint={t('ledger.filter.q_hint')}
          onChange={(e) => setQText(e.target.value)}
          autoComplete="off"
        />
        <SelectField
          label={t('ledger.filter.unit')}
          {...filter('unit_id')}
          options={[all, ...viewable.map((u) => ({ value: String(u.id), label: pick(u.name_ja, u.name_en) }))]}
        />
        <SelectField
          label={t('ledger.filter.kind')}
          {...filter('kind')}
          options={options({ '': 'common.all', medium: 'ledger.kind.medium', device: 'ledger.kind.device' })}
        />
        <SelectField
          label={t('ledger.filter.state')}
          {...filter('state')}
          options={[all, ...STATES.map((s) => ({ value: s, label: t(stateKey(s)!) }))]}
        />
        <SelectField
          label={t('ledger.filter.holder')}
          {...filter('holder_person_id')}
          options={[all, ...holders.map((p) => ({ value: String(p.id), label: personName(p.family_name, p.given_name) }))]}
        />
        <CheckField
          label={t('ledger.filter.overdue')}
          name="overdue"
          checked={filters.overdue !== ''}
          onChange={(e) => patchSearch({ overdue: e.target.checked ? '1' : '' })}
        />
        <div className="filter-actions">
          <button type="submit">{t('common.search')}</button>
          {any && (
            <button
              type="button"
              onClick={() => {
                setQText('');
                setSearch({});
              }}
            >
              {t('ledger.filter.clear')}
            </button>
          )}
        </div>
      </form>

      <ErrorBox error={list.error} />
      <p className="result-count" role="status" aria-live="polite" data-testid="result-count">
        {data ? t('ledger.list.count', { total: data.total }) : t('common.loading')}
      </p>

      <Table
        className="item-list"
        aria-busy={list.loading || undefined}
        caption={t('ledger.list.caption')}
        columns={[
          t('ledger.col.control_no'),
          t('ledger.col.kind'),
          t('ledger.col.type'),
          t('ledger.col.unit'),
          t('ledger.col.state'),
          t('ledger.col.holder'),
          t('ledger.col.since'),
          t('ledger.col.due'),
        ]}
      >
        {data?.items.map((i) => (
          <tr key={i.id} className={i.overdue ? 'overdue' : undefined}>
            <th scope="row">
              <Link to={`/items/${seg(i.control_no)}`}>{i.control_no}</Link>
            </th>
            <td>{t(kindKey(i.kind))}</td>
            <td>{i.type}</td>
            <td>{unitLabel(i.custodian_unit_id, i.unit_name)}</td>
            <td>
              <span className={`state state-${i.state}`}>{pick(i.state_ja, i.state_en)}</span>
            </td>
            <td>{i.holder ?? ''}</td>
            <td>{date(i.started_at, true)}</td>
            <td>
              {i.state === 'out' ? date(i.period_until, true) : ''}
              {i.overdue && <span className="badge overdue">{t('ledger.overdue')}</span>}
            </td>
          </tr>
        ))}
        {data && data.items.length === 0 && (
          <tr>
            <td colSpan={8} className="empty">
              {t('ledger.list.empty')}
            </td>
          </tr>
        )}
      </Table>
      {data && data.total > data.per_page && (
        <Pager page={data.page} perPage={data.per_page} total={data.total} onPage={(p) => patchSearch({ page: String(p) })} />
      )}

      <section className="card export" aria-labelledby="export-title">
        <h2 id="export-title">{t('ledger.export.title')}</h2>
        {exportUnit ? (
          <ExportLinks
            base={`/api/v1/units/${seg(exportUnit)}/ledger`}
            label={t('ledger.export.unit', { unit: unitLabel(exportUnit) })}
            testId="unit-export"
          />
        ) : (
          <p>{t('ledger.export.pick_unit')}</p>
        )}
      </section>
    </LedgerPage>
  );
}

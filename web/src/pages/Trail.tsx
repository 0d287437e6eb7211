// /trail — the audit trail for holders of trail.view (000 第2 2(3)): the last signed tree head and
// the chain status first, then the events (filters in the URL, newest first, older pages by
// before_seq), each with its payload and, on request, an inclusion proof verified in the browser.
// A user without trail.view sees the server's refusal: the server is the judge.
import { useCallback, useEffect, useState } from 'react';
import { useI18n } from '../i18n';
import { api, ApiError } from '../lib/api';
import { setSearch, useLocation } from '../lib/router';
import { useData } from '../lib/useData';
import { ErrorBox, Loading, Page } from '../components/ui';
import type { Person } from '../admin/types';
import { useChainStatus } from '../trail/chain';
import { EventTable } from '../trail/EventTable';
import { FilterForm } from '../trail/FilterForm';
import { filtersFromSearch, PAGE_SIZE, searchFor, trailPath, type TrailFilters } from '../trail/filters';
import { HeadPanel } from '../trail/HeadPanel';
import type { TrailPage, TreeHead } from '../trail/types';
import '../trail/trail.css';

function useHead() {
  const [head, setHead] = useState<TreeHead | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const fetchHead = useCallback(async () => {
    setBusy(true);
    try {
      // The server signs a head for the trail as it is now.
      const h = await api.get<TreeHead>('/api/v1/trail/head');
      setHead(h);
      setError(null);
      return h;
    } catch (e) {
      if (e instanceof ApiError) setError(e);
      throw e;
    } finally {
      setBusy(false);
    }
  }, []);
  const refresh = useCallback(() => {
    fetchHead().catch(() => undefined);
  }, [fetchHead]);
  useEffect(refresh, [refresh]);
  return { head, error, busy, refresh, fetchHead };
}

export function Trail(_props: { params: Record<string, string> }) {
  const { t, offsetMinutes } = useI18n();
  const { search } = useLocation();
  const searchKey = search.toString();
  const filters = filtersFromSearch(search);
  const { beforeSeq } = filters;
  const head = useHead();
  const page = useData<TrailPage>(trailPath(filters, beforeSeq, offsetMinutes));
  const persons = useData<{ persons: Person[] }>('/api/v1/persons');
  const events = page.data?.events ?? null;
  const chain = useChainStatus(events);

  const apply = (f: TrailFilters) => setSearch(searchFor(f));
  const older = () => {
    if (events && events.length) setSearch(searchFor(filters, events[events.length - 1].seq));
  };
  const newest = () => setSearch(searchFor(filters));

  // One refusal is enough: without trail.view both requests are refused alike.
  const refusal = page.error ?? head.error;
  if (refusal && !page.data)
    return (
      <Page title={t('trail.title')}>
        <ErrorBox error={refusal} />
      </Page>
    );

  const hasOlder = !!events && events.length === PAGE_SIZE && events[events.length - 1].seq > 1;
  return (
    <Page title={t('trail.title')}>
      <p className="hint">{t('trail.intro')}</p>
      <HeadPanel
        head={head.head}
        trailSize={page.data?.size ?? null}
        chain={chain}
        shown={events?.length ?? 0}
        onRefresh={head.refresh}
        busy={head.busy}
      />
      {head.error && <ErrorBox error={head.error} />}
      <FilterForm key={searchKey} initial={filters} persons={persons.data?.persons ?? []} onApply={apply} />
      <ErrorBox error={page.error} />
      {!page.data ? (
        <Loading />
      ) : (
        <div aria-busy={page.loading || undefined}>
          <EventTable
            events={page.data.events}
            persons={persons.data?.persons ?? []}
            chain={chain}
            head={head.head}
            freshHead={head.fetchHead}
            size={page.data.size}
          />
          <nav className="pager" aria-label={t('trail.pages')}>
            <button type="button" onClick={newest} disabled={beforeSeq === null}>
              {t('trail.newest')}
            </button>
            <button type="button" onClick={older} disabled={!hasOlder}>
              {t('trail.older')}
            </button>
          </nav>
        </div>
      )}
    </Page>
  );
}

// Small shared loaders for the work screens: the unit list (for names in the viewer's language)
// and every page of an item query.
import { useCallback } from 'react';
import { api, query } from '../lib/api';
import { useData } from '../lib/useData';
import { useI18n } from '../i18n';
import type { ItemPage, ItemRow, Unit } from './types';

/** The organization's units, and a name for a unit id in the viewer's language. */
export function useUnits() {
  const { pick } = useI18n();
  const units = useData<{ units: Unit[] }>('/api/v1/units');
  const list = units.data?.units;
  const name = useCallback(
    (id: number, fallback = '') => {
      const u = list?.find((x) => x.id === id);
      return u ? pick(u.name_ja, u.name_en) : fallback;
    },
    [list, pick],
  );
  return { units: list ?? [], name, error: units.error, loading: units.loading };
}

export const PAGE_SIZE = 500;

/** Every item matching `params`, fetched page by page (the server caps a page at 500). */
export async function fetchAllItems(
  params: Record<string, string | number | undefined>,
  signal?: AbortSignal,
): Promise<ItemRow[]> {
  const out: ItemRow[] = [];
  for (let page = 1; ; page++) {
    const r = await api.get<ItemPage>(`/api/v1/items${query({ ...params, per_page: PAGE_SIZE, page })}`, { signal });
    out.push(...r.items);
    if (r.items.length === 0 || out.length >= r.total || r.items.length < r.per_page) return out;
  }
}

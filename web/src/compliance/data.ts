// Loading the duty calendar: every duty not yet done (one page: the server gives at most 500), and the
// done ones page by page (the server lists in due order, oldest first) so that the newest can be shown.
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError, query } from '../lib/api';
import type { Duty } from './types';

export const DUTY_PAGE = 500;
/** Pages of done duties read at most (the oldest are dropped past that). */
export const DONE_PAGES = 4;

interface DutyList {
  occurrences: Duty[];
  next_after?: number;
}

async function fetchDuties(params: Record<string, string | number | undefined>, pages: number, signal: AbortSignal) {
  const out: Duty[] = [];
  let after: number | undefined;
  for (let n = 0; n < pages; n++) {
    const r = await api.get<DutyList>(`/api/v1/obligations${query({ ...params, limit: DUTY_PAGE, after })}`, { signal });
    out.push(...r.occurrences);
    if (!r.next_after || r.occurrences.length === 0) return { duties: out, more: false };
    after = r.next_after;
  }
  return { duties: out, more: true };
}

export interface Duties {
  open: Duty[] | null;
  done: Duty[] | null;
  /** More duties exist than were read. */
  more: boolean;
  error: ApiError | null;
  loading: boolean;
  reload(): void;
}

/** The duties for `params` (mine, unit_id…): the open ones and the done ones, reloaded on change. */
export function useDuties(params: Record<string, string | number | undefined>): Duties {
  const key = query(params);
  const [state, setState] = useState<Omit<Duties, 'reload' | 'loading'>>({ open: null, done: null, more: false, error: null });
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    const ctl = new AbortController();
    const p = Object.fromEntries(new URLSearchParams(key));
    setLoading(true);
    Promise.all([fetchDuties({ ...p, status: 'open' }, 1, ctl.signal), fetchDuties({ ...p, status: 'done' }, DONE_PAGES, ctl.signal)])
      .then(([open, done]) => setState({ open: open.duties, done: done.duties, more: open.more || done.more, error: null }))
      .catch((e: unknown) => {
        if (e instanceof ApiError) setState((s) => ({ ...s, error: e }));
        else if (!(e instanceof DOMException)) throw e;
      })
      .finally(() => {
        if (!ctl.signal.aborted) setLoading(false);
      });
    return () => ctl.abort();
  }, [key, tick]);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { ...state, loading, reload };
}

// Account ids and states. GET /api/v1/persons gives each person's user name but not the account id
// that POST /accounts/{account_id}/disabled needs, nor whether the account is disabled. Until the
// server adds them to that list (requested), they are read from the trail: every write to the
// accounts table is recorded there as the row stored (password hash and TOTP secret left out), so
// the newest recorded row of each account is its current state. Reading the trail needs trail.view,
// which every org.admin role of the mod-internal profile also grants.
import { api, query } from '../lib/api';
import type { TrailPage } from '../trail/types';
import type { Person } from './types';

export interface AccountState {
  account_id: number;
  username: string;
  person_id: number;
  disabled: boolean;
  must_change_password: boolean;
  /** The trail event the state comes from (null when the server sent it directly). */
  seq: number | null;
}

const WRITERS = ['account.create', 'account.set_disabled', 'account.set_password', 'account.set_totp'];
const LIMIT = 1000;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every event of `command`, newest first, page by page. */
async function allEvents(command: string, signal?: AbortSignal) {
  const out: TrailPage['events'] = [];
  let before: number | undefined;
  for (;;) {
    const page = await api.get<TrailPage>(`/api/v1/trail${query({ command, limit: LIMIT, before_seq: before })}`, { signal });
    out.push(...page.events);
    if (page.events.length < LIMIT) return out;
    before = page.events[page.events.length - 1].seq;
  }
}

/** Newest recorded accounts row per account, keyed by user name. */
export function statesFromEvents(events: TrailPage['events']): Map<string, AccountState> {
  const byId = new Map<number, AccountState>();
  for (const e of events) {
    const p = e.payload;
    if (!isObj(p) || !Array.isArray(p.effects)) continue;
    for (const ef of p.effects) {
      if (!isObj(ef) || ef.t !== 'accounts' || !isObj(ef.row)) continue;
      const row = ef.row;
      const id = Number(row.id);
      const prev = byId.get(id);
      if (prev && prev.seq !== null && prev.seq > e.seq) continue;
      byId.set(id, {
        account_id: id,
        username: String(row.username ?? ''),
        person_id: Number(row.person_id),
        disabled: Number(row.disabled) === 1 || row.disabled === true,
        must_change_password: Number(row.must_change_password) === 1 || row.must_change_password === true,
        seq: e.seq,
      });
    }
  }
  return new Map([...byId.values()].map((s) => [s.username, s]));
}

export async function loadAccountStates(persons: Person[], signal?: AbortSignal): Promise<Map<string, AccountState>> {
  // A server that lists account ids with the persons makes the trail unnecessary.
  const withAccount = persons.filter((p) => p.username);
  if (withAccount.length > 0 && withAccount.every((p) => typeof p.account_id === 'number'))
    return new Map(
      withAccount.map((p) => [
        p.username as string,
        {
          account_id: p.account_id as number,
          username: p.username as string,
          person_id: p.id,
          disabled: Number(p.account_disabled) === 1 || p.account_disabled === true,
          must_change_password: false,
          seq: null,
        },
      ]),
    );
  const pages = await Promise.all(WRITERS.map((c) => allEvents(c, signal)));
  return statesFromEvents(pages.flat());
}

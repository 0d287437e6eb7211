// Loads JSON that stays the same for a whole session (the profile's definitions): asked of the server
// once per signed-in session and shared by every screen that reads it. The cache belongs to the session
// (the `me` answer of /auth/me): a new sign-in, or a refresh of the session, asks again. A refusal is
// not kept, so `reload()` (or the next screen) asks again.
import { useCallback, useEffect, useState } from 'react';
import { api, ApiError } from './api';
import { useSession } from './session';
import type { Data } from './useData';

interface Entry {
  promise: Promise<unknown>;
  done: boolean;
  value?: unknown;
}

const bySession = new WeakMap<object, Map<string, Entry>>();

function entries(owner: object): Map<string, Entry> {
  let m = bySession.get(owner);
  if (!m) {
    m = new Map();
    bySession.set(owner, m);
  }
  return m;
}

/** The entry of `path` for the session `owner`, asking the server when there is none. */
function load(owner: object, path: string): Entry {
  const m = entries(owner);
  const found = m.get(path);
  if (found) return found;
  const e: Entry = { promise: api.get<unknown>(path), done: false };
  e.promise.then(
    (v) => {
      e.value = v;
      e.done = true;
    },
    () => m.delete(path),
  );
  m.set(path, e);
  return e;
}

/** The answer of `path` already held for the session `owner`, if any. */
function held(owner: object | null, path: string): Entry | undefined {
  const e = owner ? bySession.get(owner)?.get(path) : undefined;
  return e?.done ? e : undefined;
}

/** Like useData, but the answer is fetched once per session and shared; nothing is asked while signed out. */
export function useSessionData<T>(path: string): Data<T> {
  const { me } = useSession();
  const [error, setError] = useState<ApiError | null>(null);
  const [, setTick] = useState(0);
  const [attempt, setAttempt] = useState(0);
  const ready = held(me, path);
  useEffect(() => {
    if (!me || held(me, path)) return;
    let live = true;
    load(me, path)
      .promise.then(() => {
        if (live) setTick((n) => n + 1);
      })
      .catch((e: unknown) => {
        if (!live) return;
        if (e instanceof ApiError) setError(e);
        else throw e;
      });
    return () => {
      live = false;
    };
  }, [me, path, attempt]);
  const reload = useCallback(() => {
    setError(null);
    setAttempt((n) => n + 1);
  }, []);
  return {
    data: ready ? (ready.value as T) : null,
    error: ready ? null : error,
    loading: !!me && !ready && !error,
    reload,
  };
}

// The chain status of the events on screen, recomputed in the browser: each event's chain hash must
// equal SHA-256(prev_hash ‖ leaf hash of its own content), and where two shown events are
// consecutive, the newer one's prev_hash must be the older one's hash.
import { useEffect, useState } from 'react';
import { checkChainLink } from './merkle';
import type { TrailEvent } from './types';

export interface ChainStatus {
  /** seq → the event's chain hash follows from its content; absent while checking. */
  bySeq: Map<number, boolean>;
  done: boolean;
  bad: number[];
  linksChecked: number;
  badLinks: number[];
}

export async function checkChain(events: TrailEvent[]): Promise<Omit<ChainStatus, 'done'>> {
  const bySeq = new Map<number, boolean>();
  const results = await Promise.all(events.map((e) => checkChainLink(e)));
  events.forEach((e, i) => bySeq.set(e.seq, results[i].ok));
  let linksChecked = 0;
  const badLinks: number[] = [];
  for (let i = 0; i + 1 < events.length; i++) {
    const newer = events[i];
    const older = events[i + 1];
    if (newer.seq !== older.seq + 1) continue;
    linksChecked++;
    if (newer.prev_hash !== older.hash) badLinks.push(newer.seq);
  }
  const bad = events.filter((e) => !bySeq.get(e.seq)).map((e) => e.seq);
  return { bySeq, bad, linksChecked, badLinks };
}

export function useChainStatus(events: TrailEvent[] | null): ChainStatus | null {
  const [status, setStatus] = useState<ChainStatus | null>(null);
  useEffect(() => {
    if (!events) {
      setStatus(null);
      return;
    }
    let live = true;
    setStatus({ bySeq: new Map(), done: false, bad: [], linksChecked: 0, badLinks: [] });
    checkChain(events).then((s) => {
      if (live) setStatus({ ...s, done: true });
    });
    return () => {
      live = false;
    };
  }, [events]);
  return status;
}

// The events, newest first. Each row opens to show the payload readably and its chain hashes; the
// inclusion proof of the event is fetched and verified on request.
import { Fragment, useState } from 'react';
import { useI18n } from '../i18n';
import { Link } from '../lib/router';
import { Fact, Table } from '../components/ui';
import type { Person } from '../admin/types';
import type { ChainStatus } from './chain';
import { entityLink } from './filters';
import { actorLabel, commandLabel } from './labels';
import { PayloadView } from './PayloadView';
import { ProofPanel } from './ProofPanel';
import type { TrailEvent, TreeHead } from './types';
import { Check, Hash } from './bits';

const COLUMNS = 7;

function EventRow({
  e,
  byUsername,
  chainOk,
  head,
  freshHead,
}: {
  e: TrailEvent;
  byUsername: Map<string, Person>;
  chainOk: boolean | undefined;
  head: TreeHead | null;
  freshHead: () => Promise<TreeHead>;
}) {
  const { t, date } = useI18n();
  const [open, setOpen] = useState(false);
  // Each request mounts a new proof panel (a new fetch against the current head).
  const [proofRequest, setProofRequest] = useState(0);
  const detailsId = `event-${e.seq}-details`;
  const link = entityLink(e.entity);
  const label = commandLabel(t, e.command);
  return (
    <Fragment>
      <tr data-seq={e.seq}>
        <th scope="row" className="num">
          {e.seq}
        </th>
        <td>
          <time dateTime={e.ts}>{date(e.ts, true)}</time>
        </td>
        <td>{actorLabel(t, e.actor, byUsername)}</td>
        <td>
          {label && <span className="cmd-label">{label}</span>} <code className="cmd-code">{e.command}</code>
        </td>
        <td>{link ? <Link to={link}>{e.entity}</Link> : <code>{e.entity}</code>}</td>
        <td>
          <Check ok={chainOk} />
        </td>
        <td className="row-actions">
          <button
            type="button"
            aria-expanded={open}
            aria-controls={detailsId}
            aria-label={t('trail.details.label', { seq: e.seq })}
            onClick={() => setOpen(!open)}
          >
            {t('trail.details.show')}
          </button>
          <button
            type="button"
            aria-label={t('trail.proof.request_label', { seq: e.seq })}
            onClick={() => {
              setOpen(true);
              setProofRequest((n) => n + 1);
            }}
          >
            {t('trail.proof.request')}
          </button>
        </td>
      </tr>
      {open && (
        <tr className="event-details" id={detailsId}>
          <td colSpan={COLUMNS}>
            <section aria-label={t('trail.details.title', { seq: e.seq })}>
              <h3>{t('trail.details.title', { seq: e.seq })}</h3>
              <PayloadView payload={e.payload} actorName={(a) => actorLabel(t, a, byUsername)} />
              <dl className="hashes">
                <Fact label={t('trail.prev_hash')}>
                  <Hash value={e.prev_hash} />
                </Fact>
                <Fact label={t('trail.hash')}>
                  <Hash value={e.hash} />
                </Fact>
              </dl>
              {proofRequest > 0 ? (
                <>
                  <ProofPanel key={proofRequest} event={e} head={head} freshHead={freshHead} />
                  <button type="button" onClick={() => setProofRequest(0)}>
                    {t('trail.proof.close')}
                  </button>
                </>
              ) : (
                <button type="button" onClick={() => setProofRequest(1)}>
                  {t('trail.proof.request')}
                </button>
              )}
            </section>
          </td>
        </tr>
      )}
    </Fragment>
  );
}

export function EventTable({
  events,
  persons,
  chain,
  head,
  freshHead,
  size,
}: {
  events: TrailEvent[];
  persons: Person[];
  chain: ChainStatus | null;
  head: TreeHead | null;
  freshHead: () => Promise<TreeHead>;
  size: number;
}) {
  const { t } = useI18n();
  const byUsername = new Map(persons.filter((p) => p.username).map((p) => [p.username as string, p]));
  if (events.length === 0) return <p className="notice">{t('trail.events.none')}</p>;
  return (
    <Table
      className="trail-events"
      caption={
        <>
          {t('trail.events.caption')}{' '}
          <span className="caption-note">
            {t('trail.events.shown', {
              n: events.length,
              from: events[events.length - 1].seq,
              to: events[0].seq,
              size,
            })}
          </span>
        </>
      }
      columns={[
        t('trail.col.seq'),
        t('trail.col.time'),
        t('trail.col.actor'),
        t('trail.col.command'),
        t('trail.col.entity'),
        t('trail.col.chain'),
        t('trail.col.details'),
      ]}
    >
      {events.map((e) => (
        <EventRow key={e.seq} e={e} byUsername={byUsername} chainOk={chain?.bySeq.get(e.seq)} head={head} freshHead={freshHead} />
      ))}
    </Table>
  );
}

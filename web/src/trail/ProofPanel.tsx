// The inclusion proof of one event, fetched on request and verified here: the leaf is recomputed from
// the event, the audit path is followed with WebCrypto SHA-256, and the root reached must be the
// root of the signed tree head (whose Ed25519 signature this browser checks too).
import { useEffect, useState } from 'react';
import { useI18n, type MessageKey } from '../i18n';
import { api, ApiError, query } from '../lib/api';
import { ErrorBox } from '../components/ui';
import { checkEventProof, verifyHeadSignature, type EventProofCheck } from './merkle';
import type { InclusionProof, TrailEvent, TreeHead } from './types';
import { Check, Hash } from './bits';

interface Result {
  head: TreeHead;
  newHead: boolean;
  proof: InclusionProof;
  check: EventProofCheck;
  signature: boolean | null;
}

export function ProofPanel({
  event,
  head,
  freshHead,
}: {
  event: TrailEvent;
  head: TreeHead | null;
  /** Gets (and shows) a newly signed head; used when the event is newer than `head`. */
  freshHead: () => Promise<TreeHead>;
}) {
  const { t, date } = useI18n();
  const [result, setResult] = useState<Result | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  useEffect(() => {
    let live = true;
    (async () => {
      try {
        let h = head;
        let newHead = false;
        if (!h || h.size < event.seq) {
          h = await freshHead();
          newHead = true;
        }
        const proof = await api.get<InclusionProof>(
          `/api/v1/trail/proofs/inclusion${query({ seq: event.seq, tree_size: h.size })}`,
        );
        const [check, signature] = await Promise.all([checkEventProof(event, proof, h), verifyHeadSignature(h)]);
        if (live) setResult({ head: h, newHead, proof, check, signature });
      } catch (e) {
        if (!live) return;
        if (e instanceof ApiError) setError(e);
        else throw e;
      }
    })();
    return () => {
      live = false;
    };
    // Fetched once per request: the panel is mounted anew for each request.
  }, []);

  const titleId = `proof-title-${event.seq}`;
  if (error)
    return (
      <section className="proof" aria-labelledby={titleId}>
        <h4 id={titleId}>{t('trail.proof.title')}</h4>
        <ErrorBox error={error} />
      </section>
    );
  if (!result)
    return (
      <section className="proof" aria-labelledby={titleId} aria-busy="true">
        <h4 id={titleId}>{t('trail.proof.title')}</h4>
        <p className="loading" role="status">
          {t('trail.proof.loading')}
        </p>
      </section>
    );

  const { head: h, proof, check, signature, newHead } = result;
  const signatureOk = signature ?? h.verified_signature;
  const verified = check.verified && signatureOk;
  return (
    <section className="proof" aria-labelledby={titleId} data-testid={`proof-${event.seq}`}>
      <h4 id={titleId}>{t('trail.proof.title')}</h4>
      <p className={`verdict ${verified ? 'verdict-ok' : 'verdict-bad'}`} role="status" data-verified={verified}>
        {verified
          ? t('trail.proof.verified', { seq: event.seq, size: h.size, time: date(h.ts, true) })
          : t('trail.proof.failed')}
        {!verified && check.path.failure && (
          <>
            {' '}
            {t(`trail.proof.failure.${check.path.failure}` as MessageKey)}
          </>
        )}
      </p>
      {newHead && <p className="hint">{t('trail.proof.new_head')}</p>}
      <p className="hint">{t('trail.proof.explain')}</p>
      <div className="table-wrap">
        <table className="checks">
          <caption>{t('trail.proof.check')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('trail.proof.check')}</th>
              <th scope="col">{t('trail.payload.value')}</th>
              <th scope="col">{t('trail.proof.result')}</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">{t('trail.proof.leaf')}</th>
              <td>
                <Hash value={check.leafHash} />
              </td>
              <td rowSpan={2}>
                <Check ok={check.leafMatches} />
              </td>
            </tr>
            <tr>
              <th scope="row">{t('trail.proof.leaf_server')}</th>
              <td>
                <Hash value={proof.leaf_hash} />
              </td>
            </tr>
            <tr>
              <th scope="row">{t('trail.proof.chain')}</th>
              <td>
                <Hash value={event.hash} />
              </td>
              <td>
                <Check ok={check.chainMatches} />
              </td>
            </tr>
            <tr>
              <th scope="row">{t('trail.proof.size', { proof: proof.tree_size, head: h.size })}</th>
              <td>{proof.tree_size}</td>
              <td>
                <Check ok={check.sizeMatches} />
              </td>
            </tr>
            <tr>
              <th scope="row">{t('trail.proof.root_computed')}</th>
              <td>
                <Hash value={check.path.computedRoot ?? ''} />
              </td>
              <td rowSpan={2}>
                <Check ok={check.path.ok} />
              </td>
            </tr>
            <tr>
              <th scope="row">{t('trail.proof.root_head')}</th>
              <td>
                <Hash value={h.root} />
              </td>
            </tr>
            <tr>
              <th scope="row">{t('trail.proof.signature')}</th>
              <td>
                <Hash value={h.signature} />
              </td>
              <td>
                <Check ok={signature} />
              </td>
            </tr>
            <tr>
              <th scope="row">{t('trail.proof.server_said')}</th>
              <td>{proof.verified ? t('trail.proof.server_verified') : t('trail.proof.server_failed')}</td>
              <td />
            </tr>
          </tbody>
        </table>
      </div>
      {check.path.steps.length === 0 && proof.proof.length === 0 ? (
        <p>{t('trail.proof.empty_path')}</p>
      ) : (
        <div className="table-wrap">
          <table className="audit-path">
            <caption>{t('trail.proof.path', { n: proof.proof.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('trail.proof.step')}</th>
                <th scope="col">{t('trail.proof.side')}</th>
                <th scope="col">{t('trail.proof.sibling')}</th>
                <th scope="col">{t('trail.proof.step_result')}</th>
              </tr>
            </thead>
            <tbody>
              {proof.proof.map((sibling, i) => {
                const step = check.path.steps[i];
                return (
                  <tr key={i}>
                    <th scope="row">{i + 1}</th>
                    <td>{step ? t(step.side === 'left' ? 'trail.proof.left' : 'trail.proof.right') : ''}</td>
                    <td>
                      <Hash value={sibling} />
                    </td>
                    <td>{step && <Hash value={step.result} />}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

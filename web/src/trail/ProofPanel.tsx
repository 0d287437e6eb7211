// The inclusion proof of one event, fetched on request and verified here: the leaf is recomputed from
// the event, the audit path is followed with WebCrypto SHA-256, and the root reached must be the
// root of the signed tree head (whose Ed25519 signature this browser checks too).
import { useEffect, useState, type HTMLAttributes, type ReactNode } from 'react';
import { useI18n, type MessageKey } from '../i18n';
import { api, ApiError, query } from '../lib/api';
import { ErrorBox, Table } from '../components/ui';
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

  if (error)
    return (
      <ProofSection seq={event.seq}>
        <ErrorBox error={error} />
      </ProofSection>
    );
  if (!result)
    return (
      <ProofSection seq={event.seq} aria-busy="true">
        <p className="loading" role="status">
          {t('trail.proof.loading')}
        </p>
      </ProofSection>
    );

  const { head: h, proof, check, signature, newHead } = result;
  const signatureOk = signature ?? h.verified_signature;
  const verified = check.verified && signatureOk;
  return (
    <ProofSection seq={event.seq} data-testid={`proof-${event.seq}`}>
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
      <Table
        className="checks"
        caption={t('trail.proof.check')}
        columns={[t('trail.proof.check'), t('trail.payload.value'), t('trail.proof.result')]}
      >
        <CheckRow label={t('trail.proof.leaf')} value={<Hash value={check.leafHash} />} result={<Check ok={check.leafMatches} />} span={2} />
        <CheckRow label={t('trail.proof.leaf_server')} value={<Hash value={proof.leaf_hash} />} spanned />
        <CheckRow label={t('trail.proof.chain')} value={<Hash value={event.hash} />} result={<Check ok={check.chainMatches} />} />
        <CheckRow
          label={t('trail.proof.size', { proof: proof.tree_size, head: h.size })}
          value={proof.tree_size}
          result={<Check ok={check.sizeMatches} />}
        />
        <CheckRow
          label={t('trail.proof.root_computed')}
          value={<Hash value={check.path.computedRoot ?? ''} />}
          result={<Check ok={check.path.ok} />}
          span={2}
        />
        <CheckRow label={t('trail.proof.root_head')} value={<Hash value={h.root} />} spanned />
        <CheckRow label={t('trail.proof.signature')} value={<Hash value={h.signature} />} result={<Check ok={signature} />} />
        <CheckRow
          label={t('trail.proof.server_said')}
          value={proof.verified ? t('trail.proof.server_verified') : t('trail.proof.server_failed')}
        />
      </Table>
      {check.path.steps.length === 0 && proof.proof.length === 0 ? (
        <p>{t('trail.proof.empty_path')}</p>
      ) : (
        <Table
          className="audit-path"
          caption={t('trail.proof.path', { n: proof.proof.length })}
          columns={[t('trail.proof.step'), t('trail.proof.side'), t('trail.proof.sibling'), t('trail.proof.step_result')]}
        >
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
        </Table>
      )}
    </ProofSection>
  );
}

function ProofSection({ seq, children, ...attrs }: { seq: number; children: ReactNode } & HTMLAttributes<HTMLElement>) {
  const { t } = useI18n();
  return (
    <section className="proof" aria-labelledby={`proof-title-${seq}`} {...attrs}>
      <h4 id={`proof-title-${seq}`}>{t('trail.proof.title')}</h4>
      {children}
    </section>
  );
}

/** One check: what is compared, its value, and its result (unless the result of the row above spans it). */
function CheckRow({
  label,
  value,
  result,
  span,
  spanned,
}: {
  label: string;
  value: ReactNode;
  result?: ReactNode;
  span?: number;
  spanned?: boolean;
}) {
  return (
    <tr>
      <th scope="row">{label}</th>
      <td>{value}</td>
      {!spanned && <td rowSpan={span}>{result}</td>}
    </tr>
  );
}

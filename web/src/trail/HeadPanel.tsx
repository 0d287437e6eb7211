// The last signed tree head and the chain status, at the top of the trail screen.
import { useEffect, useState } from 'react';
import { useI18n } from '../i18n';
import { Fact } from '../components/ui';
import type { ChainStatus } from './chain';
import { verifyHeadSignature } from './merkle';
import type { TreeHead } from './types';
import { Check, Hash } from './bits';

export function HeadPanel({
  head,
  trailSize,
  chain,
  shown,
  onRefresh,
  busy,
}: {
  head: TreeHead | null;
  trailSize: number | null;
  chain: ChainStatus | null;
  shown: number;
  onRefresh(): void;
  busy: boolean;
}) {
  const { t, date } = useI18n();
  const [browserSig, setBrowserSig] = useState<boolean | null | undefined>(undefined);
  useEffect(() => {
    if (!head) return;
    let live = true;
    setBrowserSig(undefined);
    verifyHeadSignature(head).then((ok) => live && setBrowserSig(ok));
    return () => {
      live = false;
    };
  }, [head]);

  return (
    <section className="card trail-status" aria-labelledby="trail-head-title">
      <div className="trail-status-grid">
        <div>
          <h2 id="trail-head-title">{t('trail.head.title')}</h2>
          {!head ? (
            <p className="loading" role="status">
              {t('trail.head.loading')}
            </p>
          ) : (
            <dl className="head-facts" data-testid="trail-head">
              <dt>{t('trail.head.size')}</dt>
              <dd className="head-size">{head.size}</dd>
              <Fact label={t('trail.head.root')}>
                <Hash value={head.root} />
              </Fact>
              <Fact label={t('trail.head.time')}>
                <time dateTime={head.ts}>{date(head.ts, true)}</time>
              </Fact>
              <Fact label={t('trail.head.signature_server')}>
                <Check ok={head.verified_signature} />
              </Fact>
              <Fact label={t('trail.head.signature_browser')}>
                <Check ok={browserSig} />
              </Fact>
              <Fact label={t('trail.head.public_key')}>
                <Hash value={head.public_key} />
              </Fact>
            </dl>
          )}
          {head && trailSize !== null && trailSize > head.size && (
            <p className="hint">{t('trail.head.newer', { size: trailSize, n: trailSize - head.size })}</p>
          )}
          <button type="button" onClick={onRefresh} disabled={busy} aria-busy={busy || undefined}>
            {t('trail.head.refresh')}
          </button>
        </div>
        <div>
          <h2 id="trail-chain-title">{t('trail.chain.title')}</h2>
          <div role="status" aria-labelledby="trail-chain-title" data-testid="chain-status">
            {!chain || shown === 0 ? (
              <p>{t('trail.chain.none')}</p>
            ) : !chain.done ? (
              <p className="loading">{t('trail.chain.checking')}</p>
            ) : (
              <>
                <p className={chain.bad.length ? 'verdict verdict-bad' : 'verdict verdict-ok'}>
                  {chain.bad.length
                    ? t('trail.chain.bad', { bad: chain.bad.length, seqs: chain.bad.join(', ') })
                    : t('trail.chain.ok', { n: shown })}
                </p>
                {chain.linksChecked > 0 && (
                  <p className={chain.badLinks.length ? 'verdict verdict-bad' : ''}>
                    {chain.badLinks.length
                      ? t('trail.chain.links_bad', { seqs: chain.badLinks.join(', ') })
                      : t('trail.chain.links_ok', { n: chain.linksChecked })}
                  </p>
                )}
              </>
            )}
          </div>
        </div>
      </div>
    </section>
  );
}

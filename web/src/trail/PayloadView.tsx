// An event's payload made readable: how the command was authorized, its input (secrets already
// redacted by the server), each row it wrote, and for the access log the list of views. The JSON
// as recorded is one click away.
import { useI18n } from '../i18n';
import { Table } from '../components/ui';
import { tableLabel } from './labels';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export function Value({ v }: { v: unknown }) {
  const { t, date } = useI18n();
  if (v === null || v === undefined || v === '') return <span className="muted">{t('trail.null')}</span>;
  if (v === '[redacted]') return <span className="muted">{t('trail.redacted')}</span>;
  if (typeof v === 'boolean') return <>{t(v ? 'common.yes' : 'common.no')}</>;
  if (typeof v === 'string') {
    if (ISO.test(v))
      return (
        <time dateTime={v} title={v}>
          {date(v, true)}
        </time>
      );
    return <span className="pre-wrap">{v}</span>;
  }
  if (typeof v === 'number') return <>{String(v)}</>;
  return <code className="json-inline">{JSON.stringify(v)}</code>;
}

/** Field/value pairs as a definition list laid out in columns (rows of 30 columns stay readable). */
function KeyValues({ caption, data }: { caption: string; data: Obj }) {
  const keys = Object.keys(data).sort();
  return (
    <section className="kv-block" aria-label={caption}>
      <h5>{caption}</h5>
      <dl className="kv-list">
        {keys.map((k) => (
          <div key={k}>
            <dt>
              <code>{k}</code>
            </dt>
            <dd>
              <Value v={data[k]} />
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

function Views({ views, actorName }: { views: unknown[]; actorName(actor: string): string }) {
  const { t } = useI18n();
  return (
    <Table
      wrap={false}
      className="kv"
      caption={t('trail.payload.views')}
      columns={[t('trail.payload.view_time'), t('trail.payload.view_actor'), t('trail.payload.view_entity'), t('trail.payload.view_detail')]}
    >
      {views.map((v, i) => {
        const o = isObj(v) ? v : {};
        return (
          <tr key={i}>
            <td>
              <Value v={o.ts} />
            </td>
            <td>{typeof o.actor === 'string' ? actorName(o.actor) : <Value v={o.actor} />}</td>
            <td>
              <Value v={o.entity} />
            </td>
            <td>
              <Value v={o.detail} />
            </td>
          </tr>
        );
      })}
    </Table>
  );
}

export function PayloadView({
  payload,
  actorName = (a) => a,
}: {
  payload: unknown;
  /** How to show an actor code such as "user:sato". */
  actorName?(actor: string): string;
}) {
  const { t } = useI18n();
  if (!isObj(payload))
    return (
      <pre className="json">
        <code>{JSON.stringify(payload, null, 2)}</code>
      </pre>
    );
  const { authz, input, effects, ...rest } = payload;
  const views = isObj(input) && Array.isArray(input.views) ? input.views : null;
  const plainInput = isObj(input) ? (views ? (({ views: _v, ...r }) => r)(input) : input) : null;
  return (
    <div className="payload">
      {typeof authz === 'string' && (
        <p>
          <strong>{t('trail.payload.authz')}:</strong> <code>{authz}</code>
        </p>
      )}
      {views && <Views views={views} actorName={actorName} />}
      {plainInput && Object.keys(plainInput).length > 0 && <KeyValues caption={t('trail.payload.input')} data={plainInput} />}
      {Array.isArray(effects) && (
        <section aria-label={t('trail.payload.effects')}>
          <h4>{t('trail.payload.effects')}</h4>
          {effects.length === 0 && <p className="muted">{t('trail.payload.no_effects')}</p>}
          {effects.map((ef, i) => {
            const e = isObj(ef) ? ef : {};
            const row = isObj(e.row) ? e.row : {};
            return (
              <KeyValues
                key={i}
                caption={t('trail.payload.effect', { table: tableLabel(t, String(e.t ?? '')), id: String(e.id ?? '') })}
                data={row}
              />
            );
          })}
        </section>
      )}
      {Object.keys(rest).length > 0 && <KeyValues caption={t('trail.payload.other')} data={rest} />}
      <details className="raw-json">
        <summary>{t('trail.payload.raw')}</summary>
        <pre className="json">
          <code>{JSON.stringify(payload, null, 2)}</code>
        </pre>
      </details>
    </div>
  );
}

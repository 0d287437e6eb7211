// The count itself: the unit's items the ledgers say are in the locked storage, each with a
// checkbox ticked when it is really there (or read with a barcode scanner into the number box),
// the items that should be out (ticked only if found anyway) and numbers found that the list does
// not show. What is sent is exactly what was ticked or typed.
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { ErrorBox, SubmitButton, Table, TextArea, useCommand } from '../components/ui';
import { useI18n } from '../i18n';
import { api } from '../lib/api';
import { EXPECTED_IN_STORAGE, FINAL_STATES } from './labels';
import type { ItemRow, ReconcileResult } from './types';

export function splitItems(items: ItemRow[]) {
  const expected = items.filter((i) => EXPECTED_IN_STORAGE.has(i.state));
  const away = items.filter((i) => !EXPECTED_IN_STORAGE.has(i.state) && !FINAL_STATES.has(i.state));
  return { expected, away };
}

function ItemCheck({ item, checked, onToggle }: { item: ItemRow; checked: boolean; onToggle(no: string, on: boolean): void }) {
  const id = useId();
  return (
    <span className="work-tick">
      <input
        id={id}
        type="checkbox"
        name="counted"
        value={item.control_no}
        checked={checked}
        onChange={(e) => onToggle(item.control_no, e.target.checked)}
      />
      <label htmlFor={id}>{item.control_no}</label>
    </span>
  );
}

/** An item's row, headed by its tick box (the row marked while ticked); the other cells are the children. */
function TickRow({
  item,
  ticked,
  onToggle,
  children,
}: {
  item: ItemRow;
  ticked: Set<string>;
  onToggle(no: string, on: boolean): void;
  children: ReactNode;
}) {
  const on = ticked.has(item.control_no);
  return (
    <tr className={on ? 'work-row-ticked' : undefined}>
      <th scope="row">
        <ItemCheck item={item} checked={on} onToggle={onToggle} />
      </th>
      {children}
    </tr>
  );
}

function AllCheck({ label, nos, ticked, onAll }: { label: string; nos: string[]; ticked: Set<string>; onAll(on: boolean): void }) {
  const ref = useRef<HTMLInputElement>(null);
  const id = useId();
  const n = nos.filter((no) => ticked.has(no)).length;
  const all = nos.length > 0 && n === nos.length;
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = n > 0 && n < nos.length;
  }, [n, nos.length]);
  return (
    <span className="work-tick">
      <input
        id={id}
        ref={ref}
        type="checkbox"
        checked={all}
        disabled={nos.length === 0}
        onChange={(e) => onAll(e.target.checked)}
        data-testid="select-all"
      />
      <label htmlFor={id}>{label}</label>
    </span>
  );
}

export function CountForm({
  unitId,
  kind,
  items,
  onDone,
}: {
  unitId: number;
  kind: string;
  items: ItemRow[];
  onDone(r: ReconcileResult): void;
}) {
  const { t, pick, date } = useI18n();
  const { expected, away } = useMemo(() => splitItems(items), [items]);
  const listed = useMemo(() => new Set([...expected, ...away].map((i) => i.control_no)), [expected, away]);
  const [ticked, setTicked] = useState<Set<string>>(() => new Set());
  const [extra, setExtra] = useState<string[]>([]);
  const [scan, setScan] = useState('');
  const [said, setSaid] = useState('');
  const [note, setNote] = useState('');
  const scanId = useId();

  const toggle = (no: string, on: boolean) =>
    setTicked((s) => {
      const n = new Set(s);
      if (on) n.add(no);
      else n.delete(no);
      return n;
    });
  const setAll = (nos: string[], on: boolean) =>
    setTicked((s) => {
      const n = new Set(s);
      for (const no of nos) {
        if (on) n.add(no);
        else n.delete(no);
      }
      return n;
    });

  const read = () => {
    const no = scan.trim();
    if (!no) return;
    setScan('');
    if (listed.has(no)) {
      setSaid(ticked.has(no) ? t('work.count.scan_again', { no }) : t('work.count.scan_ticked', { no }));
      toggle(no, true);
    } else if (extra.includes(no)) {
      setSaid(t('work.count.scan_again', { no }));
    } else {
      setExtra((x) => [...x, no]);
      setSaid(t('work.count.scan_extra', { no }));
    }
  };
  const onScanKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      read();
    }
  };

  const counted = useMemo(() => {
    const all = new Set<string>();
    for (const i of [...expected, ...away]) if (ticked.has(i.control_no)) all.add(i.control_no);
    for (const no of extra) all.add(no);
    return [...all].sort();
  }, [expected, away, ticked, extra]);
  const missing = expected.filter((i) => !ticked.has(i.control_no));
  const found = away.filter((i) => ticked.has(i.control_no));

  const run = () =>
    api.post<ReconcileResult>('/api/v1/reconciliations', {
      unit_id: unitId,
      kind,
      counted,
      ...(note.trim() ? { note: note.trim() } : {}),
    });
  const { submit, error, busy } = useCommand(run, onDone);

  return (
    <form onSubmit={submit} className="work-countform" data-testid="count-form">
      <div className="card">
        <div className="field work-scan">
          <label htmlFor={scanId}>{t('work.count.scan')}</label>
          <div className="work-scan-row">
            <input
              id={scanId}
              value={scan}
              onChange={(e) => setScan(e.target.value)}
              onKeyDown={onScanKey}
              autoComplete="off"
              aria-describedby={`${scanId}-hint`}
            />
            <button type="button" onClick={read}>
              {t('work.count.scan_add')}
            </button>
          </div>
          <small id={`${scanId}-hint`} className="hint">
            {t('work.count.scan_hint')}
          </small>
          <p className="work-said" role="status" aria-live="polite">
            {said}
          </p>
        </div>
      </div>

      <Table
        className="work-table"
        data-testid="expected-table"
        caption={t('work.count.expected_caption', { n: expected.length })}
        columns={[
          <AllCheck
            label={t('work.count.select_all')}
            nos={expected.map((i) => i.control_no)}
            ticked={ticked}
            onAll={(on) => setAll(expected.map((i) => i.control_no), on)}
          />,
          t('work.col.type'),
          t('work.col.storage'),
          t('work.col.state'),
        ]}
      >
        {expected.length === 0 && (
          <tr>
            <td colSpan={4} className="work-empty">
              {t('work.count.expected_none')}
            </td>
          </tr>
        )}
        {expected.map((i) => (
          <TickRow key={i.id} item={i} ticked={ticked} onToggle={toggle}>
            <td>{i.type}</td>
            <td>{i.storage}</td>
            <td>{pick(i.state_ja, i.state_en)}</td>
          </TickRow>
        ))}
      </Table>

      {away.length > 0 && (
        <Table
          className="work-table"
          data-testid="away-table"
          caption={t('work.count.away_caption', { n: away.length })}
          columns={[t('work.count.found_anyway'), t('work.col.type'), t('work.col.state'), t('work.col.user'), t('work.col.until')]}
        >
          {away.map((i) => (
            <TickRow key={i.id} item={i} ticked={ticked} onToggle={toggle}>
              <td>{i.type}</td>
              <td>{pick(i.state_ja, i.state_en)}</td>
              <td>{i.holder ?? ''}</td>
              <td>{date(i.period_until, true)}</td>
            </TickRow>
          ))}
        </Table>
      )}

      {extra.length > 0 && (
        <section className="card" aria-labelledby={`${scanId}-extra`}>
          <h2 id={`${scanId}-extra`}>{t('work.count.extra_title')}</h2>
          <ul className="work-extra" data-testid="extra-list">
            {extra.map((no) => (
              <li key={no}>
                <span>{no}</span>{' '}
                <button type="button" onClick={() => setExtra((x) => x.filter((y) => y !== no))}>
                  {t('work.count.extra_remove', { no })}
                </button>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section className="card work-summary" aria-labelledby={`${scanId}-summary`}>
        <h2 id={`${scanId}-summary`}>{t('work.count.summary_title')}</h2>
        <p data-testid="count-summary" aria-live="polite">
          {t('work.count.summary', { n: expected.length - missing.length, total: expected.length, counted: counted.length })}
        </p>
        <ul className="work-consequences">
          {missing.length > 0 && (
            <li data-testid="will-be-missing">
              {t('work.count.will_be_missing', { n: missing.length, nos: missing.map((i) => i.control_no).join(t('work.sep')) })}
            </li>
          )}
          {found.length > 0 && (
            <li>{t('work.count.will_be_unexpected', { n: found.length, nos: found.map((i) => i.control_no).join(t('work.sep')) })}</li>
          )}
          {extra.length > 0 && <li>{t('work.count.will_be_unknown', { n: extra.length, nos: extra.join(t('work.sep')) })}</li>}
          {missing.length === 0 && found.length === 0 && extra.length === 0 && <li>{t('work.count.will_match')}</li>}
        </ul>
        <TextArea label={t('work.count.note')} name="note" value={note} onChange={(e) => setNote(e.target.value)} error={error} rows={2} />
        <ErrorBox error={error} />
        <SubmitButton busy={busy} label={t('work.count.submit')} />
      </section>
    </form>
  );
}

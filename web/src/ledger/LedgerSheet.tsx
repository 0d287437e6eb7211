// An item's 管理簿 in the layout of its 別紙様式 (src/export/ledger_form.cc): the group headings,
// the twelve columns in the form's order, one numbered line per ledger row (a second copy at the
// same destination gets its own line, as on paper), and the footer of the item's end.
import { Fragment } from 'react';
import { useI18n, type MessageKey } from '../i18n';
import { approvalKey, movementKey } from './labels';
import type { CopyEntry, Item, LedgerEntry } from './types';

type Form = 'medium' | 'device';
const COLUMNS = 12;
const GROUPS: Record<Form, Array<[MessageKey, number]>> = {
  // [label, number of columns]: columns 1–4 (1–5 for devices), 5–8 (6–8), 9–11
  medium: [
    ['ledger.form.medium.g1', 4],
    ['ledger.form.medium.g2', 4],
    ['ledger.form.medium.g3', 3],
  ],
  device: [
    ['ledger.form.device.g1', 5],
    ['ledger.form.device.g2', 3],
    ['ledger.form.device.g3', 3],
  ],
};
const col = (form: Form, i: number) => `ledger.form.${form}.c${i}` as MessageKey;

const FINAL_STATES = ['destroyed', 'handed_over', 'disposed'];
// Cell classes of columns 1–8 (dates keep their width, names stay on one line).
const CELL_CLASS: Record<Form, Array<string | undefined>> = {
  medium: ['cell-when', 'cell-who', undefined, 'cell-when', undefined, 'cell-period', undefined, undefined],
  device: ['cell-when', 'cell-who', undefined, undefined, 'cell-when', 'cell-period', undefined, undefined],
};

export function LedgerSheet({ item, entries, copies }: { item: Item; entries: LedgerEntry[]; copies: CopyEntry[] }) {
  const { t, date } = useI18n();
  const form: Form = item.kind === 'device' ? 'device' : 'medium';
  const copiesByEntry = new Map<number, CopyEntry[]>();
  for (const c of copies) copiesByEntry.set(c.entry_id, [...(copiesByEntry.get(c.entry_id) ?? []), c]);

  const period = (e: LedgerEntry) => {
    if (e.handover_at) return date(e.handover_at, true);
    if (!e.period_from && !e.period_until) return '';
    return t('ledger.form.period', { from: date(e.period_from, true), until: date(e.period_until, true) });
  };
  const movementCell = (e: LedgerEntry) => {
    const m = e.movement === 'use' ? undefined : movementKey(e.movement);
    const a = e.movement === 'use' ? undefined : approvalKey(e.approval);
    return (
      <>
        {m && t(m)}
        {a && e.approval !== 'approved' && <span className={`badge approval-${e.approval}`}>{t(a)}</span>}
      </>
    );
  };
  const destinationCell = (e: LedgerEntry) => (
    <>
      {e.destination}
      {e.movement === 'lend' && e.borrower && <div>{e.borrower}</div>}
      {e.movement === 'handover' && e.handover_recipient && (
        <div>{t('ledger.form.handover_party', { name: e.handover_recipient })}</div>
      )}
    </>
  );
  const copyCells = (c: CopyEntry | undefined) => {
    if (!c) return [<td key="c9" />, <td key="c10" />, <td key="c11" />];
    const suffix = c.approval === 'rejected' ? t('ledger.form.rejected') : c.approval === 'pending' ? t('ledger.form.pending') : '';
    return [
      <td key="c9">
        {c.content}
        {suffix && <span className={`copy-${c.approval}`}>{suffix}</span>}
      </td>,
      <td key="c10">{c.counterparty}</td>,
      <td key="c11">{c.purpose}</td>,
    ];
  };

  // Numbered lines: each entry, then one more line per further copy of that entry.
  let line = 0;
  const body = entries.map((e) => {
    const cs = copiesByEntry.get(e.id) ?? [];
    const returned = e.approval === 'rejected' ? '' : date(e.returned_at, true);
    const cells =
      form === 'medium'
        ? [date(e.started_at, true), e.user_name, e.purpose, returned, movementCell(e), period(e), destinationCell(e), e.movement_purpose]
        : [date(e.started_at, true), e.user_name, e.purpose, e.place, returned, period(e), destinationCell(e), e.movement_purpose];
    const first = ++line;
    return (
      <Fragment key={e.id}>
        <tr data-row={first}>
          <th scope="row" className="num">
            {first}
          </th>
          {cells.map((c, i) => (
            <td key={i} className={CELL_CLASS[form][i]}>
              {c}
            </td>
          ))}
          {copyCells(cs[0])}
        </tr>
        {cs.slice(1).map((c) => {
          const n = ++line;
          return (
            <tr key={`copy-${c.id}`} data-row={n}>
              <th scope="row" className="num">
                {n}
              </th>
              {Array.from({ length: COLUMNS - 4 }, (_, i) => (
                <td key={i} />
              ))}
              {copyCells(c)}
            </tr>
          );
        })}
      </Fragment>
    );
  });

  const final = FINAL_STATES.includes(item.state);
  return (
    <div className="ledger-sheet">
      <div className="table-wrap" role="region" aria-label={t('ledger.form.scroll')} tabIndex={0}>
        <table className="ledger-form" data-form={form}>
          <caption>
            <span className="form-title">{t(`ledger.form.${form}.title`)}</span>
            <span className="form-number">
              {t('ledger.form.number_line', { label: t(`ledger.form.${form}.number`), no: item.control_no })}
            </span>
          </caption>
          <colgroup span={1} />
          {GROUPS[form].map(([key, span]) => (
            <colgroup key={key} span={span} />
          ))}
          <thead>
            <tr>
              <th scope="col" rowSpan={2} className="num">
                {t(col(form, 0))}
              </th>
              {GROUPS[form].map(([key, span]) => (
                <th key={key} scope="colgroup" colSpan={span} className="group">
                  {t(key)}
                </th>
              ))}
            </tr>
            <tr>
              {Array.from({ length: COLUMNS - 1 }, (_, i) => (
                <th key={i} scope="col">
                  {t(col(form, i + 1))}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {body.length > 0 ? (
              body
            ) : (
              <tr>
                <td colSpan={COLUMNS} className="empty">
                  {t('ledger.form.empty')}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      <table className="ledger-footer" data-testid="ledger-footer">
        <thead>
          <tr>
            <td />
            <th scope="col">{t('ledger.form.affiliation')}</th>
            <th scope="col">{t(`ledger.form.${form}.name`)}</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">{t(`ledger.form.${form}.final`)}</th>
            <td colSpan={2}>{final ? date(item.final_at, true) : ''}</td>
          </tr>
          <tr>
            <th scope="row">{t(`ledger.form.${form}.executor`)}</th>
            <td>{final ? item.executor_affiliation : ''}</td>
            <td>{final ? item.executor_name : ''}</td>
          </tr>
          {form === 'medium' && (
            <tr>
              <th scope="row">{t('ledger.form.medium.witness')}</th>
              <td>{final ? item.witness_affiliation : ''}</td>
              <td>{final ? item.witness_name : ''}</td>
            </tr>
          )}
        </tbody>
      </table>
      <p className="form-note">{t(`ledger.form.${form}.note`)}</p>
    </div>
  );
}

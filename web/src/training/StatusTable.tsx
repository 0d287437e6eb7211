// 受講状況: one row per person, one column per program (in the order the server lists them). A cell
// says 受講済み (attended this fiscal year, with the date), 期限超過 (a rule of the profile reports the
// person untrained for this program's clause — the row is highlighted), 要受講 (required this fiscal
// year, not yet attended; due by the year's end), or that the program is not required of the person.
import { Table } from '../components/ui';
import { useI18n } from '../i18n';
import { Clause, useDay } from './common';
import type { PersonStatus, PersonViolation, ProgramStatus } from './types';

interface Column {
  program: string;
  name_ja: string;
  name_en: string;
  clause: string;
}

/** The programs of every person, each once, in the order first met. */
export function columnsOf(people: PersonStatus[]): Column[] {
  const out: Column[] = [];
  for (const p of people)
    for (const s of p.programs)
      if (!out.some((c) => c.program === s.program))
        out.push({ program: s.program, name_ja: s.name_ja ?? s.program, name_en: s.name_en ?? s.program, clause: s.clause ?? '' });
  return out;
}

export type CellState = 'done' | 'overdue' | 'due' | 'attended' | 'none';

/** The state of one program for one person; `overdue` holds the violations naming the person. */
export function cellState(s: ProgramStatus | undefined, clause: string, overdue: PersonViolation[]): CellState {
  if (s?.current) return 'done';
  if (clause && overdue.some((v) => v.clause === clause)) return 'overdue';
  if (s?.required) return 'due';
  return s?.last_held_on ? 'attended' : 'none';
}

const STATE_KEY = {
  done: 'training.status.done',
  overdue: 'training.status.overdue',
  due: 'training.status.due',
  attended: 'training.status.attended',
  none: 'training.status.none',
} as const;

function Cell({ s, state }: { s: ProgramStatus | undefined; state: CellState }) {
  const { t } = useI18n();
  const day = useDay();
  return (
    <td className={`tstate-${state}`} data-state={state}>
      {state !== 'none' && <span className={`badge tstate tstate-${state}`}>{t(STATE_KEY[state])}</span>}
      {state === 'none' && <span className="muted">{t(STATE_KEY.none)}</span>}
      {state === 'due' && <div className="small">{t('training.status.deadline')}</div>}
      {s?.last_held_on ? (
        <div className="small">{t('training.status.last', { date: day(s.last_held_on) })}</div>
      ) : (
        state !== 'none' && <div className="small">{t('training.status.never')}</div>
      )}
    </td>
  );
}

export function StatusTable({ people, violations }: { people: PersonStatus[]; violations: PersonViolation[] | null }) {
  const { t, pick } = useI18n();
  const columns = columnsOf(people);
  const about = (id: number) =>
    (violations ?? []).filter((v) => (v.subject_kind ?? 'person') === 'person' && String(v.subject_id) === String(id));
  const rows = people
    .filter((p) => p.programs.length > 0)
    .map((p) => {
      const mine = about(p.person_id);
      const cells = columns.map((c) => {
        const s = p.programs.find((x) => x.program === c.program);
        return { program: c.program, s, state: cellState(s, c.clause, mine) };
      });
      return { p, cells, late: cells.some((c) => c.state === 'overdue') };
    });
  if (rows.length === 0) return <p className="empty">{t('training.status.nobody')}</p>;
  const overdue = rows.filter((r) => r.late).length;
  return (
    <>
      <p className="result-count" role="status" data-testid="overdue-count">
        {overdue > 0 ? t('training.status.overdue_count', { n: overdue }) : t('training.status.overdue_none')}
      </p>
      {violations === null && <p className="hint">{t('training.status.no_rules')}</p>}
      <Table
        data-testid="training-status"
        caption={t('training.status.caption')}
        columns={[
          t('training.col.person'),
          t('training.col.unit'),
          ...columns.map((c) => (
            <span key={c.program}>
              <span data-value>{pick(c.name_ja, c.name_en)}</span> <Clause value={c.clause} />
            </span>
          )),
        ]}
      >
        {rows.map(({ p, cells, late }) => (
          <tr
            key={p.person_id}
            data-testid="status-row"
            data-person={p.person_id}
            data-overdue={late || undefined}
            className={late ? 'row-overdue' : undefined}
          >
            <th scope="row" data-value>
              {p.name}
            </th>
            <td data-value>{p.unit_name ?? ''}</td>
            {cells.map((c) => (
              <Cell key={c.program} s={c.s} state={c.state} />
            ))}
          </tr>
        ))}
      </Table>
    </>
  );
}

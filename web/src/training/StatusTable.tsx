// 受講状況: one row per person, one column per program (in the order the server lists them). A cell shows
// the state the server judged (docs/openapi.yaml TrainingProgramStatus: the profile's rule and duties
// decide it): 受講済み (attended this fiscal year), 期限超過 (its deadline has passed — the row is
// highlighted), 要受講 (due, with its 期限), or that the program is not required of the person.
import { Table } from '../components/ui';
import { useI18n } from '../i18n';
import { Clause, useDay } from './common';
import type { PersonStatus, ProgramStatus } from './types';

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

/** The cell of one program for one person, from the server's `state`; a program not required of the person
 * that they attended shows as such. */
export function cellState(s: ProgramStatus | undefined): CellState {
  if (!s) return 'none';
  if (s.state === 'done' || s.state === 'overdue' || s.state === 'due') return s.state;
  return s.last_held_on ? 'attended' : 'none';
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
      {(state === 'due' || state === 'overdue') && s?.due_on && (
        <div className="small due-on" data-testid="due-on">
          {t('compliance.col.due')}: {day(s.due_on)}
        </div>
      )}
      {s?.last_held_on ? (
        <div className="small">{t('training.status.last', { date: day(s.last_held_on) })}</div>
      ) : (
        // A duty completed by another program (the yearly training completes 第7 3's) is done unattended.
        (state === 'due' || state === 'overdue') && <div className="small">{t('training.status.never')}</div>
      )}
    </td>
  );
}

export function StatusTable({ people }: { people: PersonStatus[] }) {
  const { t, pick } = useI18n();
  const columns = columnsOf(people);
  const rows = people
    .filter((p) => p.programs.length > 0)
    .map((p) => {
      const cells = columns.map((c) => {
        const s = p.programs.find((x) => x.program === c.program);
        return { program: c.program, s, state: cellState(s) };
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

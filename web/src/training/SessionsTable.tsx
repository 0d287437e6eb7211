// 教育実施状況記録 (別紙様式第2) of one fiscal year: the form's columns — 実施日, 実施者, 実施手段, 局・課,
// 室又はグループ, 教育内容, 被教育者 (the audience and the number trained) — with the program, the content
// items covered and the people who attended; the year chosen with 前年度 / 翌年度 (kept in the address),
// and the form itself as CSV or XLSX.
import { Table } from '../components/ui';
import { useI18n } from '../i18n';
import { personName, warekiDate } from '../lib/format';
import { Clause, useDay } from './common';
import { recordHref } from './data';
import type { PersonRow, ProgramDef, TrainingSession } from './types';

/** The fiscal year in the viewer's style, as the form prints it: 令和8年度（2026年度）, 2026年度, FY2026. */
export function useYearText(): (fy: number) => string {
  const { t, dateStyle } = useI18n();
  return (fy) => {
    if (dateStyle === 'seireki') return t('training.year.seireki', { fy });
    const era = warekiDate(fy, 4, 1);
    return t('training.year.wareki', { era: era.slice(0, era.indexOf('年') + 1), fy });
  };
}

export function YearSwitch({ fy, onYear }: { fy: number; onYear(fy: number): void }) {
  const { t } = useI18n();
  const yearText = useYearText();
  return (
    <nav className="year-switch" aria-label={t('training.year.label')}>
      <button type="button" onClick={() => onYear(fy - 1)}>
        {t('training.year.prev')}
      </button>
      <strong data-testid="fiscal-year" data-fy={fy} aria-live="polite">
        {yearText(fy)}
      </strong>
      <button type="button" onClick={() => onYear(fy + 1)}>
        {t('training.year.next')}
      </button>
    </nav>
  );
}

export function RecordLinks({ fy }: { fy: number }) {
  const { t, dateStyle } = useI18n();
  return (
    <div className="export-links" data-testid="record-links">
      <span className="export-label">{t('training.record.file')}</span>
      <a className="button" href={recordHref(fy, 'csv', dateStyle)} download data-format="csv">
        {t('training.record.csv')}
      </a>
      <a className="button" href={recordHref(fy, 'xlsx', dateStyle)} download data-format="xlsx">
        {t('training.record.xlsx')}
      </a>
    </div>
  );
}

function Covered({ s, program }: { s: TrainingSession; program: ProgramDef | undefined }) {
  const { t, pick } = useI18n();
  if (!program) return <small className="hint">{t('training.sessions.covered_n', { n: s.contents_covered.length })}</small>;
  return (
    <details>
      <summary>{t('training.sessions.covered', { n: s.contents_covered.length, of: program.contents.length })}</summary>
      <ul className="covered">
        {program.contents
          .filter((c) => s.contents_covered.includes(c.key))
          .map((c) => (
            <li key={c.key}>
              {pick(c.text_ja, c.text_en)} <Clause value={c.clause} />
            </li>
          ))}
      </ul>
    </details>
  );
}

export function SessionsTable({
  sessions,
  programs,
  persons,
  busy,
}: {
  sessions: TrainingSession[];
  programs: ProgramDef[];
  persons: PersonRow[];
  busy?: boolean;
}) {
  const { t, pick } = useI18n();
  const day = useDay();
  const nameOf = (id: number) => {
    const p = persons.find((x) => x.id === id);
    return p ? personName(p.family_name, p.given_name) : `#${id}`;
  };
  if (sessions.length === 0) return <p className="empty">{t('training.sessions.none')}</p>;
  return (
    <Table
      data-testid="sessions"
      busy={busy}
      caption={t('training.sessions.caption')}
      columns={[
        t('training.col.held_on'),
        t('training.col.trainer'),
        t('training.col.method'),
        t('training.col.unit'),
        t('training.col.room_group'),
        t('training.col.content'),
        t('training.col.audience'),
        t('training.col.attendees'),
      ]}
    >
      {sessions.map((s) => (
        <tr key={s.id} data-testid="session-row" data-id={s.id} data-program={s.program}>
          <th scope="row" className="nowrap" data-value>
            {day(s.held_on)}
          </th>
          <td>{s.trainer}</td>
          <td>{s.method}</td>
          <td>{s.unit_name}</td>
          <td>{s.room_group}</td>
          <td>
            <div>{s.content}</div>
            <div className="small">
              {pick(s.program_name_ja ?? s.program, s.program_name_en ?? s.program)} <Clause value={s.clause} />
            </div>
            <Covered s={s} program={programs.find((p) => p.code === s.program && p.profile === s.profile)} />
          </td>
          <td>{t('training.sessions.audience', { audience: s.audience, n: s.attendee_count })}</td>
          <td data-testid="attendees">{s.attendees.map(nameOf).join('、')}</td>
        </tr>
      ))}
    </Table>
  );
}

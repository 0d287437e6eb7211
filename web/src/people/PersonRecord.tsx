// /persons/:person — a person's agreements and consents (newest first, each in force or ended, with the
// button to end one) and the form to record a new one; and, for holders of people.particulars, the date
// of birth, nationality and position the rosters print, with the form to record them. Reached from a
// roster's list of people with records missing and from a roster version's names. `?kind=` chooses the
// kind of agreement the form starts with; kinds limited to other kinds of person (000 第2 2(6)) are not
// offered, and an agreement naming a supervising employee shows them.
import { useCallback, useState } from 'react';
import { ErrorBox, Loading, Notice, SubmitButton, Table, TextField, useCommand, useRefusalFocus, useValues } from '../components/ui';
import { useI18n } from '../i18n';
import { api, seg } from '../lib/api';
import { personName } from '../lib/format';
import { Link, useLocation } from '../lib/router';
import { useSession } from '../lib/session';
import { useData } from '../lib/useData';
import { AgreementForm } from './AgreementForm';
import { PeoplePage, Refusal, useToday } from './common';
import { usePeopleDefinitions } from './definitions';
import { appliesTo, personKindName } from './kinds';
import type { AgreementDef, AgreementRow, Particulars, PersonRecord as Record_, PersonRow } from './types';

function WithdrawButton({ a, kindName, onDone }: { a: AgreementRow; kindName: string; onDone(text: string): void }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const run = useCallback(() => api.post(`/api/v1/agreements/${seg(a.id)}/withdrawal`, {}), [a.id]);
  const done = useCallback(() => onDone(t('people.agreement.withdrawn', { id: a.id })), [onDone, t, a.id]);
  const { submit, error, busy } = useCommand(run, done);
  if (!asking)
    return (
      <button type="button" className="danger" onClick={() => setAsking(true)} data-testid="withdraw">
        {t('people.agreement.withdraw')}
      </button>
    );
  return (
    <form onSubmit={submit} data-testid="withdraw-form">
      <ErrorBox error={error} />
      <p>{t('people.agreement.withdraw_confirm', { kind: kindName, id: a.id })}</p>
      <div className="actions">
        <SubmitButton busy={busy} className="danger" label={t('people.agreement.withdraw_yes')} />
        <button type="button" onClick={() => setAsking(false)}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

function Agreements({
  rows,
  defs,
  persons,
  onDone,
}: {
  rows: AgreementRow[];
  defs: AgreementDef[];
  persons: PersonRow[];
  onDone(text: string): void;
}) {
  const { t, pick, date } = useI18n();
  const kindName = (code: string) => {
    const d = defs.find((x) => x.code === code);
    return d ? pick(d.name_ja, d.name_en) : code;
  };
  const supervised = rows.some((a) => a.supervisor_person_id != null);
  const supervisorName = (id: number) => {
    const p = persons.find((x) => x.id === id);
    return p ? personName(p.family_name, p.given_name) : `#${id}`;
  };
  return (
    <section className="card" aria-labelledby="agreements-title">
      <h2 id="agreements-title">{t('people.agreements.title')}</h2>
      {rows.length === 0 ? (
        <p className="empty">{t('people.agreements.none')}</p>
      ) : (
        <Table
          data-testid="agreements"
          caption={t('people.agreements.caption')}
          columns={[
            t('people.col.kind'),
            t('people.col.clause'),
            t('people.col.points'),
            t('people.col.signed_on'),
            t('people.col.document'),
            t('people.col.note'),
            supervised && t('people.col.supervisor'),
            t('people.col.status'),
            t('people.col.actions'),
          ]}
        >
          {rows.map((a) => (
            <tr key={a.id} data-testid="agreement" data-id={a.id} data-kind={a.kind} data-ended={a.withdrawn_at ? 'true' : 'false'}>
              <th scope="row">{kindName(a.kind)}</th>
              <td data-value>{a.clause}</td>
              <td data-value>{a.points.join(' ')}</td>
              <td>{date(a.signed_on)}</td>
              <td>{a.document}</td>
              <td>{a.note}</td>
              {supervised && (
                <td data-testid="agreement-supervisor" data-value>
                  {a.supervisor_person_id != null ? supervisorName(a.supervisor_person_id) : ''}
                </td>
              )}
              <td>
                {a.withdrawn_at ? (
                  <span className="badge agreement-ended">{t('people.agreement.ended', { at: date(a.withdrawn_at, true) })}</span>
                ) : (
                  <span className="badge agreement-in_force">{t('people.agreement.in_force')}</span>
                )}
              </td>
              <td>{!a.withdrawn_at && <WithdrawButton a={a} kindName={kindName(a.kind)} onDone={onDone} />}</td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}

function ParticularsForm({ personId, current, onDone }: { personId: number; current: Particulars | null; onDone(text: string): void }) {
  const { t } = useI18n();
  const today = useToday();
  const { values, text } = useValues({
    birth_date: current?.birth_date ?? '',
    nationality: current?.nationality ?? '',
    position: current?.position ?? '',
  });
  const run = useCallback(
    () =>
      api.post(`/api/v1/persons/${seg(personId)}/particulars`, {
        birth_date: values.birth_date,
        nationality: values.nationality.trim(),
        position: values.position.trim(),
      }),
    [personId, values],
  );
  const done = useCallback(() => onDone(t('people.particulars.done')), [onDone, t]);
  const { submit, error, busy } = useCommand(run, done);
  const ref = useRefusalFocus(error);
  return (
    <form ref={ref} onSubmit={submit} className="subform" data-testid="particulars-form" aria-label={t('people.particulars.submit')}>
      <ErrorBox error={error} />
      <div className="form-grid">
        <TextField label={t('people.particulars.birth_date')} type="date" max={today} {...text('birth_date')} error={error} required />
        <TextField label={t('people.particulars.nationality')} {...text('nationality')} error={error} required autoComplete="off" />
        <TextField label={t('people.particulars.position')} {...text('position')} error={error} required autoComplete="off" />
      </div>
      <SubmitButton busy={busy} label={t('people.particulars.submit')} />
    </form>
  );
}

function ParticularsCard({ record, personId, onDone }: { record: Record_; personId: number; onDone(text: string): void }) {
  const { t, date } = useI18n();
  const { can } = useSession();
  const shown = 'particulars' in record;
  const p = record.particulars ?? null;
  return (
    <section className="card" aria-labelledby="particulars-title" data-testid="particulars">
      <h2 id="particulars-title">{t('people.particulars.title')}</h2>
      {!shown ? (
        <p className="hint">{t('people.particulars.hidden')}</p>
      ) : p ? (
        <dl className="facts">
          <dt>{t('people.particulars.birth_date')}</dt>
          <dd>{date(p.birth_date)}</dd>
          <dt>{t('people.particulars.nationality')}</dt>
          <dd>{p.nationality}</dd>
          <dt>{t('people.particulars.position')}</dt>
          <dd>{p.position}</dd>
        </dl>
      ) : (
        <p className="empty">{t('people.particulars.none')}</p>
      )}
      {shown && can('people.particulars') && (
        <ParticularsForm key={p?.updated_at ?? ''} personId={personId} current={p} onDone={onDone} />
      )}
    </section>
  );
}

export function PersonRecordPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const { search } = useLocation();
  const id = /^\d+$/.test(params.person ?? '') ? Number(params.person) : 0;
  const record = useData<Record_>(id ? `/api/v1/persons/${id}/record` : null);
  const persons = useData<{ persons: PersonRow[] }>('/api/v1/persons');
  const [done, setDone] = useState<string | null>(null);
  const person = persons.data?.persons.find((p) => p.id === id);
  const name = person ? personName(person.family_name, person.given_name) : '';
  // The name is data: it stays out of the title, which is a label (and stays English in English).
  const title = t('people.person.title');
  const defs = usePeopleDefinitions();
  const agreements = defs.data?.agreements ?? [];
  // The person's kind decides the kinds offered; until the people answer, no form (its kind would jump).
  const peopleKnown = !persons.loading || !!persons.error;
  const applicable = agreements.filter((a) => appliesTo(a.kinds, person?.kind));
  const onDone = (text: string) => {
    setDone(text);
    record.reload();
  };
  const back = (
    <p>
      <Link to="/rosters">{t('people.person.back')}</Link>
    </p>
  );
  if (!record.data)
    return (
      <PeoplePage title={title}>
        {record.loading && !record.error && <Loading />}
        <Refusal error={record.error} />
        {back}
      </PeoplePage>
    );
  return (
    <PeoplePage title={title}>
      {done && <Notice>{done}</Notice>}
      <dl className="facts person-facts" data-testid="person">
        <dt>{t('people.person.name')}</dt>
        <dd>{name}</dd>
        <dt>{t('people.person.unit')}</dt>
        <dd>{person?.unit_name}</dd>
        {person?.kind && (
          <>
            <dt>{t('people.person.kind')}</dt>
            <dd data-testid="person-kind">{personKindName(t, person.kind)}</dd>
          </>
        )}
      </dl>
      <ParticularsCard record={record.data} personId={id} onDone={onDone} />
      <Agreements rows={record.data.agreements} defs={agreements} persons={persons.data?.persons ?? []} onDone={onDone} />
      {(defs.loading || !peopleKnown) && <Loading />}
      <ErrorBox error={defs.error} />
      {peopleKnown && agreements.length > 0 && applicable.length === 0 && person?.kind && (
        <p className="empty" data-testid="no-applicable">
          {t('people.agreement.none_applicable', { kind: personKindName(t, person.kind) })}
        </p>
      )}
      {peopleKnown && applicable.length > 0 && (
        <AgreementForm
          key={person?.kind ?? ''}
          personId={id}
          agreements={applicable}
          initialKind={search.get('kind') ?? undefined}
          onDone={onDone}
        />
      )}
      {back}
    </PeoplePage>
  );
}

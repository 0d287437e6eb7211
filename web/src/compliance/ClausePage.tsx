// /compliance/clause?profile=&ref= — one clause of a profile: its title, how mamori covers it (and
// the capability ids), its state, each rule that checks it with the violations found (message in the
// viewer's language, linked to the record at fault), what cites it (roles, forms, obligations…), and
// the duties raised under it with their evidence.
import { Fact, Page } from '../components/ui';
import { useI18n } from '../i18n';
import { query } from '../lib/api';
import { Link, useLocation } from '../lib/router';
import { useData } from '../lib/useData';
import { useUnits } from '../work/data';
import {
  ClauseRef,
  ComplianceTable,
  EvidenceLink,
  ListCard,
  SeverityBadge,
  StateBadge,
  StatusBadge,
  Unloaded,
} from './common';
import { CITATION_KEYS, COVERAGE_KEYS, labelOf } from './labels';
import type { ClauseDetail, ClauseRule } from './types';

function RuleSection({ rule, profile }: { rule: ClauseRule; profile: string }) {
  const { t, pick } = useI18n();
  const id = `rule-${rule.code}`;
  return (
    <section className="compliance-rule" aria-labelledby={id} data-testid="rule" data-rule={rule.code}>
      <h3 id={id}>
        {pick(rule.name_ja, rule.name_en)} <SeverityBadge severity={rule.severity} /> <StateBadge state={rule.state} />
      </h3>
      <p className="hint">
        {t('compliance.rule.code')}: <code>{rule.code}</code>
      </p>
      {rule.state === 'error' && (
        <p className="notice warn" data-testid="rule-error">
          {t('compliance.rule.error')} {pick(rule.error_ja, rule.error_en)}
        </p>
      )}
      {rule.violations.length === 0 ? (
        rule.state !== 'error' && <p className="compliance-empty">{t('compliance.rule.none')}</p>
      ) : (
        <>
          <ComplianceTable
            caption={t('compliance.rule.caption', { n: rule.violations.length })}
            columns={['subject', 'unit', 'message']}
          >
            {rule.violations.map((v) => (
              <tr key={`${v.subject_id}`} data-testid="violation" data-subject={v.subject}>
                <th scope="row">
                  {v.evidence ? <EvidenceLink value={v.evidence}>{v.subject}</EvidenceLink> : <span data-value>{v.subject}</span>}
                </th>
                <td>{v.unit_code ?? ''}</td>
                <td>{pick(v.message_ja, v.message_en)}</td>
              </tr>
            ))}
          </ComplianceTable>
          <p>
            <Link to={`/compliance/violations${query({ profile, rule: rule.code })}`}>{t('compliance.rule.all')}</Link>
          </p>
        </>
      )}
    </section>
  );
}

function Citations({ list }: { list: ClauseDetail['citations'] }) {
  const { t } = useI18n();
  return (
    <ListCard
      id="clause-citations"
      title={t('compliance.clause.citations')}
      isEmpty={list.length === 0}
      empty={t('compliance.clause.no_citations')}
    >
      <ul className="compliance-citations" data-testid="citations">
        {list.map((c) => (
          <li key={`${c.kind}:${c.code}`} data-kind={c.kind}>
            <span className="cite-kind">{labelOf(t, CITATION_KEYS, c.kind)}</span> <code>{c.code}</code>
          </li>
        ))}
      </ul>
    </ListCard>
  );
}

function Duties({ list }: { list: ClauseDetail['obligations'] }) {
  const { t, pick, date } = useI18n();
  const units = useUnits();
  return (
    <ListCard
      id="clause-duties"
      title={t('compliance.clause.duties')}
      isEmpty={list.length === 0}
      empty={t('compliance.clause.no_duties')}
    >
      <ComplianceTable
        data-testid="clause-duties"
        caption={t('compliance.clause.duties_caption')}
        columns={['duty', 'unit', 'period', 'due', 'status', 'done_at', 'evidence']}
      >
        {list.map((d) => (
          <tr key={d.id} data-testid="clause-duty" data-status={d.status}>
            <th scope="row">
              <Link to={`/duties?id=${d.id}`}>{pick(d.name_ja, d.name_en)}</Link>
            </th>
            <td>{units.name(d.unit_id)}</td>
            <td>{d.period.startsWith('event:') ? t('compliance.duty.event', { seq: d.period.slice(6) }) : d.period}</td>
            <td>{date(d.due_at)}</td>
            <td>
              <StatusBadge status={d.status} />
            </td>
            <td>{date(d.done_at, true)}</td>
            <td>
              <EvidenceLink value={d.evidence_ref} />
            </td>
          </tr>
        ))}
      </ComplianceTable>
    </ListCard>
  );
}

export function ClausePage(_props: { params: Record<string, string> }) {
  const { t, pick } = useI18n();
  const { search } = useLocation();
  const profile = search.get('profile') ?? '';
  const ref = search.get('ref') ?? '';
  const valid = profile !== '' && ref !== '';
  const detail = useData<ClauseDetail>(valid ? `/api/v1/compliance/clause${query({ profile, ref })}` : null);
  const back = (
    <Link className="button" to={`/compliance${query({ profile })}`}>
      {t('compliance.back')}
    </Link>
  );
  if (!valid)
    return (
      <Page title={t('compliance.clause.title_bare')} actions={back}>
        <p className="compliance-empty">{t('compliance.clause.bad')}</p>
      </Page>
    );
  const d = detail.data;
  if (!d) return <Unloaded title={ref} error={detail.error} loading={detail.loading} />;
  const c = d.clause;
  const note = pick(c.note_ja, c.note_en);
  return (
    <Page title={t('compliance.clause.title', { ref: c.ref, title: pick(c.title_ja, c.title_en) })} actions={back}>
      <section className="card" aria-labelledby="clause-facts">
        <h2 id="clause-facts">{t('compliance.clause.facts')}</h2>
        <dl className="compliance-facts" data-testid="clause-facts">
          <dt>{t('compliance.col.clause')}</dt>
          <dd>
            <ClauseRef value={c.ref} />
          </dd>
          <dt>{t('compliance.col.state')}</dt>
          <dd data-testid="clause-state">
            <StateBadge state={d.state} />
          </dd>
          <dt>{t('compliance.col.coverage')}</dt>
          <dd>{labelOf(t, COVERAGE_KEYS, c.coverage)}</dd>
          <Fact label={t('compliance.clause.caps')}>{c.caps.length > 0 && <span data-testid="caps">{c.caps.join(t('compliance.sep'))}</span>}</Fact>
          <Fact label={t('compliance.clause.commands')}>
            {c.commands.length > 0 && (
              <span className="compliance-codes">
                {c.commands.map((cmd) => (
                  <code key={cmd}>{cmd}</code>
                ))}
              </span>
            )}
          </Fact>
          <Fact label={t('compliance.clause.note')}>{note}</Fact>
          <dt>{t('compliance.clause.profile')}</dt>
          <dd>
            <code>{d.profile}</code>
          </dd>
        </dl>
      </section>

      <section className="card" aria-labelledby="clause-rules">
        <h2 id="clause-rules">{t('compliance.clause.rules')}</h2>
        {d.rules.length === 0 ? (
          <p className="compliance-empty">{t('compliance.clause.no_rules')}</p>
        ) : (
          d.rules.map((r) => <RuleSection key={r.code} rule={r} profile={d.profile} />)
        )}
      </section>

      <Duties list={d.obligations} />
      <Citations list={d.citations} />
    </Page>
  );
}

// One form per ledger operation (the inputs each command of src/ledger/commands.cc reads). Obvious
// mistakes (a required field left empty, a confirmation not ticked, a period that ends before it
// starts) are caught here; everything else is the server's to judge, and its refusal is shown as
// it comes: the error box with rule and clause, and the message beside the field it names.
// Each form declares its values, what it sends, what it checks and its fields; the frame (error box,
// submit and cancel), the field binders and the groups several forms share do the rest.
import type { ReactNode } from 'react';
import { useI18n } from '../i18n';
import { api, seg } from '../lib/api';
import { fromLocalInput, personName, toLocalInput } from '../lib/format';
import { Link, navigate, useLocation } from '../lib/router';
import { useSession } from '../lib/session';
import { ErrorBox, Fact, SubmitButton, useOptions, type OptionGroup } from '../components/ui';
import { currentEntry, type Op } from './actions';
import { designatedWitnesses, DestructionFacts, useDesignations, usePeriodText, usePersonLabel, usePersons, useUnits } from './common';
import { Choice, Confirm, LongText, Select, Text, useCheckedForm, useChecks, When, type Errors, type FormState } from './fields';
import { approvalKey, METHODS, methodKey, movementKey } from './labels';
import type { ItemDetail, LedgerEntry } from './types';

export interface OpContext {
  op: Op;
  detail: ItemDetail;
}

type Values = Record<string, string | boolean>;
type OpState<V extends Values = Values> = FormState<V> & { ctx: OpContext };

const itemUrl = (ctx: OpContext, path: string) => `/api/v1/items/${seg(ctx.detail.item.control_no)}/${path}`;
const isDevice = (ctx: OpContext) => ctx.detail.item.kind === 'device';

/** A checked form that records the operation, then goes back to the item page with a notice. */
function useOp<V extends Values>(
  ctx: OpContext,
  initial: V | (() => V),
  run: (v: V) => Promise<unknown>,
  check: (v: V) => Errors = () => ({}),
): OpState<V> {
  const form = useCheckedForm(initial, run, check, () => navigate(`/items/${seg(ctx.detail.item.control_no)}?done=${ctx.op}`));
  return { ...form, ctx };
}

/** The frame of every operation form: the server's refusal, the fields, submit and cancel. */
function OpForm({ f, submitLabel, children }: { f: OpState; submitLabel?: string; children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <form ref={f.formRef} onSubmit={f.onSubmit} noValidate className="op-form" data-op={f.ctx.op}>
      <ErrorBox error={f.error} />
      {children}
      <div className="actions">
        <SubmitButton busy={f.busy} label={submitLabel ?? t('ledger.op.submit')} />
        <Link className="button" to={`/items/${seg(f.ctx.detail.item.control_no)}`}>
          {t('ledger.op.cancel')}
        </Link>
      </div>
    </form>
  );
}

function useNowLocal() {
  const { offsetMinutes } = useI18n();
  return () => toLocalInput(new Date().toISOString(), offsetMinutes);
}

/** The values named in `keys`. */
const only = <V extends Values, K extends keyof V>(v: V, keys: K[]) =>
  Object.fromEntries(keys.map((k) => [k, v[k]])) as unknown as Pick<V, NoInfer<K>>;

// ---- Field groups several forms share ----

/** The purpose of use, and for a device where it is used (000 第3 3, 4). */
const purposePlace = (v: { purpose: string; place: string }, device: boolean): Record<string, string> =>
  device ? { purpose: v.purpose, place: v.place } : { purpose: v.purpose };

function PurposePlaceFields({ f, autoFocus }: { f: OpState; autoFocus?: boolean }) {
  const { t } = useI18n();
  return (
    <>
      <Text f={f} name="purpose" label={t('ledger.field.purpose')} required autoFocus={autoFocus} />
      {isDevice(f.ctx) && <Text f={f} name="place" label={t('ledger.field.place')} required />}
    </>
  );
}

/**
 * 許可 or 不許可, the confirmations approving asks for (named in `confirms`, in order), and a note:
 * the body sends the confirmations only when approving, and the checks ask for them only then.
 */
const decisionBody = (v: Values, confirms: string[]) => ({
  decision: v.decision,
  ...(v.decision === 'approve' ? only(v, confirms) : {}),
  note: v.note,
});

function checkDecision(c: ReturnType<typeof useChecks>, v: Values, confirms: string[], out: Errors = {}) {
  c.chosen({ decision: String(v.decision) }, out);
  if (v.decision === 'approve') c.confirmed(Object.fromEntries(confirms.map((k) => [k, v[k] === true])), out);
  return out;
}

function DecisionFields({ f, confirms }: { f: OpState; confirms: { name: string; label: string }[] }) {
  const { t } = useI18n();
  const options = useOptions();
  return (
    <>
      <Choice
        f={f}
        name="decision"
        label={t('ledger.field.decision')}
        options={options({ approve: 'ledger.field.decision.approve', reject: 'ledger.field.decision.reject' })}
        required
      />
      {f.values.decision === 'approve' && confirms.map((c) => <Confirm key={c.name} f={f} name={c.name} label={c.label} />)}
      <LongText f={f} name="note" label={t('ledger.field.note')} />
    </>
  );
}

// ---- 使用・返却・データ確認 (000 第4 3, 第3 3) ----

export function CheckoutForm({ ctx }: { ctx: OpContext }) {
  const c = useChecks();
  const device = isDevice(ctx);
  const f = useOp(
    ctx,
    { purpose: '', place: '' },
    (v) => api.post(itemUrl(ctx, 'checkout'), purposePlace(v, device)),
    (v) => c.required(purposePlace(v, device)),
  );
  return (
    <OpForm f={f}>
      <PurposePlaceFields f={f} autoFocus />
    </OpForm>
  );
}

/** Forms with nothing to fill in: they show what is recorded, and the button records it. */
function RecordForm({ ctx, path, submitLabel, children }: { ctx: OpContext; path: string; submitLabel: string; children: ReactNode }) {
  const f = useOp(ctx, {}, () => api.post(itemUrl(ctx, path), {}));
  return (
    <OpForm f={f} submitLabel={submitLabel}>
      {children}
    </OpForm>
  );
}

export function ReturnForm({ ctx }: { ctx: OpContext }) {
  const { t } = useI18n();
  return (
    <RecordForm ctx={ctx} path="return" submitLabel={t('ledger.action.return')}>
      <EntrySummary ctx={ctx} />
      <p>{t('ledger.op.return_text', { no: ctx.detail.item.control_no })}</p>
    </RecordForm>
  );
}

export function CheckForm({ ctx }: { ctx: OpContext }) {
  const { t } = useI18n();
  const c = useChecks();
  const options = useOptions();
  const f = useOp(ctx, { result: '' }, (v) => api.post(itemUrl(ctx, 'check'), v), (v) => c.chosen(v));
  return (
    <OpForm f={f}>
      <EntrySummary ctx={ctx} last />
      <Choice
        f={f}
        name="result"
        label={t('ledger.field.result')}
        options={options({ no_data: 'ledger.field.result.no_data', erased: 'ledger.field.result.erased' })}
        required
      />
    </OpForm>
  );
}

// ---- 持出し・貸出し (000 第4 4, 第3 4) ----

export function MovementForm({ ctx }: { ctx: OpContext }) {
  const { t, offsetMinutes } = useI18n();
  const c = useChecks();
  const now = useNowLocal();
  const device = isDevice(ctx);
  const f = useOp(
    ctx,
    () => ({
      movement: device ? 'lend' : '',
      purpose: '',
      place: '',
      period_from: now(),
      period_until: '',
      destination: '',
      movement_purpose: '',
      data_minimized: false,
    }),
    (v) =>
      api.post(itemUrl(ctx, 'movement'), {
        movement: v.movement,
        ...purposePlace(v, device),
        period_from: fromLocalInput(v.period_from, offsetMinutes),
        period_until: fromLocalInput(v.period_until, offsetMinutes),
        destination: v.destination,
        movement_purpose: v.movement_purpose,
        data_minimized: v.data_minimized,
      }),
    (v) => {
      const e = c.chosen({ movement: v.movement });
      c.required({ ...purposePlace(v, device), ...only(v, ['period_from', 'period_until', 'destination', 'movement_purpose']) }, e);
      if (v.period_from && v.period_until && v.period_until <= v.period_from && !e.period_until) e.period_until = t('ledger.invalid.period');
      return c.confirmed({ data_minimized: v.data_minimized }, e);
    },
  );
  return (
    <OpForm f={f}>
      <Choice
        f={f}
        name="movement"
        label={t('ledger.field.movement')}
        options={(device ? ['lend'] : ['take_out', 'lend']).map((m) => ({ value: m, label: t(movementKey(m)!) }))}
        hint={device ? t('ledger.field.movement_device_only') : undefined}
        required
      />
      <PurposePlaceFields f={f} />
      <div className="field-row">
        <When f={f} name="period_from" label={t('ledger.field.period_from')} />
        <When f={f} name="period_until" label={t('ledger.field.period_until')} />
      </div>
      <Text f={f} name="destination" label={device ? t('ledger.form.device.c7') : t('ledger.field.destination')} required />
      <Text f={f} name="movement_purpose" label={t('ledger.field.movement_purpose')} required />
      <Confirm f={f} name="data_minimized" label={t('ledger.field.data_minimized')} />
    </OpForm>
  );
}

export function ApprovalForm({ ctx }: { ctx: OpContext }) {
  const { t } = useI18n();
  const c = useChecks();
  const { item, entries } = ctx.detail;
  const cur = currentEntry(item, entries);
  const handover = item.state === 'handover_requested';
  const needsNoCopy = !handover && (item.kind === 'device' || cur?.movement === 'take_out');
  const confirms = [{ name: 'confirmed_data', label: t('ledger.field.confirmed_data') }];
  if (needsNoCopy) confirms.push({ name: 'instructed_no_copy', label: t('ledger.field.instructed_no_copy') });
  const names = confirms.map((x) => x.name);
  const f = useOp(
    ctx,
    { decision: '', confirmed_data: false, instructed_no_copy: false, note: '' },
    (v) => api.post(itemUrl(ctx, 'approval'), decisionBody(v, names)),
    (v) => checkDecision(c, v, names),
  );
  return (
    <OpForm f={f} submitLabel={t('ledger.op.submit_decision')}>
      <EntrySummary ctx={ctx} request />
      <DecisionFields f={f} confirms={confirms} />
    </OpForm>
  );
}

/** Forms that name one party: the borrower (貸出し) and the recipient of a handover (交付). */
function PartyForm({ ctx, path, name, label, hint }: { ctx: OpContext; path: string; name: string; label: string; hint: string }) {
  const c = useChecks();
  const f = useOp(ctx, { [name]: '' }, (v) => api.post(itemUrl(ctx, path), v), (v) => c.required(v));
  return (
    <OpForm f={f}>
      <EntrySummary ctx={ctx} request />
      <Text f={f} name={name} label={label} hint={hint} required autoFocus />
    </OpForm>
  );
}

export function BorrowerForm({ ctx }: { ctx: OpContext }) {
  const { t } = useI18n();
  return (
    <PartyForm ctx={ctx} path="borrower" name="borrower" label={t('ledger.field.borrower')} hint={t('ledger.field.borrower_hint')} />
  );
}

// ---- 複製 (000 第4 5, 第3 5) ----

export function CopyForm({ ctx }: { ctx: OpContext }) {
  const { t } = useI18n();
  const c = useChecks();
  const f = useOp(
    ctx,
    { content: '', counterparty: '', purpose: '' },
    (v) => api.post(itemUrl(ctx, 'copies'), v),
    (v) => c.required(v),
  );
  return (
    <OpForm f={f}>
      <EntrySummary ctx={ctx} request />
      <LongText f={f} name="content" label={t('ledger.field.copy_content')} required autoFocus />
      <Text f={f} name="counterparty" label={t('ledger.field.counterparty')} required />
      <Text f={f} name="purpose" label={t('ledger.field.copy_purpose')} required />
    </OpForm>
  );
}

export function CopyApprovalForm({ ctx }: { ctx: OpContext }) {
  const { t, date } = useI18n();
  const c = useChecks();
  const { search } = useLocation();
  const pending = ctx.detail.copies.filter((x) => x.approval === 'pending');
  const asked = search.get('copy') ?? '';
  const confirms = [{ name: 'confirmed_no_other_copy', label: t('ledger.field.confirmed_no_other_copy') }];
  const names = confirms.map((x) => x.name);
  const f = useOp(
    ctx,
    () => ({
      copy_id: pending.some((x) => String(x.id) === asked) ? asked : pending.length === 1 ? String(pending[0].id) : '',
      decision: '',
      confirmed_no_other_copy: false,
      note: '',
    }),
    (v) => api.post(`/api/v1/copies/${seg(v.copy_id)}/approval`, decisionBody(v, names)),
    (v) => checkDecision(c, v, names, c.chosen({ copy_id: v.copy_id })),
  );
  const chosen = pending.find((x) => String(x.id) === f.values.copy_id);
  if (pending.length === 0) return <p>{t('ledger.copies.none_pending')}</p>;
  return (
    <OpForm f={f} submitLabel={t('ledger.op.submit_decision')}>
      <Choice
        f={f}
        name="copy_id"
        label={t('ledger.copies.pick')}
        options={pending.map((x) => ({
          value: String(x.id),
          label: (
            <>
              <span data-value>{x.content}</span>{' '}
              <span className="hint">
                {t('ledger.copies.counterparty')} <span data-value>{x.counterparty}</span>
              </span>
            </>
          ),
        }))}
        required
      />
      {chosen && (
        <dl className="facts request">
          <dt>{t('ledger.copies.content')}</dt>
          <dd>{chosen.content}</dd>
          <dt>{t('ledger.copies.counterparty')}</dt>
          <dd>{chosen.counterparty}</dd>
          <dt>{t('ledger.copies.purpose')}</dt>
          <dd>{chosen.purpose}</dd>
          <dt>{t('ledger.copies.created_at')}</dt>
          <dd>{date(chosen.created_at, true)}</dd>
        </dl>
      )}
      <DecisionFields f={f} confirms={confirms} />
    </OpForm>
  );
}

// ---- 交付 (000 第4 6) ----

export function HandoverForm({ ctx }: { ctx: OpContext }) {
  const { t, offsetMinutes } = useI18n();
  const { me } = useSession();
  const c = useChecks();
  const now = useNowLocal();
  const f = useOp(
    ctx,
    () => ({
      purpose: '',
      handover_at: now(),
      recipient: '',
      handover_purpose: '',
      executor: me ? personName(me.family_name, me.given_name) : '',
      data_minimized: false,
    }),
    (v) => api.post(itemUrl(ctx, 'handover'), { ...v, handover_at: fromLocalInput(v.handover_at, offsetMinutes) }),
    (v) =>
      c.confirmed(
        { data_minimized: v.data_minimized },
        c.required(only(v, ['purpose', 'handover_at', 'recipient', 'handover_purpose', 'executor'])),
      ),
  );
  return (
    <OpForm f={f}>
      <Text f={f} name="purpose" label={t('ledger.field.purpose')} required autoFocus />
      <When f={f} name="handover_at" label={t('ledger.field.handover_at')} />
      <Text f={f} name="recipient" label={t('ledger.field.recipient')} required />
      <Text f={f} name="handover_purpose" label={t('ledger.field.handover_purpose')} required />
      <Text f={f} name="executor" label={t('ledger.field.handover_executor')} required />
      <Confirm f={f} name="data_minimized" label={t('ledger.field.handover_minimized')} />
    </OpForm>
  );
}

export function HandoverCompleteForm({ ctx }: { ctx: OpContext }) {
  const { t } = useI18n();
  return (
    <PartyForm
      ctx={ctx}
      path="handover/complete"
      name="recipient"
      label={t('ledger.field.handover_party')}
      hint={t('ledger.field.handover_party_hint')}
    />
  );
}

// ---- 破棄 (000 第4 7), 廃棄等 (000 第3 6) ----

/**
 * Person options (active persons, 姓 名, the viewer marked as such). With `firstLabel`, those for
 * whom `isFirst` holds come in their own group ahead of everyone else; without it, a flat list
 * with them first.
 */
function usePersonGroups(isFirst: (id: number) => boolean, firstLabel?: string): OptionGroup[] {
  const { t } = useI18n();
  const { me } = useSession();
  const persons = usePersons();
  const label = usePersonLabel();
  const active = (persons.data?.persons ?? []).filter((p) => p.active !== 0);
  const opt = (p: (typeof active)[number]) => ({ value: String(p.id), label: label(p, me?.person_id) });
  const first = active.filter((p) => isFirst(p.id)).map(opt);
  const rest = active.filter((p) => !isFirst(p.id)).map(opt);
  if (firstLabel && first.length > 0)
    return [
      { label: firstLabel, options: first },
      { label: t('ledger.op.others'), options: rest },
    ];
  return [{ label: '', options: [...first, ...rest] }];
}

/** Who carries it out (the viewer first): a person id, sent only when chosen. */
function useExecutor() {
  const { me } = useSession();
  return {
    initial: me ? String(me.person_id) : '',
    groups: usePersonGroups((id) => id === me?.person_id),
    body: (id: string) => (id ? { executor_person_id: Number(id) } : {}),
  };
}

export function DestructionForm({ ctx }: { ctx: OpContext }) {
  const { t, offsetMinutes } = useI18n();
  const c = useChecks();
  const now = useNowLocal();
  const { item } = ctx.detail;
  const units = useUnits();
  const designations = useDesignations();
  const witnesses = designatedWitnesses(designations.data?.designations ?? [], units.data?.units ?? [], item.custodian_unit_id);
  const executor = useExecutor();
  const witnessGroups = usePersonGroups((id) => witnesses.has(id), t('ledger.op.designated'));
  const f = useOp(
    ctx,
    () => ({ method: '', destroy_at: now(), executor_person_id: executor.initial, witness_person_id: '' }),
    (v) =>
      api.post(itemUrl(ctx, 'destruction'), {
        method: v.method,
        destroy_at: fromLocalInput(v.destroy_at, offsetMinutes),
        ...executor.body(v.executor_person_id),
        witness_person_id: Number(v.witness_person_id),
      }),
    // The witness must differ from the executor (000 第4 7(1)): that rule is the server's to apply.
    (v) => c.chosen(v),
  );
  return (
    <OpForm f={f}>
      <Choice
        f={f}
        name="method"
        label={t('ledger.field.method')}
        options={METHODS.map((m) => ({ value: m, label: t(methodKey(m)!) }))}
        required
      />
      <When f={f} name="destroy_at" label={t('ledger.field.destroy_at')} />
      <Select f={f} name="executor_person_id" label={t('ledger.field.executor')} groups={executor.groups} />
      <Select
        f={f}
        name="witness_person_id"
        label={t('ledger.field.witness')}
        groups={witnessGroups}
        hint={t('ledger.field.witness_hint')}
      />
    </OpForm>
  );
}

export function WitnessForm({ ctx }: { ctx: OpContext }) {
  const { t } = useI18n();
  return (
    <RecordForm ctx={ctx} path="destruction/witness" submitLabel={t('ledger.action.witness')}>
      <p>{t('ledger.op.witness_text')}</p>
      <DestructionFacts item={ctx.detail.item} className="facts request" />
    </RecordForm>
  );
}

export function DisposalForm({ ctx }: { ctx: OpContext }) {
  const { t } = useI18n();
  const c = useChecks();
  const options = useOptions();
  const executor = useExecutor();
  const f = useOp(
    ctx,
    () => ({ disposal: '', erasure_confirmed: false, executor_person_id: executor.initial, note: '' }),
    (v) =>
      api.post(itemUrl(ctx, 'disposal'), {
        disposal: v.disposal,
        erasure_confirmed: v.erasure_confirmed,
        ...executor.body(v.executor_person_id),
        note: v.note,
      }),
    (v) => c.confirmed({ erasure_confirmed: v.erasure_confirmed }, c.chosen(only(v, ['disposal', 'executor_person_id']))),
  );
  return (
    <OpForm f={f}>
      <Choice
        f={f}
        name="disposal"
        label={t('ledger.field.disposal')}
        options={options({ disposal: 'ledger.field.disposal.disposal', transfer: 'ledger.field.disposal.transfer' })}
        required
      />
      <Confirm f={f} name="erasure_confirmed" label={t('ledger.field.erasure_confirmed')} />
      <Select f={f} name="executor_person_id" label={t('ledger.form.device.executor')} groups={executor.groups} />
      <LongText f={f} name="note" label={t('ledger.field.disposal_note')} />
    </OpForm>
  );
}

// ---- The current (or last) ledger row, for forms that act on it ----

function EntrySummary({ ctx, request, last }: { ctx: OpContext; request?: boolean; last?: boolean }) {
  const { t, date } = useI18n();
  const period = usePeriodText();
  const { item, entries } = ctx.detail;
  const e: LedgerEntry | undefined = currentEntry(item, entries) ?? (last ? entries[entries.length - 1] : undefined);
  if (!e) return null;
  const m = movementKey(e.movement);
  const a = approvalKey(e.approval);
  const handover = e.movement === 'handover';
  return (
    <section className="card request" aria-labelledby="request-title">
      <h2 id="request-title">{t(request ? 'ledger.op.request' : 'ledger.item.current')}</h2>
      <dl className="facts">
        <dt>{t(request ? 'ledger.op.requested_by' : 'ledger.item.holder')}</dt>
        <dd>{e.user_name}</dd>
        <dt>{t(request ? 'ledger.op.requested_at' : 'ledger.item.started_at')}</dt>
        <dd>{date(e.started_at, true)}</dd>
        <Fact label={t('ledger.item.movement')}>{m && t(m)}</Fact>
        <dt>{t('ledger.item.purpose')}</dt>
        <dd>{e.purpose}</dd>
        <Fact label={t('ledger.field.place')}>{e.place}</Fact>
        <Fact label={t(e.handover_at ? 'ledger.field.handover_at' : 'ledger.item.period')}>{period(e)}</Fact>
        <Fact label={t(handover ? 'ledger.field.recipient' : 'ledger.item.destination')}>{e.destination}</Fact>
        <Fact label={t(handover ? 'ledger.field.handover_purpose' : 'ledger.field.movement_purpose')}>{e.movement_purpose}</Fact>
        <Fact label={t('ledger.field.handover_executor')}>{e.handover_executor}</Fact>
        <Fact label={t('ledger.form.medium.c4')}>{e.returned_at && date(e.returned_at, true)}</Fact>
        <Fact label={t('ledger.item.approval')}>{a && t(a)}</Fact>
      </dl>
    </section>
  );
}

export const FORMS: Record<Op, (p: { ctx: OpContext }) => ReactNode> = {
  checkout: CheckoutForm,
  return: ReturnForm,
  check: CheckForm,
  movement: MovementForm,
  approval: ApprovalForm,
  borrower: BorrowerForm,
  copy: CopyForm,
  'copy-approval': CopyApprovalForm,
  handover: HandoverForm,
  'handover-complete': HandoverCompleteForm,
  destruction: DestructionForm,
  witness: WitnessForm,
  disposal: DisposalForm,
};

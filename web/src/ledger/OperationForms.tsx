// One form per ledger operation (the inputs each command of src/ledger/commands.cc reads). Obvious
// mistakes (a required field left empty, a confirmation not ticked, a period that ends before it
// starts) are caught here; everything else is the server's to judge, and its refusal is shown as
// it comes: the error box with rule and clause, and the message beside the field it names.
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useI18n } from '../i18n';
import { api, seg, type ApiError } from '../lib/api';
import { fromLocalInput, offsetText, personName, toLocalInput } from '../lib/format';
import { Link, navigate, useLocation } from '../lib/router';
import { useSession } from '../lib/session';
import { ErrorBox, SubmitButton, TextArea, TextField, useCommand } from '../components/ui';
import { currentEntry, type Op } from './actions';
import { designatedWitnesses, useDesignations, usePersonLabel, usePersons, useUnits } from './common';
import { ConfirmField, GroupedSelect, RadioField, type OptionGroup } from './fields';
import { approvalKey, METHODS, methodKey, movementKey } from './labels';
import type { ItemDetail, LedgerEntry } from './types';

type Errors = Record<string, string>;

export interface OpContext {
  op: Op;
  detail: ItemDetail;
}

const itemUrl = (ctx: OpContext, path: string) => `/api/v1/items/${seg(ctx.detail.item.control_no)}/${path}`;

/** Moves focus to the control named `name` (field names are snake_case identifiers). */
export function focusField(form: HTMLFormElement | null, name: string) {
  if (!/^[A-Za-z0-9_-]+$/.test(name)) return;
  form?.querySelector<HTMLElement>(`[name="${name}"]`)?.focus();
}

/** Submit with client checks first, then the server; back to the item page with a notice on success. */
function useOp(ctx: OpContext, run: () => Promise<unknown>, check: () => Errors) {
  const formRef = useRef<HTMLFormElement>(null);
  const [tried, setTried] = useState(false);
  const { submit, error, busy } = useCommand(run, () =>
    navigate(`/items/${seg(ctx.detail.item.control_no)}?done=${ctx.op}`),
  );
  const invalid: Errors = tried ? check() : {};
  useEffect(() => {
    if (error?.field) focusField(formRef.current, error.field);
  }, [error]);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    const first = Object.keys(check())[0];
    if (first) {
      focusField(formRef.current, first);
      return;
    }
    void submit();
  };
  return { formRef, onSubmit, invalid, error, busy };
}

type OpState = ReturnType<typeof useOp>;

function OpForm({ f, ctx, submitLabel, children }: { f: OpState; ctx: OpContext; submitLabel?: string; children?: ReactNode }) {
  const { t } = useI18n();
  return (
    <form ref={f.formRef} onSubmit={f.onSubmit} noValidate className="op-form" data-op={ctx.op}>
      <ErrorBox error={f.error} />
      {children}
      <div className="actions">
        <SubmitButton busy={f.busy} label={submitLabel ?? t('ledger.op.submit')} />
        <Link className="button" to={`/items/${seg(ctx.detail.item.control_no)}`}>
          {t('ledger.op.cancel')}
        </Link>
      </div>
    </form>
  );
}

function useChecks() {
  const { t } = useI18n();
  return {
    required(values: Record<string, string>, out: Errors = {}) {
      for (const [k, v] of Object.entries(values)) if (!v.trim()) out[k] = t('ledger.invalid.required');
      return out;
    },
    chosen(values: Record<string, string>, out: Errors = {}) {
      for (const [k, v] of Object.entries(values)) if (!v) out[k] = t('ledger.invalid.choose');
      return out;
    },
    confirmed(values: Record<string, boolean>, out: Errors = {}) {
      for (const [k, v] of Object.entries(values)) if (!v) out[k] = t('ledger.invalid.confirm');
      return out;
    },
  };
}

function useNowLocal() {
  const { offsetMinutes } = useI18n();
  return () => toLocalInput(new Date().toISOString(), offsetMinutes);
}

function DateTimeField(props: {
  label: string;
  name: string;
  value: string;
  onChange(v: string): void;
  error?: ApiError | null;
  invalid?: string;
}) {
  const { t, offsetMinutes } = useI18n();
  return (
    <TextField
      type="datetime-local"
      label={props.label}
      name={props.name}
      value={props.value}
      onChange={(e) => props.onChange(e.target.value)}
      error={props.error}
      invalid={props.invalid}
      hint={t('ledger.field.time_hint', { offset: offsetText(offsetMinutes) })}
      required
    />
  );
}

// ---- 使用・返却・データ確認 (000 第4 3, 第3 3) ----

export function CheckoutForm({ ctx }: { ctx: OpContext }) {
  const { t } = useI18n();
  const c = useChecks();
  const device = ctx.detail.item.kind === 'device';
  const [purpose, setPurpose] = useState('');
  const [place, setPlace] = useState('');
  const f = useOp(
    ctx,
    () => api.post(itemUrl(ctx, 'checkout'), device ? { purpose, place } : { purpose }),
    () => c.required(device ? { purpose, place } : { purpose }),
  );
  return (
    <OpForm f={f} ctx={ctx}>
      <TextField
        label={t('ledger.field.purpose')}
        name="purpose"
        value={purpose}
        onChange={(e) => setPurpose(e.target.value)}
        error={f.error}
        invalid={f.invalid.purpose}
        required
        autoFocus
      />
      {device && (
        <TextField
          label={t('ledger.field.place')}
          name="place"
          value={place}
          onChange={(e) => setPlace(e.target.value)}
          error={f.error}
          invalid={f.invalid.place}
          required
        />
      )}
    </OpForm>
  );
}

export function ReturnForm({ ctx }: { ctx: OpContext }) {
  const { t } = useI18n();
  const f = useOp(ctx, () => api.post(itemUrl(ctx, 'return'), {}), () => ({}));
  return (
    <OpForm f={f} ctx={ctx} submitLabel={t('ledger.action.return')}>
      <EntrySummary ctx={ctx} />
      <p>{t('ledger.op.return_text', { no: ctx.detail.item.control_no })}</p>
    </OpForm>
  );
}

export function CheckForm({ ctx }: { ctx: OpContext }) {
  const { t } = useI18n();
  const c = useChecks();
  const [result, setResult] = useState('');
  const f = useOp(ctx, () => api.post(itemUrl(ctx, 'check'), { result }), () => c.chosen({ result }));
  return (
    <OpForm f={f} ctx={ctx}>
      <EntrySummary ctx={ctx} last />
      <RadioField
        label={t('ledger.field.result')}
        name="result"
        value={result}
        onChange={setResult}
        options={[
          { value: 'no_data', label: t('ledger.field.result.no_data') },
          { value: 'erased', label: t('ledger.field.result.erased') },
        ]}
        error={f.error}
        invalid={f.invalid.result}
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
  const device = ctx.detail.item.kind === 'device';
  const [movement, setMovement] = useState(device ? 'lend' : '');
  const [purpose, setPurpose] = useState('');
  const [place, setPlace] = useState('');
  const [from, setFrom] = useState(now);
  const [until, setUntil] = useState('');
  const [destination, setDestination] = useState('');
  const [why, setWhy] = useState('');
  const [minimized, setMinimized] = useState(false);
  const check = () => {
    const e = c.chosen({ movement });
    c.required({ purpose, ...(device ? { place } : {}), period_from: from, period_until: until, destination, movement_purpose: why }, e);
    if (from && until && until <= from && !e.period_until) e.period_until = t('ledger.invalid.period');
    return c.confirmed({ data_minimized: minimized }, e);
  };
  const f = useOp(
    ctx,
    () =>
      api.post(itemUrl(ctx, 'movement'), {
        movement,
        purpose,
        ...(device ? { place } : {}),
        period_from: fromLocalInput(from, offsetMinutes),
        period_until: fromLocalInput(until, offsetMinutes),
        destination,
        movement_purpose: why,
        data_minimized: minimized,
      }),
    check,
  );
  return (
    <OpForm f={f} ctx={ctx}>
      <RadioField
        label={t('ledger.field.movement')}
        name="movement"
        value={movement}
        onChange={setMovement}
        options={(device ? ['lend'] : ['take_out', 'lend']).map((m) => ({ value: m, label: t(movementKey(m)!) }))}
        hint={device ? t('ledger.field.movement_device_only') : undefined}
        error={f.error}
        invalid={f.invalid.movement}
        required
      />
      <TextField
        label={t('ledger.field.purpose')}
        name="purpose"
        value={purpose}
        onChange={(e) => setPurpose(e.target.value)}
        error={f.error}
        invalid={f.invalid.purpose}
        required
      />
      {device && (
        <TextField
          label={t('ledger.field.place')}
          name="place"
          value={place}
          onChange={(e) => setPlace(e.target.value)}
          error={f.error}
          invalid={f.invalid.place}
          required
        />
      )}
      <div className="field-row">
        <DateTimeField
          label={t('ledger.field.period_from')}
          name="period_from"
          value={from}
          onChange={setFrom}
          error={f.error}
          invalid={f.invalid.period_from}
        />
        <DateTimeField
          label={t('ledger.field.period_until')}
          name="period_until"
          value={until}
          onChange={setUntil}
          error={f.error}
          invalid={f.invalid.period_until}
        />
      </div>
      <TextField
        label={device ? t('ledger.form.device.c7') : t('ledger.field.destination')}
        name="destination"
        value={destination}
        onChange={(e) => setDestination(e.target.value)}
        error={f.error}
        invalid={f.invalid.destination}
        required
      />
      <TextField
        label={t('ledger.field.movement_purpose')}
        name="movement_purpose"
        value={why}
        onChange={(e) => setWhy(e.target.value)}
        error={f.error}
        invalid={f.invalid.movement_purpose}
        required
      />
      <ConfirmField
        label={t('ledger.field.data_minimized')}
        name="data_minimized"
        checked={minimized}
        onChange={setMinimized}
        error={f.error}
        invalid={f.invalid.data_minimized}
        required
      />
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
  const [decision, setDecision] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [noCopy, setNoCopy] = useState(false);
  const [note, setNote] = useState('');
  const approve = decision === 'approve';
  const check = () => {
    const e = c.chosen({ decision });
    if (approve) c.confirmed(needsNoCopy ? { confirmed_data: confirmed, instructed_no_copy: noCopy } : { confirmed_data: confirmed }, e);
    return e;
  };
  const f = useOp(
    ctx,
    () =>
      api.post(
        itemUrl(ctx, 'approval'),
        approve
          ? { decision, confirmed_data: confirmed, ...(needsNoCopy ? { instructed_no_copy: noCopy } : {}), note }
          : { decision, note },
      ),
    check,
  );
  return (
    <OpForm f={f} ctx={ctx} submitLabel={t('ledger.op.submit_decision')}>
      <EntrySummary ctx={ctx} request />
      <RadioField
        label={t('ledger.field.decision')}
        name="decision"
        value={decision}
        onChange={setDecision}
        options={[
          { value: 'approve', label: t('ledger.field.decision.approve') },
          { value: 'reject', label: t('ledger.field.decision.reject') },
        ]}
        error={f.error}
        invalid={f.invalid.decision}
        required
      />
      {approve && (
        <ConfirmField
          label={t('ledger.field.confirmed_data')}
          name="confirmed_data"
          checked={confirmed}
          onChange={setConfirmed}
          error={f.error}
          invalid={f.invalid.confirmed_data}
          required
        />
      )}
      {approve && needsNoCopy && (
        <ConfirmField
          label={t('ledger.field.instructed_no_copy')}
          name="instructed_no_copy"
          checked={noCopy}
          onChange={setNoCopy}
          error={f.error}
          invalid={f.invalid.instructed_no_copy}
          required
        />
      )}
      <TextArea label={t('ledger.field.note')} name="note" value={note} onChange={(e) => setNote(e.target.value)} error={f.error} />
    </OpForm>
  );
}

export function BorrowerForm({ ctx }: { ctx: OpContext }) {
  const { t } = useI18n();
  const c = useChecks();
  const [borrower, setBorrower] = useState('');
  const f = useOp(ctx, () => api.post(itemUrl(ctx, 'borrower'), { borrower }), () => c.required({ borrower }));
  return (
    <OpForm f={f} ctx={ctx}>
      <EntrySummary ctx={ctx} request />
      <TextField
        label={t('ledger.field.borrower')}
        name="borrower"
        hint={t('ledger.field.borrower_hint')}
        value={borrower}
        onChange={(e) => setBorrower(e.target.value)}
        error={f.error}
        invalid={f.invalid.borrower}
        required
        autoFocus
      />
    </OpForm>
  );
}

// ---- 複製 (000 第4 5, 第3 5) ----

export function CopyForm({ ctx }: { ctx: OpContext }) {
  const { t } = useI18n();
  const c = useChecks();
  const [content, setContent] = useState('');
  const [counterparty, setCounterparty] = useState('');
  const [purpose, setPurpose] = useState('');
  const f = useOp(
    ctx,
    () => api.post(itemUrl(ctx, 'copies'), { content, counterparty, purpose }),
    () => c.required({ content, counterparty, purpose }),
  );
  return (
    <OpForm f={f} ctx={ctx}>
      <EntrySummary ctx={ctx} request />
      <TextArea
        label={t('ledger.field.copy_content')}
        name="content"
        value={content}
        onChange={(e) => setContent(e.target.value)}
        error={f.error}
        invalid={f.invalid.content}
        required
        autoFocus
      />
      <TextField
        label={t('ledger.field.counterparty')}
        name="counterparty"
        value={counterparty}
        onChange={(e) => setCounterparty(e.target.value)}
        error={f.error}
        invalid={f.invalid.counterparty}
        required
      />
      <TextField
        label={t('ledger.field.copy_purpose')}
        name="purpose"
        value={purpose}
        onChange={(e) => setPurpose(e.target.value)}
        error={f.error}
        invalid={f.invalid.purpose}
        required
      />
    </OpForm>
  );
}

export function CopyApprovalForm({ ctx }: { ctx: OpContext }) {
  const { t, date } = useI18n();
  const c = useChecks();
  const { search } = useLocation();
  const pending = ctx.detail.copies.filter((x) => x.approval === 'pending');
  const asked = search.get('copy') ?? '';
  const [copyId, setCopyId] = useState(
    pending.some((x) => String(x.id) === asked) ? asked : pending.length === 1 ? String(pending[0].id) : '',
  );
  const [decision, setDecision] = useState('');
  const [confirmed, setConfirmed] = useState(false);
  const [note, setNote] = useState('');
  const approve = decision === 'approve';
  const f = useOp(
    ctx,
    () =>
      api.post(
        `/api/v1/copies/${seg(copyId)}/approval`,
        approve ? { decision, confirmed_no_other_copy: confirmed, note } : { decision, note },
      ),
    () => {
      const e = c.chosen({ copy_id: copyId, decision });
      if (approve) c.confirmed({ confirmed_no_other_copy: confirmed }, e);
      return e;
    },
  );
  const chosen = pending.find((x) => String(x.id) === copyId);
  if (pending.length === 0) return <p>{t('ledger.copies.none_pending')}</p>;
  return (
    <OpForm f={f} ctx={ctx} submitLabel={t('ledger.op.submit_decision')}>
      <RadioField
        label={t('ledger.copies.pick')}
        name="copy_id"
        value={copyId}
        onChange={setCopyId}
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
        error={f.error}
        invalid={f.invalid.copy_id}
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
      <RadioField
        label={t('ledger.field.decision')}
        name="decision"
        value={decision}
        onChange={setDecision}
        options={[
          { value: 'approve', label: t('ledger.field.decision.approve') },
          { value: 'reject', label: t('ledger.field.decision.reject') },
        ]}
        error={f.error}
        invalid={f.invalid.decision}
        required
      />
      {approve && (
        <ConfirmField
          label={t('ledger.field.confirmed_no_other_copy')}
          name="confirmed_no_other_copy"
          checked={confirmed}
          onChange={setConfirmed}
          error={f.error}
          invalid={f.invalid.confirmed_no_other_copy}
          required
        />
      )}
      <TextArea label={t('ledger.field.note')} name="note" value={note} onChange={(e) => setNote(e.target.value)} error={f.error} />
    </OpForm>
  );
}

// ---- 交付 (000 第4 6) ----

export function HandoverForm({ ctx }: { ctx: OpContext }) {
  const { t, offsetMinutes } = useI18n();
  const { me } = useSession();
  const c = useChecks();
  const now = useNowLocal();
  const [purpose, setPurpose] = useState('');
  const [at, setAt] = useState(now);
  const [recipient, setRecipient] = useState('');
  const [why, setWhy] = useState('');
  const [executor, setExecutor] = useState(() => (me ? personName(me.family_name, me.given_name) : ''));
  const [minimized, setMinimized] = useState(false);
  const f = useOp(
    ctx,
    () =>
      api.post(itemUrl(ctx, 'handover'), {
        purpose,
        handover_at: fromLocalInput(at, offsetMinutes),
        recipient,
        handover_purpose: why,
        executor,
        data_minimized: minimized,
      }),
    () =>
      c.confirmed(
        { data_minimized: minimized },
        c.required({ purpose, handover_at: at, recipient, handover_purpose: why, executor }),
      ),
  );
  return (
    <OpForm f={f} ctx={ctx}>
      <TextField
        label={t('ledger.field.purpose')}
        name="purpose"
        value={purpose}
        onChange={(e) => setPurpose(e.target.value)}
        error={f.error}
        invalid={f.invalid.purpose}
        required
        autoFocus
      />
      <DateTimeField
        label={t('ledger.field.handover_at')}
        name="handover_at"
        value={at}
        onChange={setAt}
        error={f.error}
        invalid={f.invalid.handover_at}
      />
      <TextField
        label={t('ledger.field.recipient')}
        name="recipient"
        value={recipient}
        onChange={(e) => setRecipient(e.target.value)}
        error={f.error}
        invalid={f.invalid.recipient}
        required
      />
      <TextField
        label={t('ledger.field.handover_purpose')}
        name="handover_purpose"
        value={why}
        onChange={(e) => setWhy(e.target.value)}
        error={f.error}
        invalid={f.invalid.handover_purpose}
        required
      />
      <TextField
        label={t('ledger.field.handover_executor')}
        name="executor"
        value={executor}
        onChange={(e) => setExecutor(e.target.value)}
        error={f.error}
        invalid={f.invalid.executor}
        required
      />
      <ConfirmField
        label={t('ledger.field.handover_minimized')}
        name="data_minimized"
        checked={minimized}
        onChange={setMinimized}
        error={f.error}
        invalid={f.invalid.data_minimized}
        required
      />
    </OpForm>
  );
}

export function HandoverCompleteForm({ ctx }: { ctx: OpContext }) {
  const { t } = useI18n();
  const c = useChecks();
  const [recipient, setRecipient] = useState('');
  const f = useOp(ctx, () => api.post(itemUrl(ctx, 'handover/complete'), { recipient }), () => c.required({ recipient }));
  return (
    <OpForm f={f} ctx={ctx}>
      <EntrySummary ctx={ctx} request />
      <TextField
        label={t('ledger.field.handover_party')}
        name="recipient"
        hint={t('ledger.field.handover_party_hint')}
        value={recipient}
        onChange={(e) => setRecipient(e.target.value)}
        error={f.error}
        invalid={f.invalid.recipient}
        required
        autoFocus
      />
    </OpForm>
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

export function DestructionForm({ ctx }: { ctx: OpContext }) {
  const { t, offsetMinutes } = useI18n();
  const { me } = useSession();
  const c = useChecks();
  const now = useNowLocal();
  const { item } = ctx.detail;
  const units = useUnits();
  const designations = useDesignations();
  const witnesses = designatedWitnesses(designations.data?.designations ?? [], units.data?.units ?? [], item.custodian_unit_id);
  const [method, setMethod] = useState('');
  const [at, setAt] = useState(now);
  const [executor, setExecutor] = useState(me ? String(me.person_id) : '');
  const [witness, setWitness] = useState('');
  const executorGroups = usePersonGroups((id) => id === me?.person_id);
  const witnessGroups = usePersonGroups((id) => witnesses.has(id), t('ledger.op.designated'));
  const f = useOp(
    ctx,
    () =>
      api.post(itemUrl(ctx, 'destruction'), {
        method,
        destroy_at: fromLocalInput(at, offsetMinutes),
        ...(executor ? { executor_person_id: Number(executor) } : {}),
        witness_person_id: Number(witness),
      }),
    // The witness must differ from the executor (000 第4 7(1)): that rule is the server's to apply.
    () => c.chosen({ method, destroy_at: at, executor_person_id: executor, witness_person_id: witness }),
  );
  return (
    <OpForm f={f} ctx={ctx}>
      <RadioField
        label={t('ledger.field.method')}
        name="method"
        value={method}
        onChange={setMethod}
        options={METHODS.map((m) => ({ value: m, label: t(methodKey(m)!) }))}
        error={f.error}
        invalid={f.invalid.method}
        required
      />
      <DateTimeField
        label={t('ledger.field.destroy_at')}
        name="destroy_at"
        value={at}
        onChange={setAt}
        error={f.error}
        invalid={f.invalid.destroy_at}
      />
      <GroupedSelect
        label={t('ledger.field.executor')}
        name="executor_person_id"
        value={executor}
        onChange={setExecutor}
        groups={executorGroups}
        error={f.error}
        invalid={f.invalid.executor_person_id}
        required
      />
      <GroupedSelect
        label={t('ledger.field.witness')}
        name="witness_person_id"
        value={witness}
        onChange={setWitness}
        groups={witnessGroups}
        hint={t('ledger.field.witness_hint')}
        error={f.error}
        invalid={f.invalid.witness_person_id}
        required
      />
    </OpForm>
  );
}

export function WitnessForm({ ctx }: { ctx: OpContext }) {
  const { t, date } = useI18n();
  const { item } = ctx.detail;
  const f = useOp(ctx, () => api.post(itemUrl(ctx, 'destruction/witness'), {}), () => ({}));
  return (
    <OpForm f={f} ctx={ctx} submitLabel={t('ledger.action.witness')}>
      <p>{t('ledger.op.witness_text')}</p>
      <dl className="facts request">
        <dt>{t('ledger.pending.method')}</dt>
        <dd>{methodKey(item.final_method) ? t(methodKey(item.final_method)!) : item.final_method}</dd>
        <dt>{t('ledger.pending.at')}</dt>
        <dd>{date(item.final_at, true)}</dd>
        <dt>{t('ledger.pending.executor')}</dt>
        <dd>{item.executor_name}</dd>
      </dl>
    </OpForm>
  );
}

export function DisposalForm({ ctx }: { ctx: OpContext }) {
  const { t } = useI18n();
  const { me } = useSession();
  const c = useChecks();
  const [disposal, setDisposal] = useState('');
  const [erased, setErased] = useState(false);
  const [executor, setExecutor] = useState(me ? String(me.person_id) : '');
  const [note, setNote] = useState('');
  const groups = usePersonGroups((id) => id === me?.person_id);
  const f = useOp(
    ctx,
    () =>
      api.post(itemUrl(ctx, 'disposal'), {
        disposal,
        erasure_confirmed: erased,
        ...(executor ? { executor_person_id: Number(executor) } : {}),
        note,
      }),
    () => c.confirmed({ erasure_confirmed: erased }, c.chosen({ disposal, executor_person_id: executor })),
  );
  return (
    <OpForm f={f} ctx={ctx}>
      <RadioField
        label={t('ledger.field.disposal')}
        name="disposal"
        value={disposal}
        onChange={setDisposal}
        options={[
          { value: 'disposal', label: t('ledger.field.disposal.disposal') },
          { value: 'transfer', label: t('ledger.field.disposal.transfer') },
        ]}
        error={f.error}
        invalid={f.invalid.disposal}
        required
      />
      <ConfirmField
        label={t('ledger.field.erasure_confirmed')}
        name="erasure_confirmed"
        checked={erased}
        onChange={setErased}
        error={f.error}
        invalid={f.invalid.erasure_confirmed}
        required
      />
      <GroupedSelect
        label={t('ledger.form.device.executor')}
        name="executor_person_id"
        value={executor}
        onChange={setExecutor}
        groups={groups}
        error={f.error}
        invalid={f.invalid.executor_person_id}
        required
      />
      <TextArea
        label={t('ledger.field.disposal_note')}
        name="note"
        value={note}
        onChange={(e) => setNote(e.target.value)}
        error={f.error}
      />
    </OpForm>
  );
}

// ---- The current (or last) ledger row, for forms that act on it ----

function EntrySummary({ ctx, request, last }: { ctx: OpContext; request?: boolean; last?: boolean }) {
  const { t, date } = useI18n();
  const { item, entries } = ctx.detail;
  const e: LedgerEntry | undefined = currentEntry(item, entries) ?? (last ? entries[entries.length - 1] : undefined);
  if (!e) return null;
  const m = movementKey(e.movement);
  const a = approvalKey(e.approval);
  return (
    <section className="card request" aria-labelledby="request-title">
      <h2 id="request-title">{t(request ? 'ledger.op.request' : 'ledger.item.current')}</h2>
      <dl className="facts">
        <dt>{t(request ? 'ledger.op.requested_by' : 'ledger.item.holder')}</dt>
        <dd>{e.user_name}</dd>
        <dt>{t(request ? 'ledger.op.requested_at' : 'ledger.item.started_at')}</dt>
        <dd>{date(e.started_at, true)}</dd>
        {m && (
          <>
            <dt>{t('ledger.item.movement')}</dt>
            <dd>{t(m)}</dd>
          </>
        )}
        <dt>{t('ledger.item.purpose')}</dt>
        <dd>{e.purpose}</dd>
        {e.place && (
          <>
            <dt>{t('ledger.field.place')}</dt>
            <dd>{e.place}</dd>
          </>
        )}
        {(e.period_from || e.handover_at) && (
          <>
            <dt>{t(e.handover_at ? 'ledger.field.handover_at' : 'ledger.item.period')}</dt>
            <dd>
              {e.handover_at
                ? date(e.handover_at, true)
                : t('ledger.form.period', { from: date(e.period_from, true), until: date(e.period_until, true) })}
            </dd>
          </>
        )}
        {e.destination && (
          <>
            <dt>{t(e.movement === 'handover' ? 'ledger.field.recipient' : 'ledger.item.destination')}</dt>
            <dd>{e.destination}</dd>
          </>
        )}
        {e.movement_purpose && (
          <>
            <dt>{t(e.movement === 'handover' ? 'ledger.field.handover_purpose' : 'ledger.field.movement_purpose')}</dt>
            <dd>{e.movement_purpose}</dd>
          </>
        )}
        {e.handover_executor && (
          <>
            <dt>{t('ledger.field.handover_executor')}</dt>
            <dd>{e.handover_executor}</dd>
          </>
        )}
        {e.returned_at && (
          <>
            <dt>{t('ledger.form.medium.c4')}</dt>
            <dd>{date(e.returned_at, true)}</dd>
          </>
        )}
        {a && (
          <>
            <dt>{t('ledger.item.approval')}</dt>
            <dd>{t(a)}</dd>
          </>
        )}
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

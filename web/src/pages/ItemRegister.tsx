// /items/new — register a medium or device and open its ledger (item.register, 000 第4 2, 第3 2),
// or register a medium received from elsewhere (item.receive, 000 第4 6(4)). The mode is in the
// address (?mode=receive) so that a link can open the right one.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useI18n } from '../i18n';
import { api, seg } from '../lib/api';
import { navigate, setSearch, useLocation } from '../lib/router';
import { useSession } from '../lib/session';
import { ErrorBox, SelectField, SubmitButton, TextField, useCommand } from '../components/ui';
import { LedgerPage, useUnits } from '../ledger/common';
import { RadioField } from '../ledger/fields';
import { focusField } from '../ledger/OperationForms';
import type { ItemCommandResult } from '../ledger/types';

type Mode = 'register' | 'receive';

export function ItemRegister(_props: { params: Record<string, string> }) {
  const { t, pick } = useI18n();
  const { can } = useSession();
  const { search } = useLocation();
  const mode: Mode = search.get('mode') === 'receive' ? 'receive' : 'register';
  const units = useUnits();
  const allowed = (units.data?.units ?? []).filter((u) => u.kind !== 'bureau' && can('ledger.register', u.id));

  const [controlNo, setControlNo] = useState('');
  const [kind, setKind] = useState('');
  const [type, setType] = useState('');
  const [storage, setStorage] = useState('');
  const [unitChoice, setUnitChoice] = useState('');
  const [vendor, setVendor] = useState('');
  const [product, setProduct] = useState('');
  const [serial, setSerial] = useState('');
  const [receivedFrom, setReceivedFrom] = useState('');
  const [tried, setTried] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  // With one unit to choose from, it is chosen.
  const unitId = unitChoice || (allowed.length === 1 ? String(allowed[0].id) : '');

  const body = () => {
    const common = { control_no: controlNo, type, storage, unit_id: Number(unitId), vendor, product, serial };
    return mode === 'receive' ? { ...common, received_from: receivedFrom } : { ...common, kind };
  };
  const { submit, error, busy } = useCommand(
    () => api.post<ItemCommandResult>(mode === 'receive' ? '/api/v1/items/receive' : '/api/v1/items', body()),
    (r) => navigate(`/items/${seg(r.control_no)}?done=register`),
  );

  useEffect(() => {
    if (error?.field) focusField(formRef.current, error.field);
  }, [error]);

  const check = () => {
    const e: Record<string, string> = {};
    const need = (k: string, v: string) => {
      if (!v.trim()) e[k] = t('ledger.invalid.required');
    };
    need('control_no', controlNo);
    if (mode === 'register' && !kind) e.kind = t('ledger.invalid.choose');
    need('type', type);
    need('storage', storage);
    if (!unitId) e.unit_id = t('ledger.invalid.choose');
    if (mode === 'receive') need('received_from', receivedFrom);
    return e;
  };
  const invalid = tried ? check() : {};
  const onSubmit = (ev: FormEvent) => {
    ev.preventDefault();
    setTried(true);
    const first = Object.keys(check())[0];
    if (first) {
      focusField(formRef.current, first);
      return;
    }
    void submit();
  };

  if (!can('ledger.register'))
    return (
      <LedgerPage title={t('ledger.register.title')}>
        <p className="op-warning" role="note">
          {t('ledger.register.not_allowed')}
        </p>
      </LedgerPage>
    );

  return (
    <LedgerPage title={t('ledger.register.title')}>
      <form ref={formRef} onSubmit={onSubmit} noValidate className="op-form">
        <RadioField
          label={t('ledger.register.mode')}
          name="mode"
          value={mode}
          onChange={(m) => setSearch({ mode: m === 'receive' ? 'receive' : undefined })}
          options={[
            { value: 'register', label: t('ledger.register.mode.register') },
            { value: 'receive', label: t('ledger.register.mode.receive') },
          ]}
        />
        <ErrorBox error={error} />
        <TextField
          label={t('ledger.register.control_no')}
          name="control_no"
          hint={t('ledger.register.control_no_hint')}
          value={controlNo}
          onChange={(e) => setControlNo(e.target.value)}
          error={error}
          invalid={invalid.control_no}
          autoComplete="off"
          required
        />
        {mode === 'register' && (
          <RadioField
            label={t('ledger.register.kind')}
            name="kind"
            value={kind}
            onChange={setKind}
            options={[
              { value: 'medium', label: t('ledger.kind.medium') },
              { value: 'device', label: t('ledger.kind.device') },
            ]}
            error={error}
            invalid={invalid.kind}
            required
          />
        )}
        <TextField
          label={t('ledger.register.type')}
          name="type"
          hint={t('ledger.register.type_hint')}
          value={type}
          onChange={(e) => setType(e.target.value)}
          error={error}
          invalid={invalid.type}
          required
        />
        <SelectField
          label={t('ledger.register.unit')}
          name="unit_id"
          value={unitId}
          onChange={(e) => setUnitChoice(e.target.value)}
          options={[
            ...(allowed.length === 1 ? [] : [{ value: '', label: t('ledger.op.choose') }]),
            ...allowed.map((u) => ({ value: String(u.id), label: pick(u.name_ja, u.name_en) })),
          ]}
          error={error}
          invalid={invalid.unit_id}
          required
        />
        <TextField
          label={t('ledger.register.storage')}
          name="storage"
          value={storage}
          onChange={(e) => setStorage(e.target.value)}
          error={error}
          invalid={invalid.storage}
          required
        />
        {mode === 'receive' && (
          <TextField
            label={t('ledger.register.received_from')}
            name="received_from"
            value={receivedFrom}
            onChange={(e) => setReceivedFrom(e.target.value)}
            error={error}
            invalid={invalid.received_from}
            required
          />
        )}
        <TextField
          label={t('ledger.register.vendor')}
          name="vendor"
          value={vendor}
          onChange={(e) => setVendor(e.target.value)}
          error={error}
        />
        <TextField
          label={t('ledger.register.product')}
          name="product"
          value={product}
          onChange={(e) => setProduct(e.target.value)}
          error={error}
        />
        <TextField
          label={t('ledger.register.serial')}
          name="serial"
          value={serial}
          onChange={(e) => setSerial(e.target.value)}
          error={error}
        />
        <div className="actions">
          <SubmitButton busy={busy} label={t('ledger.register.submit')} />
        </div>
      </form>
    </LedgerPage>
  );
}

// /items/new — register a medium or device and open its ledger (item.register, 000 第4 2, 第3 2),
// or register a medium received from elsewhere (item.receive, 000 第4 6(4)). The mode is in the
// address (?mode=receive) so that a link can open the right one.
import { useI18n } from '../i18n';
import { api, seg } from '../lib/api';
import { navigate, setSearch, useLocation } from '../lib/router';
import { useSession } from '../lib/session';
import { ErrorBox, RadioField, SelectField, SubmitButton, useOptions } from '../components/ui';
import { LedgerPage, useUnits } from '../ledger/common';
import { Choice, Text, useCheckedForm, useChecks } from '../ledger/fields';
import type { ItemCommandResult } from '../ledger/types';

type Mode = 'register' | 'receive';

export function ItemRegister(_props: { params: Record<string, string> }) {
  const { t, pick } = useI18n();
  const { can } = useSession();
  const c = useChecks();
  const options = useOptions();
  const { search } = useLocation();
  const mode: Mode = search.get('mode') === 'receive' ? 'receive' : 'register';
  const units = useUnits();
  const allowed = (units.data?.units ?? []).filter((u) => u.kind !== 'bureau' && can('ledger.register', u.id));
  // With one unit to choose from, it is chosen.
  const unitOf = (v: { unit_id: string }) => v.unit_id || (allowed.length === 1 ? String(allowed[0].id) : '');

  const f = useCheckedForm(
    { control_no: '', kind: '', type: '', storage: '', unit_id: '', vendor: '', product: '', serial: '', received_from: '' },
    (v) => {
      const common = {
        control_no: v.control_no,
        type: v.type,
        storage: v.storage,
        unit_id: Number(unitOf(v)),
        vendor: v.vendor,
        product: v.product,
        serial: v.serial,
      };
      return mode === 'receive'
        ? api.post<ItemCommandResult>('/api/v1/items/receive', { ...common, received_from: v.received_from })
        : api.post<ItemCommandResult>('/api/v1/items', { ...common, kind: v.kind });
    },
    (v) => {
      const e = c.required({ control_no: v.control_no });
      if (mode === 'register') c.chosen({ kind: v.kind }, e);
      c.required({ type: v.type, storage: v.storage }, e);
      c.chosen({ unit_id: unitOf(v) }, e);
      if (mode === 'receive') c.required({ received_from: v.received_from }, e);
      return e;
    },
    (r) => navigate(`/items/${seg(r.control_no)}?done=register`),
  );

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
      <form ref={f.formRef} onSubmit={f.onSubmit} noValidate className="op-form">
        <RadioField
          label={t('ledger.register.mode')}
          name="mode"
          value={mode}
          onChange={(m) => setSearch({ mode: m === 'receive' ? 'receive' : undefined })}
          options={options({ register: 'ledger.register.mode.register', receive: 'ledger.register.mode.receive' })}
        />
        <ErrorBox error={f.error} />
        <Text
          f={f}
          name="control_no"
          label={t('ledger.register.control_no')}
          hint={t('ledger.register.control_no_hint')}
          autoComplete="off"
          required
        />
        {mode === 'register' && (
          <Choice
            f={f}
            name="kind"
            label={t('ledger.register.kind')}
            options={options({ medium: 'ledger.kind.medium', device: 'ledger.kind.device' })}
            required
          />
        )}
        <Text f={f} name="type" label={t('ledger.register.type')} hint={t('ledger.register.type_hint')} required />
        <SelectField
          label={t('ledger.register.unit')}
          name="unit_id"
          value={unitOf(f.values)}
          onChange={(e) => f.set('unit_id', e.target.value)}
          options={[
            ...(allowed.length === 1 ? [] : [{ value: '', label: t('ledger.op.choose') }]),
            ...allowed.map((u) => ({ value: String(u.id), label: pick(u.name_ja, u.name_en) })),
          ]}
          error={f.error}
          invalid={f.invalid.unit_id}
          required
        />
        <Text f={f} name="storage" label={t('ledger.register.storage')} required />
        {mode === 'receive' && <Text f={f} name="received_from" label={t('ledger.register.received_from')} required />}
        <Text f={f} name="vendor" label={t('ledger.register.vendor')} />
        <Text f={f} name="product" label={t('ledger.register.product')} />
        <Text f={f} name="serial" label={t('ledger.register.serial')} />
        <div className="actions">
          <SubmitButton busy={f.busy} label={t('ledger.register.submit')} />
        </div>
      </form>
    </LedgerPage>
  );
}

// The ledger's form kit. A form keeps its values by field name and checks the obvious mistakes (a
// required field left empty, a choice not made, a confirmation not ticked) before the server is
// asked; the first field at fault, or the field the server names, gets the focus. The binders below
// tie the shared fields (components/ui) to those values and to the messages of their field, so that
// a form declares only its fields. ConfirmField is the one field the shared kit has no form of.
import { useState, type FormEvent } from 'react';
import type { ApiError } from '../lib/api';
import { useI18n } from '../i18n';
import { offsetText } from '../lib/format';
import {
  FieldNotes,
  fieldClass,
  focusField,
  LabelText,
  RadioField,
  SelectField,
  TextArea,
  TextField,
  useCommand,
  useField,
  useRefusalFocus,
  useValues,
  type FieldProps,
  type OptionGroup,
  type RadioOption,
} from '../components/ui';

/** A checkbox the regulation requires to be ticked (000 asks the clerk to confirm a fact). */
export function ConfirmField({
  checked,
  onChange,
  ...props
}: FieldProps & { checked: boolean; onChange(v: boolean): void }) {
  const { frame, control } = useField(props);
  return (
    <div className={fieldClass('field-confirm', frame.message)}>
      <div className="confirm-line">
        <input {...control} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} />
        <label htmlFor={frame.id}>
          <LabelText label={frame.label} required={frame.required} />
        </label>
      </div>
      <FieldNotes id={frame.id} hint={frame.hint} message={frame.message} />
    </div>
  );
}

export type Errors = Record<string, string>;
type Values = Record<string, string | boolean>;

/** The client checks: each adds the fields it finds at fault to `out` (insertion order is focus order). */
export function useChecks() {
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

export interface FormState<V extends Values = Values> {
  values: V;
  set<K extends keyof V>(k: K, v: V[K]): void;
  formRef: ReturnType<typeof useRefusalFocus>;
  onSubmit(e: FormEvent): void;
  /** The client checks' messages, once the user has tried to submit. */
  invalid: Errors;
  error: ApiError | null;
  busy: boolean;
}

/**
 * A form that checks `values` on submit (focusing the first field at fault) and only then runs
 * `run`; a refusal focuses the field the server names; `onDone` runs after success.
 */
export function useCheckedForm<V extends Values, R>(
  initial: V | (() => V),
  run: (v: V) => Promise<R>,
  check: (v: V) => Errors,
  onDone: (r: R) => void,
): FormState<V> {
  const { values, set } = useValues(initial);
  const [tried, setTried] = useState(false);
  const { submit, error, busy } = useCommand(() => run(values), onDone);
  const formRef = useRefusalFocus(error);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    const first = Object.keys(check(values))[0];
    if (first) {
      focusField(formRef.current, first);
      return;
    }
    void submit();
  };
  return { values, set, formRef, onSubmit, invalid: tried ? check(values) : {}, error, busy };
}

interface Bound {
  f: FormState;
  name: string;
  label: string;
  hint?: string;
  required?: boolean;
}

/** The props every bound field passes on: its name, label, hint and both kinds of message. */
const field = <P extends Bound>({ f, name, ...rest }: P) => ({ name, error: f.error, invalid: f.invalid[name], ...rest });

/** A one-line text field bound to `f.values[name]`. */
export function Text(props: Bound & { autoFocus?: boolean; autoComplete?: string; type?: string }) {
  const { f, name } = props;
  return <TextField {...field(props)} value={String(f.values[name])} onChange={(e) => f.set(name, e.target.value)} />;
}

/** A multi-line text field bound to `f.values[name]`. */
export function LongText(props: Bound & { autoFocus?: boolean }) {
  const { f, name } = props;
  return <TextArea {...field(props)} value={String(f.values[name])} onChange={(e) => f.set(name, e.target.value)} />;
}

/** A date and time in the organization's zone (the hint says which), always required. */
export function When(props: Omit<Bound, 'hint' | 'required'>) {
  const { t, offsetMinutes } = useI18n();
  return <Text {...props} type="datetime-local" hint={t('ledger.field.time_hint', { offset: offsetText(offsetMinutes) })} required />;
}

/** Radio buttons bound to `f.values[name]`. */
export function Choice(props: Bound & { options: RadioOption[] }) {
  const { f, name } = props;
  return <RadioField {...field(props)} value={String(f.values[name])} onChange={(v) => f.set(name, v)} />;
}

/** A select of grouped options after a "choose" entry, always required. */
export function Select(props: Omit<Bound, 'required'> & { groups: OptionGroup[] }) {
  const { t } = useI18n();
  const { f, name } = props;
  return (
    <SelectField
      {...field(props)}
      options={[{ value: '', label: t('ledger.op.choose') }]}
      value={String(f.values[name])}
      onChange={(e) => f.set(name, e.target.value)}
      required
    />
  );
}

/** A confirmation bound to the boolean `f.values[name]`, always required. */
export function Confirm(props: Omit<Bound, 'required'>) {
  const { f, name } = props;
  return <ConfirmField {...field(props)} checked={f.values[name] === true} onChange={(v) => f.set(name, v)} required />;
}

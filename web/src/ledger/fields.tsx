// Fields the shared kit (components/ui) has no form of: a radio group, a confirmation checkbox and
// a select with option groups — each labelled, and each showing the server's message when the
// server names its field (same markup and classes as the shared fields).
import { useId, type ChangeEvent, type ReactNode } from 'react';
import type { ApiError } from '../lib/api';
import { fieldError } from '../components/ui';
import { useI18n } from '../i18n';

function describedBy(id: string, hint?: string, message?: string) {
  return [hint ? `${id}-hint` : '', message ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

function Message({ id, hint, message }: { id: string; hint?: string; message?: string }) {
  return (
    <>
      {hint && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
      {message && (
        <small id={`${id}-error`} className="field-error" role="alert">
          {message}
        </small>
      )}
    </>
  );
}

/** A radio option: its label may hold server data (marked with data-value). */
export interface RadioOption {
  value: string;
  label: ReactNode;
}

interface Option {
  value: string;
  label: string;
}

interface Common {
  label: string;
  name: string;
  error?: ApiError | null;
  invalid?: string;
  hint?: string;
  required?: boolean;
}

export function RadioField({
  label,
  name,
  error,
  invalid,
  hint,
  required,
  options,
  value,
  onChange,
  disabled,
}: Common & { options: RadioOption[]; value: string; onChange(v: string): void; disabled?: boolean }) {
  const id = useId();
  const { t, lang } = useI18n();
  const message = invalid ?? fieldError(error, name, lang);
  return (
    <fieldset
      className={`field field-radios${message ? ' field-invalid' : ''}`}
      aria-describedby={describedBy(id, hint, message)}
    >
      <legend>
        {label}
        {required && <span className="required"> ({t('common.required')})</span>}
      </legend>
      {options.map((o, i) => (
        <div className="radio" key={o.value}>
          <input
            id={`${id}-${i}`}
            type="radio"
            name={name}
            value={o.value}
            checked={value === o.value}
            disabled={disabled}
            aria-invalid={message ? true : undefined}
            onChange={() => onChange(o.value)}
          />
          <label htmlFor={`${id}-${i}`}>{o.label}</label>
        </div>
      ))}
      <Message id={id} hint={hint} message={message} />
    </fieldset>
  );
}

/** A checkbox the regulation requires to be ticked (000 asks the clerk to confirm a fact). */
export function ConfirmField({
  label,
  name,
  error,
  invalid,
  hint,
  required,
  checked,
  onChange,
}: Common & { checked: boolean; onChange(v: boolean): void }) {
  const id = useId();
  const { t, lang } = useI18n();
  const message = invalid ?? fieldError(error, name, lang);
  return (
    <div className={`field field-confirm${message ? ' field-invalid' : ''}`}>
      <div className="confirm-line">
        <input
          id={id}
          name={name}
          type="checkbox"
          checked={checked}
          aria-invalid={message ? true : undefined}
          aria-describedby={describedBy(id, hint, message)}
          onChange={(e: ChangeEvent<HTMLInputElement>) => onChange(e.target.checked)}
        />
        <label htmlFor={id}>
          {label}
          {required && <span className="required"> ({t('common.required')})</span>}
        </label>
      </div>
      <Message id={id} hint={hint} message={message} />
    </div>
  );
}

export interface OptionGroup {
  label: string;
  options: Option[];
}

/** A select whose options come in labelled groups, with a "choose" entry first. */
export function GroupedSelect({
  label,
  name,
  error,
  invalid,
  hint,
  required,
  groups,
  value,
  onChange,
  placeholder,
}: Common & { groups: OptionGroup[]; value: string; onChange(v: string): void; placeholder?: string }) {
  const id = useId();
  const { t, lang } = useI18n();
  const message = invalid ?? fieldError(error, name, lang);
  return (
    <Frame id={id} label={label} required={required} message={message}>
      <select
        id={id}
        name={name}
        value={value}
        required={required}
        aria-invalid={message ? true : undefined}
        aria-describedby={describedBy(id, hint, message)}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">{placeholder ?? t('ledger.op.choose')}</option>
        {groups
          .filter((g) => g.options.length > 0)
          .map((g) =>
            groups.length === 1 ? (
              g.options.map((o) => (
                <option key={o.value} value={o.value}>
                  {o.label}
                </option>
              ))
            ) : (
              <optgroup key={g.label} label={g.label}>
                {g.options.map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </optgroup>
            ),
          )}
      </select>
      <Message id={id} hint={hint} message={message} />
    </Frame>
  );
}

function Frame({
  id,
  label,
  required,
  message,
  children,
}: {
  id: string;
  label: string;
  required?: boolean;
  message?: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <div className={`field${message ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>
        {label}
        {required && <span className="required"> ({t('common.required')})</span>}
      </label>
      {children}
    </div>
  );
}

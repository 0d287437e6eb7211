// Building blocks every screen uses: the page frame, the server-error box (rule and clause as the
// server sent them), labelled fields that show the server's error beside the field it names (text,
// select with option groups, radio group, checkbox; useField and its parts for fields of an area's
// own), a form's values, a submit button, facts, tables, a pager. Every control has a visible label
// and keyboard focus.
import {
  useCallback,
  useEffect,
  useId,
  useRef,
  useState,
  type FormEvent,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TableHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { ApiError } from '../lib/api';
import { useI18n, type MessageKey } from '../i18n';
import { toLocalInput } from '../lib/format';

export function Page({ title, children, actions }: { title: string; children: ReactNode; actions?: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} — mamori`;
  }, [title]);
  return (
    <section className="page" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title" ref={ref} tabIndex={-1}>
          {title}
        </h1>
        {actions && <div className="page-actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}

export function Loading() {
  const { t } = useI18n();
  return (
    <p className="loading" role="status">
      {t('common.loading')}
    </p>
  );
}

/** A refused request: the server's message in the viewer's language, with its rule and clause. */
export function ErrorBox({ error }: { error: ApiError | null | undefined }) {
  const { t, lang } = useI18n();
  if (!error) return null;
  const e = error.error;
  return (
    <div className="error-box" role="alert" data-rule={e.rule} data-clause={e.clause}>
      <strong>{t('error.title')}:</strong> {lang === 'en' ? e.message_en : e.message_ja}
      {(e.clause || e.rule) && (
        <div className="error-ref">
          {e.clause && (
            <span className="clause">
              {t('error.clause')}: {e.clause}
            </span>
          )}
          {e.rule && (
            <span className="rule">
              {t('error.rule')}: <code>{e.rule}</code>
            </span>
          )}
        </div>
      )}
    </div>
  );
}

/**
 * A screen's refusal: for a 403, first the screen's own sentence saying who may see it (`denied`,
 * marked with `testId`), then the server's message with its rule and clause.
 */
export function Refusal({ error, denied, testId }: { error: ApiError | null; denied: MessageKey; testId: string }) {
  const { t } = useI18n();
  if (!error) return null;
  return (
    <>
      {error.status === 403 && (
        <p className="notice warn" data-testid={testId}>
          {t(denied)}
        </p>
      )}
      <ErrorBox error={error} />
    </>
  );
}

/** Today as YYYY-MM-DD in the organization's zone. */
export function useToday(): string {
  const { offsetMinutes } = useI18n();
  return toLocalInput(new Date().toISOString(), offsetMinutes).slice(0, 10);
}

/** The server's message for `name` when it named this field. */
export function fieldError(error: ApiError | null | undefined, name: string, lang: string): string | undefined {
  if (!error || error.field !== name) return undefined;
  const e = error.error;
  return `${lang === 'en' ? e.message_en : e.message_ja}${e.clause ? ` (${e.clause})` : ''}`;
}

export interface FieldProps {
  label: string;
  name: string;
  error?: ApiError | null;
  /** Client-side check message (shown like a server one). */
  invalid?: string;
  hint?: string;
  required?: boolean;
}

/** The class of a field's frame: `field`, its kind, and `field-invalid` while it has a message. */
export const fieldClass = (kind: string, message?: string) => `field${kind ? ` ${kind}` : ''}${message ? ' field-invalid' : ''}`;

/**
 * The parts every labelled control shares: its id, the message shown beside it (the client check's,
 * else the server's when the server named this field), the attributes tying the control to its label
 * and messages, and whatever props are left for the control itself.
 */
export function useField<P extends FieldProps>({ label, name, error, invalid, hint, required, ...rest }: P) {
  const id = useId();
  const { lang } = useI18n();
  const message = invalid ?? fieldError(error, name, lang);
  const describedBy = [hint ? `${id}-hint` : '', message ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return {
    frame: { id, label, hint, message, required },
    control: { id, name, 'aria-invalid': message ? true : undefined, 'aria-describedby': describedBy },
    rest,
  };
}

/** A field's label text, marked when the field is required. */
export function LabelText({ label, required }: { label: string; required?: boolean }) {
  const { t } = useI18n();
  return (
    <>
      {label}
      {required && <span className="required"> ({t('common.required')})</span>}
    </>
  );
}

/** The hint and the message under a field (the ids its control's aria-describedby names). */
export function FieldNotes({ id, hint, message }: { id: string; hint?: string; message?: string }) {
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

type Frame = ReturnType<typeof useField>['frame'];

/** The frame of a labelled field: the label, the control, its hint and its message. */
function FieldFrame({ frame, children }: { frame: Frame; children: ReactNode }) {
  return (
    <div className={fieldClass('', frame.message)}>
      <label htmlFor={frame.id}>
        <LabelText label={frame.label} required={frame.required} />
      </label>
      {children}
      <FieldNotes id={frame.id} hint={frame.hint} message={frame.message} />
    </div>
  );
}

type TextFieldProps = FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'name'>;

export function TextField(props: TextFieldProps) {
  const { frame, control, rest } = useField(props);
  return (
    <FieldFrame frame={frame}>
      <input {...control} required={frame.required} {...rest} />
    </FieldFrame>
  );
}

export function TextArea(props: FieldProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name'>) {
  const { frame, control, rest } = useField(props);
  return (
    <FieldFrame frame={frame}>
      <textarea {...control} required={frame.required} {...rest} />
    </FieldFrame>
  );
}

/** A new password typed twice: `mismatch` is the confirmation's message when the two differ. */
export function PasswordFields({ password, confirm, mismatch }: { password: TextFieldProps; confirm: TextFieldProps; mismatch?: string }) {
  return (
    <>
      <TextField type="password" autoComplete="new-password" required {...password} />
      <TextField type="password" autoComplete="new-password" required {...confirm} invalid={mismatch} />
    </>
  );
}

export interface Option {
  value: string;
  label: string;
}

export interface OptionGroup {
  label: string;
  options: Option[];
}

/** Options from value → message key pairs, in their order. */
export function useOptions() {
  const { t } = useI18n();
  return (labels: Record<string, MessageKey>): Option[] => Object.entries(labels).map(([value, key]) => ({ value, label: t(key) }));
}

const optionOf = (o: Option) => (
  <option key={o.value} value={o.value}>
    {o.label}
  </option>
);

/**
 * A select: `options` first, then `groups` — each non-empty group under its label, or, when there is
 * only one group, its options without one.
 */
export function SelectField({
  options,
  groups = [],
  ...props
}: FieldProps & { options: Option[]; groups?: OptionGroup[] } & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name'>) {
  const { frame, control, rest } = useField(props);
  const shown = groups.filter((g) => g.options.length > 0);
  return (
    <FieldFrame frame={frame}>
      <select {...control} required={frame.required} {...rest}>
        {options.map(optionOf)}
        {groups.length === 1
          ? shown.flatMap((g) => g.options).map(optionOf)
          : shown.map((g) => (
              <optgroup key={g.label} label={g.label}>
                {g.options.map(optionOf)}
              </optgroup>
            ))}
      </select>
    </FieldFrame>
  );
}

/** A radio option: its label may hold server data (marked with data-value). */
export interface RadioOption {
  value: string;
  label: ReactNode;
}

/** A group of radio buttons under a legend, with the group's hint and message. */
export function RadioField({
  options,
  value,
  onChange,
  disabled,
  ...props
}: FieldProps & { options: RadioOption[]; value: string; onChange(v: string): void; disabled?: boolean }) {
  const { frame, control } = useField(props);
  return (
    <fieldset className={fieldClass('field-radios', frame.message)} aria-describedby={control['aria-describedby']}>
      <legend>
        <LabelText label={frame.label} required={frame.required} />
      </legend>
      {options.map((o, i) => (
        <div className="radio" key={o.value}>
          <input
            id={`${frame.id}-${i}`}
            type="radio"
            name={control.name}
            value={o.value}
            checked={value === o.value}
            disabled={disabled}
            aria-invalid={control['aria-invalid']}
            onChange={() => onChange(o.value)}
          />
          <label htmlFor={`${frame.id}-${i}`}>{o.label}</label>
        </div>
      ))}
      <FieldNotes id={frame.id} hint={frame.hint} message={frame.message} />
    </fieldset>
  );
}

/** A labelled checkbox that shows the server's message when the server named its field. */
export function CheckField(
  props: Omit<FieldProps, 'hint' | 'required'> & Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'type'>,
) {
  const { frame, control, rest } = useField(props);
  return (
    <div className={fieldClass('field-check', frame.message)}>
      <input {...control} type="checkbox" required={frame.required} {...rest} />
      <label htmlFor={frame.id}>{frame.label}</label>
      {frame.message && (
        <small id={`${frame.id}-error`} className="field-error">
          {frame.message}
        </small>
      )}
    </div>
  );
}

/**
 * A form's values by field name. `text(name)` gives a text control its name, value and onChange;
 * `set(name, value)` changes one value.
 */
export function useValues<V extends { [K in keyof V]: string | boolean }>(initial: V | (() => V)) {
  const [values, setValues] = useState<V>(initial);
  const set = useCallback(<K extends keyof V>(k: K, v: V[K]) => setValues((s) => ({ ...s, [k]: v })), []);
  const text = (k: keyof V & string) => ({
    name: k,
    value: String(values[k]),
    onChange: (e: { target: { value: string } }) => set(k, e.target.value as V[typeof k]),
  });
  return { values, setValues, set, text };
}

/** Moves focus to the control named `name` in `form` (field names are snake_case identifiers). */
export function focusField(form: HTMLFormElement | null, name: string) {
  if (!/^[A-Za-z0-9_-]+$/.test(name)) return;
  form?.querySelector<HTMLElement>(`[name="${name}"]`)?.focus();
}

/** After a refusal that names a field, moves the focus to that field of the form (if it has one). */
export function useRefusalFocus(error: ApiError | null) {
  const ref = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (error?.field) focusField(ref.current, error.field);
  }, [error]);
  return ref;
}

/**
 * Runs a server command from a form: shows the refusal (rule, clause, field) and keeps what the
 * user typed; `onDone` runs after success.
 */
export function useCommand<T>(run: () => Promise<T>, onDone?: (r: T) => void) {
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = useCallback(
    async (e?: FormEvent) => {
      e?.preventDefault();
      setBusy(true);
      setError(null);
      try {
        const r = await run();
        onDone?.(r);
      } catch (err) {
        if (err instanceof ApiError) setError(err);
        else throw err;
      } finally {
        setBusy(false);
      }
    },
    [run, onDone],
  );
  return { submit, error, busy, setError };
}

export function SubmitButton({ busy, label, className }: { busy?: boolean; label: string; className?: string }) {
  return (
    <button type="submit" className={className ?? 'primary'} disabled={busy} aria-busy={busy || undefined}>
      {label}
    </button>
  );
}

export function Pager({
  page,
  perPage,
  total,
  onPage,
}: {
  page: number;
  perPage: number;
  total: number;
  onPage(p: number): void;
}) {
  const { t } = useI18n();
  const pages = Math.max(1, Math.ceil(total / perPage));
  return (
    <nav className="pager" aria-label={t('common.page', { page, pages, total })}>
      <button type="button" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        {t('common.prev')}
      </button>
      <span>{t('common.page', { page, pages, total })}</span>
      <button type="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('common.next')}
      </button>
    </nav>
  );
}

/** A term and its value in a definition list; nothing at all when there is no value. */
export function Fact({ label, children }: { label: string; children: ReactNode }) {
  if (children === null || children === undefined || children === '' || children === false) return null;
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/**
 * A captioned table with a header row (a false column is left out); the body rows are the children.
 * It scrolls sideways in its own wrapper (`busy` marks the wrapper while the rows are reloaded)
 * unless `wrap` is false.
 */
export function Table({
  caption,
  columns,
  children,
  busy,
  wrap = true,
  ...table
}: {
  caption: ReactNode;
  columns: ReactNode[];
  children: ReactNode;
  busy?: boolean;
  wrap?: boolean;
} & TableHTMLAttributes<HTMLTableElement>) {
  const body = (
    <table {...table}>
      <caption>{caption}</caption>
      <thead>
        <tr>
          {columns
            .filter((c) => c !== false)
            .map((c, i) => (
              <th scope="col" key={i}>
                {c}
              </th>
            ))}
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
  if (!wrap) return body;
  return (
    <div className="table-wrap" aria-busy={busy || undefined}>
      {body}
    </div>
  );
}

export function Notice({ children }: { children: ReactNode }) {
  return (
    <p className="notice" role="status">
      {children}
    </p>
  );
}

/** A translated label helper for code → message-key maps. */
export function useLabel() {
  const { t } = useI18n();
  return (key: MessageKey) => t(key);
}

// Building blocks every screen uses: the page frame, the server-error box (rule and clause as the
// server sent them), labelled fields that show the server's error beside the field it names,
// a submit button, a pager. Every control has a visible label and keyboard focus.
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
  type TextareaHTMLAttributes,
} from 'react';
import { ApiError } from '../lib/api';
import { useI18n, type MessageKey } from '../i18n';

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

/** The server's message for `name` when it named this field. */
export function fieldError(error: ApiError | null | undefined, name: string, lang: string): string | undefined {
  if (!error || error.field !== name) return undefined;
  const e = error.error;
  return `${lang === 'en' ? e.message_en : e.message_ja}${e.clause ? ` (${e.clause})` : ''}`;
}

interface FieldProps {
  label: string;
  name: string;
  error?: ApiError | null;
  /** Client-side check message (shown like a server one). */
  invalid?: string;
  hint?: string;
  required?: boolean;
}

function FieldFrame({
  label,
  hint,
  message,
  required,
  id,
  children,
}: {
  label: string;
  hint?: string;
  message?: string;
  required?: boolean;
  id: string;
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
    </div>
  );
}

function describedBy(id: string, hint?: string, message?: string) {
  return [hint ? `${id}-hint` : '', message ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
}

export function TextField({
  label,
  name,
  error,
  invalid,
  hint,
  required,
  ...input
}: FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'name'>) {
  const id = useId();
  const { lang } = useI18n();
  const message = invalid ?? fieldError(error, name, lang);
  return (
    <FieldFrame label={label} hint={hint} message={message} required={required} id={id}>
      <input
        id={id}
        name={name}
        required={required}
        aria-invalid={message ? true : undefined}
        aria-describedby={describedBy(id, hint, message)}
        {...input}
      />
    </FieldFrame>
  );
}

export function TextArea({
  label,
  name,
  error,
  invalid,
  hint,
  required,
  ...input
}: FieldProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'name'>) {
  const id = useId();
  const { lang } = useI18n();
  const message = invalid ?? fieldError(error, name, lang);
  return (
    <FieldFrame label={label} hint={hint} message={message} required={required} id={id}>
      <textarea
        id={id}
        name={name}
        required={required}
        aria-invalid={message ? true : undefined}
        aria-describedby={describedBy(id, hint, message)}
        {...input}
      />
    </FieldFrame>
  );
}

export interface Option {
  value: string;
  label: string;
}

export function SelectField({
  label,
  name,
  error,
  invalid,
  hint,
  required,
  options,
  ...select
}: FieldProps & { options: Option[] } & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'name'>) {
  const id = useId();
  const { lang } = useI18n();
  const message = invalid ?? fieldError(error, name, lang);
  return (
    <FieldFrame label={label} hint={hint} message={message} required={required} id={id}>
      <select
        id={id}
        name={name}
        required={required}
        aria-invalid={message ? true : undefined}
        aria-describedby={describedBy(id, hint, message)}
        {...select}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** A labelled checkbox that shows the server's message when the server named its field. */
export function CheckField({
  label,
  name,
  error,
  invalid,
  ...input
}: { label: string; name: string; error?: ApiError | null; invalid?: string } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'name' | 'type'
>) {
  const id = useId();
  const { lang } = useI18n();
  const message = invalid ?? fieldError(error, name, lang);
  return (
    <div className={`field field-check${message ? ' field-invalid' : ''}`}>
      <input
        id={id}
        name={name}
        type="checkbox"
        aria-invalid={message ? true : undefined}
        aria-describedby={message ? `${id}-error` : undefined}
        {...input}
      />
      <label htmlFor={id}>{label}</label>
      {message && (
        <small id={`${id}-error`} className="field-error">
          {message}
        </small>
      )}
    </div>
  );
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

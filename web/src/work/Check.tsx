// A labelled checkbox that shows the server's message when the server named its field.
import { useId, type InputHTMLAttributes } from 'react';
import { fieldError } from '../components/ui';
import { useI18n } from '../i18n';
import type { ApiError } from '../lib/api';

export function Check({
  label,
  name,
  error,
  ...input
}: { label: string; name: string; error?: ApiError | null } & Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'type'>) {
  const id = useId();
  const { lang } = useI18n();
  const message = fieldError(error, name, lang);
  return (
    <div className={`field field-check work-check${message ? ' field-invalid' : ''}`}>
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
        <small id={`${id}-error`} className="field-error work-check-error">
          {message}
        </small>
      )}
    </div>
  );
}

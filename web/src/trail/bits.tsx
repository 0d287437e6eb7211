// Small pieces of the trail screens: a hash in monospace that wraps, and a check result in words
// (never colour alone; the ✓/✗ marks come from trail.css).
import { useI18n } from '../i18n';

export function Hash({ value }: { value: string }) {
  return <code className="hash">{value}</code>;
}

/** true → 一致, false → 不一致, null → cannot check here, undefined → still checking. */
export function Check({ ok }: { ok: boolean | null | undefined }) {
  const { t } = useI18n();
  if (ok === undefined) return <span className="check check-pending">{t('trail.check.pending')}</span>;
  if (ok === null) return <span className="check check-unknown">{t('trail.check.unsupported')}</span>;
  return (
    <span className={`check ${ok ? 'check-ok' : 'check-bad'}`} data-ok={ok}>
      {t(ok ? 'trail.check.ok' : 'trail.check.bad')}
    </span>
  );
}

// A new stock reconciliation (000 第3 1(3), 第4 1(3)): choose a unit where the user may reconcile
// and the kind (media or devices), count what is in the locked storage, submit; the result page
// shows the differences the server found.
import { useEffect, useMemo, useState } from 'react';
import { ErrorBox, Loading, Page, SelectField, useOptions } from '../components/ui';
import { useI18n } from '../i18n';
import { ApiError } from '../lib/api';
import { Link, navigate } from '../lib/router';
import { useSession } from '../lib/session';
import { CountForm } from '../work/CountForm';
import { fetchAllItems, useUnits } from '../work/data';
import type { ItemRow, ReconcileResult } from '../work/types';
import '../work/work.css';

function useUnitItems(unitId: number | null, kind: string) {
  const [items, setItems] = useState<ItemRow[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  useEffect(() => {
    if (unitId === null) return;
    const ctl = new AbortController();
    setItems(null);
    setError(null);
    fetchAllItems({ unit_id: unitId, kind }, ctl.signal)
      .then((r) => {
        if (!ctl.signal.aborted) setItems(r);
      })
      .catch((e: unknown) => {
        if (e instanceof ApiError) setError(e);
        else if (!(e instanceof DOMException)) throw e;
      });
    return () => ctl.abort();
  }, [unitId, kind]);
  return { items, error };
}

export function ReconciliationNew(_props: { params: Record<string, string> }) {
  const { t } = useI18n();
  const options = useOptions();
  const { me } = useSession();
  const units = useUnits();
  const allowed = me?.permissions['ledger.reconcile'];
  const choices = useMemo(() => {
    if (!allowed) return [];
    if (allowed === 'all') return units.units.filter((u) => u.kind !== 'bureau');
    return units.units.filter((u) => allowed.includes(u.id));
  }, [allowed, units.units]);
  const [picked, setPicked] = useState<number | null>(null);
  const [kind, setKind] = useState('medium');
  const unitId = picked ?? (choices.find((u) => u.id === me?.unit_id) ?? choices[0])?.id ?? null;
  const { items, error } = useUnitItems(unitId, kind);
  const onDone = (r: ReconcileResult) => navigate(`/reconciliations/${r.reconciliation_id}`);

  const mayReconcile = allowed === 'all' || (Array.isArray(allowed) && allowed.length > 0);
  return (
    <Page
      title={t('work.new.title')}
      actions={
        <Link to="/reconciliations" className="button">
          {t('work.new.back')}
        </Link>
      }
    >
      <p className="work-lead">{t('work.new.lead')}</p>
      {!mayReconcile ? (
        <p className="work-empty" data-testid="reconcile-denied">
          {t('work.new.denied')}
        </p>
      ) : units.error ? (
        <ErrorBox error={units.error} />
      ) : units.loading && choices.length === 0 ? (
        <Loading />
      ) : (
        <>
          <div className="filters work-choose">
            <SelectField
              label={t('work.new.unit')}
              name="unit_id"
              value={unitId === null ? '' : String(unitId)}
              onChange={(e) => setPicked(Number(e.target.value))}
              options={choices.map((u) => ({ value: String(u.id), label: units.name(u.id, u.name_ja) }))}
            />
            <SelectField
              label={t('work.new.kind')}
              name="kind"
              value={kind}
              onChange={(e) => setKind(e.target.value)}
              options={options({ medium: 'work.new.kind_medium', device: 'work.new.kind_device' })}
            />
          </div>
          <ErrorBox error={error} />
          {unitId !== null && items === null && !error && <Loading />}
          {unitId !== null && items && (
            <CountForm key={`${unitId}-${kind}`} unitId={unitId} kind={kind} items={items} onDone={onDone} />
          )}
        </>
      )}
    </Page>
  );
}

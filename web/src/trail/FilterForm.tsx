// The trail's filters: item or other entity, actor, operation and a time range in the
// organization's time. Submitting writes them to the URL; the list follows the URL.
import type { FormEvent } from 'react';
import { useI18n } from '../i18n';
import { offsetText, personName } from '../lib/format';
import { SelectField, TextField, useValues, type Option } from '../components/ui';
import type { Person } from '../admin/types';
import { EMPTY_FILTERS, type TrailFilters } from './filters';
import { actorLabel, commandLabel, COMMANDS, SYSTEM_ACTORS } from './labels';

export function FilterForm({
  initial,
  persons,
  onApply,
}: {
  initial: TrailFilters;
  persons: Person[];
  onApply(f: TrailFilters): void;
}) {
  const { t, offsetMinutes } = useI18n();
  const { values: f, setValues: setF, text } = useValues<TrailFilters>(initial);

  const actors: Option[] = [{ value: '', label: t('common.all') }];
  for (const p of persons)
    if (p.username)
      actors.push({
        value: `user:${p.username}`,
        label: t('trail.person_user', { name: personName(p.family_name, p.given_name), username: p.username }),
      });
  for (const a of SYSTEM_ACTORS) actors.push({ value: a, label: actorLabel(t, a, new Map()) });
  if (f.actor && !actors.some((o) => o.value === f.actor)) actors.push({ value: f.actor, label: t('trail.filter.other', { value: f.actor }) });

  const commands: Option[] = [{ value: '', label: t('common.all') }];
  for (const c of COMMANDS) commands.push({ value: c, label: t('trail.command_option', { label: commandLabel(t, c) ?? c, code: c }) });
  if (f.command && !commands.some((o) => o.value === f.command))
    commands.push({ value: f.command, label: t('trail.filter.other', { value: f.command }) });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(f);
  };
  const clear = () => {
    setF(EMPTY_FILTERS);
    onApply(EMPTY_FILTERS);
  };
  const timeHint = t('trail.filter.time_hint', { offset: offsetText(offsetMinutes) });

  return (
    <form className="card trail-filters" onSubmit={submit} aria-labelledby="trail-filters-title" role="search">
      <h2 id="trail-filters-title">{t('trail.filters.title')}</h2>
      <div className="filters">
        <TextField
          label={t('trail.filter.entity')}
          {...text('entity')}
          hint={t('trail.filter.entity_hint')}
          spellCheck={false}
          autoComplete="off"
        />
        <SelectField label={t('trail.filter.actor')} {...text('actor')} options={actors} />
        <SelectField label={t('trail.filter.command')} {...text('command')} options={commands} />
        <TextField label={t('trail.filter.after')} {...text('after')} type="datetime-local" hint={timeHint} />
        <TextField label={t('trail.filter.before')} {...text('before')} type="datetime-local" hint={timeHint} />
      </div>
      <div className="actions">
        <button type="submit" className="primary">
          {t('trail.filter.apply')}
        </button>
        <button type="button" onClick={clear}>
          {t('trail.filter.clear')}
        </button>
      </div>
    </form>
  );
}

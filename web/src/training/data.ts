// What the training screen loads: the programs of the profiles (once per session), the sessions of a
// fiscal year, each person's status (with the state and deadline the server judged) and the people who
// may attend. The server still judges every command.
import { query } from '../lib/api';
import { useData, type Data } from '../lib/useData';
import { useSessionData } from '../lib/useSessionData';
import type { PersonRow, ProgramList, SessionList, StatusList } from './types';

export const PROGRAMS_PATH = '/api/v1/training/programs';
export const SESSIONS_PATH = '/api/v1/training/sessions';
export const STATUS_PATH = '/api/v1/training/status';
export const RECORD_PATH = '/api/v1/training/record';

/** The training programs of the organization's profiles (training.yaml). */
export function usePrograms(): Data<ProgramList> {
  return useSessionData<ProgramList>(PROGRAMS_PATH);
}

/** The sessions of fiscal year `fy` ('' = the current one, as the server counts it). */
export function useSessions(fy: string): Data<SessionList> {
  return useData<SessionList>(`${SESSIONS_PATH}${query({ fiscal_year: fy })}`);
}

export function useStatus(): Data<StatusList> {
  return useData<StatusList>(STATUS_PATH);
}

export function usePersons(): Data<{ persons: PersonRow[] }> {
  return useData<{ persons: PersonRow[] }>('/api/v1/persons');
}

/** The 教育実施状況記録 of a fiscal year as a file, dates in the viewer's style. */
export const recordHref = (fy: number, format: 'csv' | 'xlsx', dates: string) =>
  `${RECORD_PATH}${query({ fiscal_year: fy, format, dates })}`;

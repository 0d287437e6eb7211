// The rosters and agreements of the organization's profile (its people.yaml), as the screens need them
// before asking about a roster or a person: the roster tabs, the kinds of agreement and their points as
// checkboxes. Asked of GET /api/v1/people/definitions once per session; empty lists on a profile without
// people.yaml. The server still judges every command against the profile.
import { useSessionData } from '../lib/useSessionData';
import type { Data } from '../lib/useData';
import type { PeopleDefinitions } from './types';

export const DEFINITIONS_PATH = '/api/v1/people/definitions';

/** The profile's rosters and agreements, with the loading and refusal states of the request. */
export function usePeopleDefinitions(): Data<PeopleDefinitions> {
  return useSessionData<PeopleDefinitions>(DEFINITIONS_PATH);
}

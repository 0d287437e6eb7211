// The shapes of the training answers (docs/openapi.yaml: /training/sessions, /training/status,
// /training/programs) and of the training.record request.

/** One content item a session of a program must cover (001 第7 1(1)–(7), 000 第5(1)). */
export interface ContentDef {
  key: string;
  clause: string;
  text_ja: string;
  text_en: string;
}

/** A training program of the profiles' training.yaml. */
export interface ProgramDef {
  profile: string;
  code: string;
  clause: string;
  /** the clause requiring the record (001 第7 4, 000 第5(3)) */
  record_clause: string;
  name_ja: string;
  name_en: string;
  every: 'fiscal_year' | 'once' | string;
  /** role codes whose holders attend; empty: everyone of the unit */
  audience: string[];
  contents: ContentDef[];
}

/** GET /api/v1/training/programs */
export interface ProgramList {
  programs: ProgramDef[];
}

/** A recorded session: the columns of 別紙様式第2 教育実施状況記録 and its attendees. */
export interface TrainingSession {
  id: number;
  profile: string;
  program: string;
  program_name_ja?: string;
  program_name_en?: string;
  clause: string;
  held_on: string;
  trainer: string;
  method: string;
  unit_id: number;
  unit_name: string;
  room_group: string;
  content: string;
  contents_covered: string[];
  audience: string;
  attendee_count: number;
  attendees: number[];
  note?: string;
  created_at?: string;
}

/** GET /api/v1/training/sessions */
export interface SessionList {
  fiscal_year: number;
  sessions: TrainingSession[];
}

export interface ProgramStatus {
  profile: string;
  program: string;
  name_ja?: string;
  name_en?: string;
  clause?: string;
  /** to attend every fiscal year (the person is in its audience) */
  required: boolean;
  last_held_on: string | null;
  last_session_id?: number | null;
  /** attended in the current fiscal year */
  current: boolean;
  /** judged by the server: the profile's rule (001 第7 1) or duties, and the fiscal year */
  state: 'done' | 'due' | 'overdue' | 'not_required';
  /** the deadline (local YYYY-MM-DD): when due, the next; when overdue, the one that passed */
  due_on: string | null;
}

export interface PersonStatus {
  person_id: number;
  name: string;
  unit_id: number;
  unit_name?: string;
  programs: ProgramStatus[];
}

/** GET /api/v1/training/status */
export interface StatusList {
  people: PersonStatus[];
}

/** POST /api/v1/training/sessions (training.record) */
export interface RecordRequest {
  program: string;
  held_on: string;
  trainer: string;
  method: string;
  unit_id: number;
  room_group: string;
  content: string;
  audience: string;
  attendees: number[];
  contents_covered: string[];
  note: string;
}

export interface RecordResult {
  session_id: number;
  attendee_count: number;
  trail_seq?: number;
}

export type { PersonRow } from '../lib/persons';

// A person as GET /api/v1/persons sends them; each screen reads the fields it needs.

export interface PersonRow {
  id: number;
  family_name: string;
  given_name: string;
  unit_id: number;
  unit_name?: string;
  title?: string | null;
  /** employee | non_regular | contractor | visitor */
  kind?: string;
  /** 1 in post, 0 left */
  active?: number;
  username?: string | null;
  /** 1 when the account is disabled; null without an account */
  account_disabled?: number | null;
}

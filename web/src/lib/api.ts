// The one way the app talks to the server: same-origin fetch with the session cookie, the CSRF
// token on every change, JSON in and out. A refused request becomes an ApiError carrying the
// server's rule, clause, Japanese and English messages and the field at fault, shown as they come.
// The CSRF token is held in memory only (never in localStorage): a reload gets it again from
// GET /api/v1/auth/me.

export interface ServerError {
  kind: string;
  rule: string;
  clause: string;
  message_ja: string;
  message_en: string;
  field?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly error: ServerError,
  ) {
    super(error.message_en || error.rule);
  }
  get field(): string | undefined {
    return this.error.field;
  }
}

type Listener = () => void;
let csrfToken = '';
const expiryListeners = new Set<Listener>();

export function setCsrfToken(token: string) {
  csrfToken = token;
}

/** Called when the server answers 401 to a request made with a session (expired or revoked). */
export function onSessionExpired(fn: Listener): () => void {
  expiryListeners.add(fn);
  return () => expiryListeners.delete(fn);
}

function networkError(): ApiError {
  return new ApiError(0, {
    kind: 'unavailable',
    rule: 'http.network',
    clause: '',
    message_ja: 'サーバに接続できません。',
    message_en: 'Cannot reach the server.',
  });
}

async function parse(res: Response): Promise<unknown> {
  const type = res.headers.get('content-type') ?? '';
  if (type.includes('application/json')) return res.json();
  return res.text();
}

export interface RequestOptions {
  /** Do not announce a 401 as an expired session (sign-in and the first /auth/me). */
  quiet401?: boolean;
  signal?: AbortSignal;
  /** Send `body` (a file's bytes, an ArrayBuffer) unchanged with this Content-Type instead of as JSON. */
  contentType?: string;
}

export async function request<T>(method: string, path: string, body?: unknown, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = opts.contentType ?? 'application/json';
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : opts.contentType ? (body as ArrayBuffer) : JSON.stringify(body),
      credentials: 'same-origin',
      signal: opts.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw networkError();
  }
  const data = await parse(res);
  if (!res.ok) {
    const err =
      data && typeof data === 'object' && 'error' in data
        ? (data as { error: ServerError }).error
        : { kind: 'internal', rule: `http.${res.status}`, clause: '', message_ja: String(data), message_en: String(data) };
    if (res.status === 401 && !opts.quiet401) expiryListeners.forEach((fn) => fn());
    throw new ApiError(res.status, err);
  }
  return data as T;
}

export const api = {
  get: <T>(path: string, opts?: RequestOptions) => request<T>('GET', path, undefined, opts),
  post: <T>(path: string, body: unknown = {}, opts?: RequestOptions) => request<T>('POST', path, body, opts),
  /** POSTs a file's bytes unchanged (e.g. a Shift_JIS CSV) with their Content-Type. */
  upload: <T>(path: string, bytes: ArrayBuffer, contentType: string, opts?: RequestOptions) =>
    request<T>('POST', path, bytes, { ...opts, contentType }),
};

/** Builds a query string from the non-empty entries of `params`. */
export function query(params: Record<string, string | number | boolean | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '' && v !== false) q.set(k, String(v));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** Path segment escaping for control numbers and ids. */
export const seg = (s: string | number) => encodeURIComponent(String(s));

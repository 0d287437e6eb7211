// Dates as the forms print them: 和暦 (令和8年11月22日) or 西暦 (2026/11/22), in the organization's
// time zone (a fixed offset, as on the server: Asia/Tokyo, Japan, UTC or ±HH:MM). Mirrors
// src/base/time.cc so that the screen and the exported 管理簿 agree.

export type DateStyle = 'wareki' | 'seireki';

const ERAS: Array<[string, number, number, number]> = [
  ['令和', 2019, 5, 1],
  ['平成', 1989, 1, 8],
  ['昭和', 1926, 12, 25],
  ['大正', 1912, 7, 30],
  ['明治', 1868, 1, 25],
];
const NAMED_OFFSETS: Record<string, number> = { 'Asia/Tokyo': 540, Japan: 540, UTC: 0, 'Etc/UTC': 0 };

/** Minutes east of UTC for a zone name the server accepts; 540 (JST) when unknown. */
export function zoneOffsetMinutes(zone: string | undefined): number {
  if (!zone) return 540;
  if (zone in NAMED_OFFSETS) return NAMED_OFFSETS[zone];
  const m = /^([+-])(\d{2}):(\d{2})$/.exec(zone);
  if (!m) return 540;
  const v = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -v : v;
}

export function offsetText(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const a = Math.abs(minutes);
  return `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

interface Civil {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
}

function civil(iso: string, offsetMin: number): Civil | null {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return null;
  const d = new Date(t + offsetMin * 60_000);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
  };
}

export function warekiDate(year: number, month: number, day: number): string {
  const key = year * 10000 + month * 100 + day;
  for (const [name, y, m, d] of ERAS) {
    if (key >= y * 10000 + m * 100 + d) {
      const ey = year - y + 1;
      return `${name}${ey === 1 ? '元' : ey}年${month}月${day}日`;
    }
  }
  return `${year}年${month}月${day}日`;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A server timestamp (UTC ISO text) for display; '' for null/empty, the text itself if unparsable. */
export function formatDate(iso: string | null | undefined, style: DateStyle, offsetMin: number, withTime = false): string {
  if (!iso) return '';
  const c = civil(iso, offsetMin);
  if (!c) return iso;
  const time = withTime ? ` ${pad(c.hour)}:${pad(c.minute)}` : '';
  if (style === 'wareki') return warekiDate(c.year, c.month, c.day) + time;
  return `${c.year}/${pad(c.month)}/${pad(c.day)}${time}`;
}

/** A value for <input type="datetime-local"> showing `iso` in the organization's zone. */
export function toLocalInput(iso: string, offsetMin: number): string {
  const c = civil(iso, offsetMin);
  if (!c) return '';
  return `${c.year}-${pad(c.month)}-${pad(c.day)}T${pad(c.hour)}:${pad(c.minute)}`;
}

/** A <input type="datetime-local"> value (organization's local time) as the server's ISO text with offset. */
export function fromLocalInput(local: string, offsetMin: number): string {
  if (!local) return '';
  const withSeconds = local.length === 16 ? `${local}:00` : local;
  return `${withSeconds}${offsetText(offsetMin)}`;
}

/** Names in 姓 名 order, as Japanese forms write them. */
export function personName(family: string | null | undefined, given: string | null | undefined): string {
  return [family, given].filter((s) => s && s.length > 0).join(' ');
}

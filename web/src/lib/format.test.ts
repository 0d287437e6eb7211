import { describe, expect, it } from 'vitest';
import { formatDate, fromLocalInput, personName, toLocalInput, warekiDate, zoneOffsetMinutes } from './format';

describe('format', () => {
  it('writes 和暦 like the server, with 元年', () => {
    expect(warekiDate(2026, 11, 22)).toBe('令和8年11月22日');
    expect(warekiDate(2019, 5, 1)).toBe('令和元年5月1日');
    expect(warekiDate(2019, 4, 30)).toBe('平成31年4月30日');
  });
  it('shows UTC timestamps in the organization zone', () => {
    // 2026-11-22 16:30 UTC is the next day in Tokyo.
    expect(formatDate('2026-11-22T16:30:00Z', 'seireki', 540, true)).toBe('2026/11/23 01:30');
    expect(formatDate('2026-11-22T16:30:00Z', 'wareki', 540)).toBe('令和8年11月23日');
    expect(formatDate(null, 'wareki', 540)).toBe('');
    expect(formatDate('garbage', 'wareki', 540)).toBe('garbage');
  });
  it('parses the zone names the server accepts', () => {
    expect(zoneOffsetMinutes('Asia/Tokyo')).toBe(540);
    expect(zoneOffsetMinutes('UTC')).toBe(0);
    expect(zoneOffsetMinutes('-03:30')).toBe(-210);
  });
  it('round-trips datetime-local inputs with the zone offset', () => {
    expect(fromLocalInput('2026-11-22T10:30', 540)).toBe('2026-11-22T10:30:00+09:00');
    expect(toLocalInput('2026-11-22T01:30:00Z', 540)).toBe('2026-11-22T10:30');
    expect(fromLocalInput('', 540)).toBe('');
  });
  it('orders names family first', () => {
    expect(personName('佐藤', '一郎')).toBe('佐藤 一郎');
    expect(personName('佐藤', '')).toBe('佐藤');
  });
});

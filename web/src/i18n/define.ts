// A message catalog is one module per area of the app (common, ledger, admin, …), each with the
// Japanese text first and an English text for every key; the type makes a missing English key a
// compile error. Placeholders are written {name} and filled by t(key, {name: value}).
export type Catalog<K extends string> = { ja: Record<K, string>; en: Record<K, string> };

export function defineMessages<const J extends Record<string, string>>(
  ja: J,
  en: { [K in keyof J]: string },
): Catalog<Extract<keyof J, string>> {
  return { ja, en } as Catalog<Extract<keyof J, string>>;
}

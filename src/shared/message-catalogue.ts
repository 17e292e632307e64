/** A message in both languages: Vietnamese first, English second. */
export type Entry = { vi: string; en: string };
export type Params = Record<string, string | number>;

const fill = (template: string, params: Params) =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));

/** Builds the lookup functions of one domain's message catalogue; `{name}` placeholders are filled from params. */
export function defineMessages<K extends string>(catalogue: Record<K, Entry>) {
  const msg = (key: K, params: Params = {}): Entry => {
    const entry = catalogue[key];
    return { vi: fill(entry.vi, params), en: fill(entry.en, params) };
  };
  /** A problem's reason in both languages, ready for a Problem record. */
  const reason = (key: K, params: Params = {}): { reason: string; reasonEn: string } => {
    const { vi, en } = msg(key, params);
    return { reason: vi, reasonEn: en };
  };
  return { msg, reason };
}

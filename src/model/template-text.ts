/** Small helpers the kinds' `npm run new` templates write YAML with. */

/** A YAML scalar, quoted when YAML could read it as something other than the text. */
export function yamlString(value: string): string {
  const plain = /^[A-Za-z0-9_./][A-Za-z0-9 _./()'-]*$/.test(value) && !/^(y|yes|n|no|on|off|true|false|null|~)$/i.test(value) && !/^[\d.]+$/.test(value) && !/\s$/.test(value);
  return plain ? value : JSON.stringify(value);
}

export function yamlList(values: readonly string[]): string {
  return `[${values.map(yamlString).join(', ')}]`;
}

/** The items of a comma-separated answer. */
export function splitList(value: string | undefined): string[] {
  return (value ?? '').split(',').map((v) => v.trim()).filter(Boolean);
}

/** Joins the lines that are strings (false and undefined are left out), with a final newline. */
export function lines(...rows: (string | false | undefined | null | 0)[]): string {
  return `${rows.filter((r): r is string => typeof r === 'string').join('\n')}\n`;
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const FOLDERED_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:\/[a-z0-9]+(?:-[a-z0-9]+)*)*$/;

/** An id of lower-case words joined by hyphens (catalogue entries: no folders). */
export function slugProblem(noun: string, id: string): string | undefined {
  return SLUG.test(id) ? undefined : `"${id}" is not a valid ${noun} id: use lower-case words joined by hyphens, e.g. payments-api.`;
}

/** An id of lower-case words joined by hyphens, optionally in folders. */
export function folderedIdProblem(noun: string, id: string): string | undefined {
  return FOLDERED_ID.test(id) ? undefined : `"${id}" is not a valid ${noun} id: use lower-case words joined by hyphens, optionally in folders, e.g. payments/db-failover.`;
}

export const isSlug = (text: string) => SLUG.test(text);

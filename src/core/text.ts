/** Small wording helpers shared by messages and reports. */

/** "1 error", "3 errors". */
export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** A field name as words: "dependsOn" → "depends on", "actionItems" → "action items". */
export function fieldWords(field: string): string {
  return field.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

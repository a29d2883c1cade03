/** What typing a place finds: pure, so node's test runner checks it (zone-picker.ts uses it). */

/** Lower case without accents, so "sao paulo" finds "São Paulo". */
export function searchable(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/** The choices whose text holds every word typed; all of them for an empty search. */
export function matching<T extends { text: string }>(choices: T[], typed: string): T[] {
  const words = searchable(typed).split(/\s+/).filter(Boolean);
  if (!words.length) return choices;
  return choices.filter(({ text }) => words.every((word) => text.includes(word)));
}

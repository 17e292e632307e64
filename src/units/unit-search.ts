import { foldVietnamese } from '../shared/text.ts';

/** What a unit is found by: its name, full name and English name, folded ("Hà Nội" → "ha noi"). */
export function unitSearchText(unit: { name: string; full_name: string; name_en: string }): string {
  return foldVietnamese(`${unit.name} ${unit.full_name} ${unit.name_en}`);
}

/** The folded words of a search query; each must start a word of a unit's search text. */
export function searchWords(query: string): string[] {
  return foldVietnamese(query).split(' ').filter((word) => word.length > 0);
}

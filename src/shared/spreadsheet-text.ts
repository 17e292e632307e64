/**
 * Formula injection (OWASP "CSV injection"): a text cell starting with = + - @ (or their full-width forms), tab or
 * carriage return runs as a formula once someone edits the cell or saves the sheet as CSV. Apostrophes already in
 * front are counted in, so that `restoreFormulaText` gives back exactly the text that was neutralised.
 */
const FORMULA_START = /^'*[=+\-@\t\r＝＋－＠]/;
const NEUTRALISED = /^'+[=+\-@\t\r＝＋－＠]/;

/** Text for a spreadsheet cell: a leading apostrophe keeps formula-looking text as text. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The text a cell held before `neutraliseFormula`, for sheets exported here and imported back. */
export function restoreFormulaText(text: string): string {
  return NEUTRALISED.test(text) ? text.slice(1) : text;
}

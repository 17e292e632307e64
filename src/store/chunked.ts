/** Splits a list so that multi-row statements stay under the engines' bound-parameter limits. */
export function* chunked<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

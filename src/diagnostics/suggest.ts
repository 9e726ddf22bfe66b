// "Did you mean …?": the closest of the known names to a misspelt one, when it is close enough to be the intended one.
import { closest, distance } from "fastest-levenshtein";

/** The candidate closest to `name` (edit distance, ignoring case), if within a third of its length (at least 2). */
export function suggest(name: string, candidates: Iterable<string>): string | undefined {
  const list = [...candidates];
  if (list.length === 0) return undefined;
  const best = closest(name, list);
  return distance(name.toLowerCase(), best.toLowerCase()) <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

// String order by UTF-16 code units: independent of the machine's locale, so sorted output is byte-stable.
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** An OData string literal for a `$filter`: single quotes, an embedded quote doubled. */
export const odataString = (s: string): string => `'${s.replace(/'/g, "''")}'`;

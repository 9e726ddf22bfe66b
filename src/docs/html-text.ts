// Text made safe for HTML element content and attribute values (both quote kinds escaped). Pure.
export const htmlText = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");

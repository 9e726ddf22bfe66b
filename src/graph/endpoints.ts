// Microsoft Graph endpoints and sign-in authorities per cloud. A tenant is reached through exactly one of these,
// or through the local emulator (any http://127.0.0.1 URL).

export const CLOUDS = {
  global: { graph: "https://graph.microsoft.com", authority: "https://login.microsoftonline.com" },
  usgov: { graph: "https://graph.microsoft.us", authority: "https://login.microsoftonline.us" },
  usgovdod: { graph: "https://dod-graph.microsoft.us", authority: "https://login.microsoftonline.us" },
  china: { graph: "https://microsoftgraph.chinacloudapi.cn", authority: "https://login.chinacloudapi.cn" },
} as const;

export type Cloud = keyof typeof CLOUDS;

export const isCloud = (name: string): name is Cloud => Object.hasOwn(CLOUDS, name);

/** True for the local emulator: plain HTTP on the loopback interface, no sign-in. */
export const isLocalEndpoint = (url: string): boolean => /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\/?$/.test(url);

/** A cloud by name or by its Graph endpoint; undefined for anything else. */
export const cloudOf = (endpoint: string): Cloud | undefined =>
  isCloud(endpoint) ? endpoint : (Object.keys(CLOUDS) as Cloud[]).find((c) => CLOUDS[c].graph === endpoint.replace(/\/+$/, ""));

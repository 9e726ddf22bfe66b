// Friendly names for the apps app-protection policies target most, with their iOS bundle and Android package ids.
export interface AppIds {
  readonly ios: string;
  readonly android: string;
}

export const KNOWN_APPS: Readonly<Record<string, AppIds>> = {
  outlook: { ios: "com.microsoft.Office.Outlook", android: "com.microsoft.office.outlook" },
  teams: { ios: "com.microsoft.skype.teams", android: "com.microsoft.teams" },
  word: { ios: "com.microsoft.Office.Word", android: "com.microsoft.office.word" },
  excel: { ios: "com.microsoft.Office.Excel", android: "com.microsoft.office.excel" },
  powerpoint: { ios: "com.microsoft.Office.Powerpoint", android: "com.microsoft.office.powerpoint" },
  onedrive: { ios: "com.microsoft.skydrive", android: "com.microsoft.skydrive" },
  sharepoint: { ios: "com.microsoft.sharepoint", android: "com.microsoft.sharepoint" },
  onenote: { ios: "com.microsoft.onenote", android: "com.microsoft.office.onenote" },
  edge: { ios: "com.microsoft.msedge", android: "com.microsoft.emmx" },
  office: { ios: "com.microsoft.officemobile", android: "com.microsoft.office.officehubrow" },
};

/** Bundle / package ids look like reverse domain names. */
const APP_ID = /^[A-Za-z][A-Za-z0-9_-]*(\.[A-Za-z0-9_-]+)+$/;

/** Resolves a plan app entry to its platform id, or undefined when it is neither a known name nor an id. */
export function resolveAppId(entry: string, platform: "iOS" | "android"): string | undefined {
  const known = KNOWN_APPS[entry.toLowerCase()];
  if (known) return platform === "iOS" ? known.ios : known.android;
  return APP_ID.test(entry) ? entry : undefined;
}

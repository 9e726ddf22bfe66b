// The platform each app type installs on, in the plan's platform words (what a phase's `platforms` lists): Microsoft
// 365 Apps, WinGet and Win32 apps are Windows (Graph beta officeSuiteApp, winGetApp, win32LobApp), iOS store and LOB
// apps iOS/iPadOS, managed Google Play and Android LOB apps Android (the name app protection uses). A web link opens on
// any platform (Graph webApp "a web link"), so every wave covers it.
import type { AppType } from "../graph-model/vocabulary.ts";

export const APP_PLATFORMS: Readonly<Record<AppType, string>> = {
  microsoft365: "windows",
  winGet: "windows",
  win32Lob: "windows",
  iosStore: "iOS",
  iosLob: "iOS",
  managedGooglePlay: "android",
  androidLob: "android",
  webLink: "any",
};

export const appPlatform = (type: AppType): string => APP_PLATFORMS[type];

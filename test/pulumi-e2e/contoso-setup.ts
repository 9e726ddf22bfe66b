// The Contoso workspace both contoso suites start from: plan/ at the limited pilot, an emulator holding two objects
// the plan does not own (they must come through every step untouched), and a census of what the tenant held first.
import { join } from "node:path";
import { compiledPlan, idsOf, snapshot } from "./census.ts";
import { REPO, Workspace } from "./workspace.ts";

export const SECRET = "e2e-Wifi-Passphrase-7c1f";

export async function contosoWorkspace(): Promise<{ ws: Workspace; before: Record<string, string[]> }> {
  const ws = await Workspace.create(join(REPO, "plan"), "contoso", { phase: "limited-pilot" }, { CHARLOTTE_WIFI_PSK: SECRET });
  await ws.startEmulator();
  await ws.graph("POST", "/v1.0/groups", {
    displayName: "Finance laptops (not the plan's)",
    mailEnabled: false,
    mailNickname: "finlaptops",
    securityEnabled: true,
  });
  await ws.graph("POST", "/beta/deviceManagement/deviceConfigurations", {
    "@odata.type": "#microsoft.graph.windows10GeneralConfiguration",
    displayName: "Legacy - kiosk restrictions (not the plan's)",
    cameraBlocked: true,
  });
  return { ws, before: idsOf(await snapshot(ws, compiledPlan(ws))) };
}

/** No secret in clear text in what the workspace saw: its stack export, its CLI transcript, its emulator's log. */
export async function secretsInClearText(ws: Workspace): Promise<string[]> {
  const exported = (await ws.exportStack()).text;
  return (
    [
      ["stack export", exported],
      ["CLI output", ws.transcript],
      ["emulator log", ws.emulatorLog],
    ] as const
  )
    .filter(([, text]) => text.includes(SECRET))
    .map(([where]) => `${where} holds the Wi-Fi passphrase in clear text`);
}

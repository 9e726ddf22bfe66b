// Windows PowerShell platform scripts: /beta/deviceManagement/deviceManagementScripts (Graph docs
// intune-shared-devicemanagementscript; TF windows_platform_script). The plan names a .ps1 file; Graph takes its
// text base64-encoded in scriptContent (IntuneCD PowerShellScripts.py encode_base64), with the file's name in
// fileName. runAsAccount is system | user (enum runAsAccountType); Graph stores false for the two flags when omitted,
// so they are always sent.
import type { JsonObject } from "../graph-model/json.ts";
import type { Script } from "../plan/schema.ts";
import type { KindAdapter } from "./kind.ts";
import { optional } from "./kind.ts";
import { decodeScript, encodeScript, fileNameOf } from "../graph-model/script-content.ts";

export const platformScript: KindAdapter<Script> = {
  toGraph: (s, ctx) => ({
    odataType: "#microsoft.graph.deviceManagementScript",
    body: {
      displayName: s.displayName,
      ...optional("description", s.description),
      ...ctx.scopeTags(s.scopeTags),
      scriptContent: encodeScript(s.script.text),
      fileName: fileNameOf(s.script.path),
      runAsAccount: s.runAs ?? "system",
      enforceSignatureCheck: s.enforceSignatureCheck ?? false,
      runAs32Bit: s.runAs32Bit ?? false,
    },
  }),
  toPlan: (_item, body, ctx) => {
    const text = decodeScript(body["scriptContent"]);
    if (text === undefined) {
      ctx.note("Graph returned no script content; left out");
      return undefined;
    }
    const fileName = typeof body["fileName"] === "string" && body["fileName"] !== "" ? body["fileName"] : "script.ps1";
    const plan: JsonObject = {
      displayName: String(body["displayName"] ?? ""),
      ...ctx.common(body),
      script: ctx.file(fileName, text),
      ...(body["runAsAccount"] === "user" ? { runAs: "user" } : {}),
      ...(body["enforceSignatureCheck"] === true ? { enforceSignatureCheck: true } : {}),
      ...(body["runAs32Bit"] === true ? { runAs32Bit: true } : {}),
    };
    return ctx.withAssignment(plan);
  },
};

// A credential that cannot get a token is a sign-in failure with its cause and a fix (issue 11, item 5): not a
// "no response" with a network hint, and not retried (the same credential fails the same way).
import type { AccessToken, TokenCredential } from "@azure/identity";
import { AuthenticationError, CredentialUnavailableError } from "@azure/identity";
import { afterEach, describe, expect, it } from "vitest";
import { run } from "../../src/cli/main.ts";
import { GraphClient } from "../../src/graph/client.ts";
import { GraphRequestError } from "../../src/graph/errors.ts";
import { capture } from "../helpers/cli.ts";

const failing = (error: Error): TokenCredential & { calls: number } => {
  const credential = {
    calls: 0,
    getToken: (): Promise<AccessToken | null> => {
      credential.calls++;
      return Promise.reject(error);
    },
  };
  return credential;
};

async function failure(credential: TokenCredential): Promise<GraphRequestError> {
  const client = new GraphClient({ endpoint: "https://graph.microsoft.com", credential });
  const error: unknown = await client.get("/groups", "v1.0").then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof GraphRequestError)) throw new Error(`expected a GraphRequestError, got ${String(error)}`);
  return error;
}

describe("sign-in failures", () => {
  it("a refused secret says sign-in failed, with Entra's message and a credentials hint, tried once", async () => {
    const credential = failing(
      new AuthenticationError(401, { error: "invalid_client", error_description: "AADSTS7000215: Invalid client secret provided." }),
    );
    const error = await failure(credential);
    expect(error.code).toBe("SignInFailed");
    expect(error.message).toBe(
      "GET /v1.0/groups: not sent: signing in to Microsoft Graph failed: AADSTS7000215: Invalid client secret provided.",
    );
    expect(error.hint).toMatch(/AZURE_TENANT_ID, AZURE_CLIENT_ID/);
    expect(error.hint).not.toMatch(/network/);
    expect(credential.calls).toBe(1);
  });

  it("an unavailable credential (no Azure CLI, no managed identity) says so, with the fix", async () => {
    const error = await failure(failing(new CredentialUnavailableError("Azure CLI could not be found.")));
    expect(error.code).toBe("SignInFailed");
    expect(error.message).toContain("signing in to Microsoft Graph failed: Azure CLI could not be found.");
    expect(error.hint).toMatch(/--auth/);
    expect(error.hint).not.toMatch(/Graph did not answer/);
  });

  describe("through the CLI", () => {
    const path = process.env["PATH"];
    afterEach(() => {
      process.env["PATH"] = path;
    });

    it("preview --auth azureCli without the Azure CLI exits 1 with the sign-in failure, not a network hint", async () => {
      process.env["PATH"] = "/nonexistent";
      const io = capture();
      expect(await run(["preview", "plan", "--tenant", "global", "--auth", "azureCli"], io)).toBe(1);
      expect(io.err()).toContain("signing in to Microsoft Graph failed");
      expect(io.err()).not.toContain("check the endpoint and network");
      expect(io.err()).not.toContain("internal error");
    });
  });
});

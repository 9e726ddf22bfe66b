// Sign-in for a real tenant through @azure/identity. The credential comes from the environment (or from Pulumi
// secret config, handed in by the caller); nothing here prints or stores a secret.
import type { TokenCredential } from "@azure/identity";
import {
  AzureCliCredential,
  ClientCertificateCredential,
  ClientSecretCredential,
  ManagedIdentityCredential,
  WorkloadIdentityCredential,
} from "@azure/identity";
import type { Cloud } from "./endpoints.ts";
import { CLOUDS } from "./endpoints.ts";

export type AuthMethod = "clientSecret" | "certificate" | "workloadIdentity" | "managedIdentity" | "azureCli";
export const AUTH_METHODS: readonly AuthMethod[] = ["clientSecret", "certificate", "workloadIdentity", "managedIdentity", "azureCli"];

export interface CredentialConfig {
  readonly method: AuthMethod;
  readonly cloud: Cloud;
  readonly tenantId?: string;
  readonly clientId?: string;
  /** clientSecret: the secret (from AZURE_CLIENT_SECRET or secret config). */
  readonly clientSecret?: string;
  /** certificate: a PEM file with the private key (AZURE_CLIENT_CERTIFICATE_PATH). */
  readonly certificatePath?: string;
  /** workloadIdentity: the federated token file (AZURE_FEDERATED_TOKEN_FILE, set by GitHub Actions' azure/login). */
  readonly tokenFilePath?: string;
}

import { CredentialConfigError } from "./tenant-errors.ts";

export { CredentialConfigError } from "./tenant-errors.ts";

function need(value: string | undefined, what: string): string {
  if (!value) throw new CredentialConfigError(`${what} is required for this sign-in method`);
  return value;
}

export function createCredential(config: CredentialConfig): TokenCredential {
  const authorityHost = CLOUDS[config.cloud].authority;
  switch (config.method) {
    case "clientSecret":
      return new ClientSecretCredential(
        need(config.tenantId, "tenant id (AZURE_TENANT_ID)"),
        need(config.clientId, "client id (AZURE_CLIENT_ID)"),
        need(config.clientSecret, "client secret (AZURE_CLIENT_SECRET)"),
        { authorityHost },
      );
    case "certificate":
      return new ClientCertificateCredential(
        need(config.tenantId, "tenant id (AZURE_TENANT_ID)"),
        need(config.clientId, "client id (AZURE_CLIENT_ID)"),
        { certificatePath: need(config.certificatePath, "certificate path (AZURE_CLIENT_CERTIFICATE_PATH)") },
        { authorityHost },
      );
    case "workloadIdentity":
      return new WorkloadIdentityCredential({
        tenantId: need(config.tenantId, "tenant id (AZURE_TENANT_ID)"),
        clientId: need(config.clientId, "client id (AZURE_CLIENT_ID)"),
        tokenFilePath: need(config.tokenFilePath, "federated token file (AZURE_FEDERATED_TOKEN_FILE)"),
        authorityHost,
      });
    case "managedIdentity":
      return config.clientId ? new ManagedIdentityCredential({ clientId: config.clientId }) : new ManagedIdentityCredential();
    case "azureCli":
      return new AzureCliCredential(config.tenantId ? { tenantId: config.tenantId } : {});
  }
}

/** Reads a credential configuration from the standard AZURE_* variables. */
export function credentialFromEnv(env: NodeJS.ProcessEnv, method: AuthMethod, cloud: Cloud): CredentialConfig {
  const pick = (k: string): Record<string, string> => (env[k] ? { [k]: env[k] } : {});
  const v = {
    ...pick("AZURE_TENANT_ID"),
    ...pick("AZURE_CLIENT_ID"),
    ...pick("AZURE_CLIENT_SECRET"),
    ...pick("AZURE_CLIENT_CERTIFICATE_PATH"),
    ...pick("AZURE_FEDERATED_TOKEN_FILE"),
  };
  return {
    method,
    cloud,
    ...(v["AZURE_TENANT_ID"] ? { tenantId: v["AZURE_TENANT_ID"] } : {}),
    ...(v["AZURE_CLIENT_ID"] ? { clientId: v["AZURE_CLIENT_ID"] } : {}),
    ...(v["AZURE_CLIENT_SECRET"] ? { clientSecret: v["AZURE_CLIENT_SECRET"] } : {}),
    ...(v["AZURE_CLIENT_CERTIFICATE_PATH"] ? { certificatePath: v["AZURE_CLIENT_CERTIFICATE_PATH"] } : {}),
    ...(v["AZURE_FEDERATED_TOKEN_FILE"] ? { tokenFilePath: v["AZURE_FEDERATED_TOKEN_FILE"] } : {}),
  };
}

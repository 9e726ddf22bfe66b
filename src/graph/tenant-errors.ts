// Errors about a tenant or a stack that the user acts on (the CLI prints their message, no stack trace). They live
// apart from the modules that throw them so that the CLI can recognise them without loading those modules (and
// with them the Graph SDK and @azure/identity) for commands that never talk to a tenant.

/** Sign-in configuration is incomplete; the message says which setting is missing. */
export class CredentialConfigError extends Error {}

/** A Pulumi stack export cannot be used; the message names the cause and the fix. */
export class StackExportError extends Error {}

/** Two tenant objects carry a plan object's name: intune-plan will not guess which one is the plan's. */
export class AmbiguousMatchError extends Error {
  readonly address: string;
  readonly ids: readonly string[];
  constructor(address: string, name: string, ids: readonly string[]) {
    super(
      `${address}: ${ids.length} tenant objects are named "${name}" (${ids.join(", ")}); intune-plan will not guess. Rename or delete the extra ones, or record the right id in state.`,
    );
    this.address = address;
    this.ids = ids;
  }
}

/**
 * The tenant already holds an object with this name that the plan does not own. Its id is `existingId`, never
 * `id`: an error with an `id` reads as a partial create to Pulumi's dynamic provider host, which would take the
 * foreign object into state (to overwrite on the next up and delete on destroy).
 */
export class NameTakenError extends Error {
  readonly address: string;
  readonly existingId: string;
  /** `note`: said after the first sentence (why a bound on creation time did not take it over). */
  constructor(address: string, name: string, existingId: string, note = "") {
    super(
      `${address}: the tenant already has "${name}" (${existingId}), which the plan does not own.${note} Adopt it (set adopt: true on the object) or rename one of them; intune-plan never creates a second object with the same name. If a killed pulumi up made it, intune-plan recover --stack NAME says how to take it over.`,
    );
    this.address = address;
    this.existingId = existingId;
  }
}

/**
 * A referenced object (KINDS lifecycle "reference": a managed Google Play app, a line-of-business app) that the tenant
 * does not have, or has with another identity than the plan states: the plan assigns such an object, never makes or
 * changes it.
 */
export class AppReferenceError extends Error {
  readonly address: string;
  constructor(address: string, message: string) {
    super(`${address}: ${message}`);
    this.address = address;
  }
}

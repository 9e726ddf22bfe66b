// The two ways a command ends early on the user's account (main.ts prints both without a stack trace): a usage
// mistake (exit 64, with a pointer to the command's help) and a failure the user can fix (exit 1). Each message
// says what is wrong and how to fix it, and carries no "error:" or "intune-plan:" prefix: main adds the one prefix.

/** A mistake in how the command was called: which option, what is allowed. */
export class UsageError extends Error {}

/** Something outside the arguments stops the command (a port in use, a folder that cannot be written). */
export class UserFailure extends Error {}

// A --tenant / --auth / --faults value the CLI cannot use: a usage error (exit 64). Its own module so that the
// CLI recognises it without loading the tenant connection (the emulator, the Graph SDK) for every command.
export class TenantOptionError extends Error {}

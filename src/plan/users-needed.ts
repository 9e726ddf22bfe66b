// How many of a phase's expected users must have enrolled for its gate's `sizeTolerance` to hold.

/**
 * `users × (1 − tolerance)`, rounded up to whole users. The product is rounded to nine places first: in binary
 * floating point 10 × (1 − 0.7) is 3.0000000000000004, which would otherwise ask for 4 users instead of 3.
 */
export function usersNeeded(users: number, sizeTolerance: number): number {
  return Math.ceil(Math.round(users * (1 - sizeTolerance) * 1e9) / 1e9);
}

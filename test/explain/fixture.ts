// A small plan for explain: two phases, a user group excluded from an allUsers profile, and two pairs of policies
// that set one setting differently for overlapping targets (warnings, so the plan passes the gate), and two
// enrollment restrictions of one platform, which Intune orders by priority.
import { checkPlan } from "../../src/plan/check-plan.ts";
import type { CheckedPlan } from "../../src/plan/check-plan.ts";

export const EXPLAIN_FIXTURE = `
plan: { name: explain-fixture }
phases:
  - { key: pilot, displayName: Pilot, audience: [pilot-users] }
  - { key: prod, displayName: Production, audience: [prod-users] }
groups:
  pilot-users: { displayName: Pilot users, membership: assigned, members: users }
  prod-users: { displayName: Production users, membership: assigned, members: users }
  contractors: { displayName: Contractors, membership: assigned, members: users }
filters:
  win-corp: { displayName: Corporate Windows, platform: windows10AndLater, rule: 'device.deviceOwnership -eq "Corporate"' }
  win-personal: { displayName: Personal Windows, platform: windows10AndLater, rule: 'device.deviceOwnership -eq "Personal"' }
compliance:
  strict-pin:
    displayName: Win - PIN 8
    platform: windows
    settings: { passwordRequired: true, passwordMinimumLength: 8 }
    actions: [{ action: block }]
  corporate-pin:
    displayName: Win - PIN 6 on corporate devices
    platform: windows
    settings: { passwordRequired: true, passwordMinimumLength: 6 }
    actions: [{ action: block }]
    assignment: { rollout: fixed, include: [allDevices], filter: win-corp }
  corporate-os:
    displayName: Win - OS on corporate devices
    platform: windows
    settings: { osMinimumVersion: "10.0.22621" }
    actions: [{ action: block }]
    assignment: { rollout: fixed, include: [allDevices], filter: win-corp }
  personal-os:
    displayName: Win - OS on personal devices
    platform: windows
    settings: { osMinimumVersion: "10.0.19045" }
    actions: [{ action: block }]
    assignment: { rollout: fixed, include: [allDevices], filter: win-personal }
configuration:
  no-screenshots:
    displayName: Win - No screenshots
    platform: windows
    profile: deviceRestrictions
    settings: { screenCaptureBlocked: true }
    assignment: { rollout: fixed, include: [allUsers], exclude: [contractors] }
  camera-off:
    displayName: Win - Camera off
    platform: windows
    profile: deviceRestrictions
    settings: { cameraBlocked: true }
    assignment: { from: prod }
  camera-on-corporate:
    displayName: Win - Camera on for corporate devices
    platform: windows
    profile: deviceRestrictions
    settings: { cameraBlocked: false }
    assignment: { rollout: fixed, include: [prod-users], filter: win-corp }
enrollmentRestrictions:
  block-personal:
    displayName: Block personal Windows devices
    platform: windows
    personalDevices: block
    osMinimumVersion: "10.0.19045"
    priority: 1
    assignment: { rollout: fixed, include: [allUsers] }
  allow-personal-pilot:
    displayName: Pilot may enroll personal Windows devices
    platform: windows
    personalDevices: allow
    priority: 2
    assignment: { rollout: fixed, include: [pilot-users] }
`;

export const explainFixture = (): CheckedPlan => checkPlan([{ path: "explain.yaml", bytes: Buffer.from(EXPLAIN_FIXTURE) }]);

// A small plan for docs: three phases (the last without a start date), a listed pilot group, an estimated
// production group, a policy with an exclusion and a filter, one that joins late, a tagged Wi-Fi profile with a
// secret reference, and role assignments with and without scope tags.
import { checkPlan } from "../../src/plan/check-plan.ts";
import type { CheckedPlan } from "../../src/plan/check-plan.ts";

export const DOCS_FIXTURE = `
plan: { name: docs-fixture }
phases:
  - { key: pilot, displayName: Pilot, audience: [pilot-users], start: "2027-03-01", users: 3, gate: { soakDays: 7 } }
  - { key: wave-1, displayName: Wave 1, audience: [wave1-users], start: "2027-03-15", users: 40 }
  - { key: wave-2, displayName: Wave 2 | everyone else, audience: [wave2-users], users: 100 }
groups:
  pilot-users:
    displayName: Pilot users
    membership: assigned
    members: users
    memberList: [ann@contoso.com, bob@contoso.com, cy@contoso.com]
  wave1-users: { displayName: Wave 1 users, membership: assigned, members: users, estimatedMembers: 40 }
  wave2-users: { displayName: Wave 2 users, membership: assigned, members: users }
  contractors: { displayName: Contractors, membership: assigned, members: users }
  kiosks: { displayName: Kiosk devices, membership: assigned, members: devices }
  site-admins: { displayName: Site admins, membership: assigned, members: users }
  helpdesk: { displayName: Help desk, membership: assigned, members: users }
scopeTags:
  site: { displayName: Site }
filters:
  win-corp: { displayName: Corporate Windows, platform: windows10AndLater, rule: 'device.deviceOwnership -eq "Corporate"' }
roles:
  site-it:
    displayName: Site IT
    role: policyAndProfileManager
    admins: [site-admins]
    scope: [kiosks]
    scopeTags: [site]
  helpdesk-all:
    displayName: Help desk - everything untagged
    role: helpDeskOperator
    admins: [helpdesk]
    scope: allUsers
compliance:
  win-pin:
    displayName: Win - PIN
    platform: windows
    settings: { passwordRequired: true, passwordMinimumLength: 8 }
    actions: [{ action: block }]
    assignment: { exclude: [contractors], filter: win-corp }
configuration:
  late-camera:
    displayName: Win - Camera off from wave 1
    platform: windows
    profile: deviceRestrictions
    settings: { cameraBlocked: true }
    assignment: { from: wave-1 }
  kiosk-wifi:
    displayName: Kiosk Wi-Fi
    platform: windows
    profile: wifi
    scopeTags: [site]
    settings:
      networkName: Kiosk
      ssid: Kiosk
      connectAutomatically: true
      wifiSecurityType: wpa2Personal
      preSharedKey: { secret: KIOSK_WIFI_PSK }
    assignment: { rollout: fixed, include: [kiosks] }
`;

export const docsFixture = (): CheckedPlan => checkPlan([{ path: "docs.yaml", bytes: Buffer.from(DOCS_FIXTURE) }]);

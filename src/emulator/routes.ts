// Graph's URL space for the emulated kinds: /{version}/{collection}[/{id}[/{action or navigation}]], with OData
// key syntax `('id')` and type-cast segments accepted (GRAPH-NOTES §12.1). One request in, one response out;
// HTTP, $batch and faults are server.ts's job.
import type { CollectionSpec } from "./collections.ts";
import { COLLECTIONS } from "./collections.ts";
import { memberCount, statusOverview } from "./devices.ts";
import { directoryRoute } from "./directory.ts";
import { badRequest, noRoute, notFound } from "./errors.ts";
import type { JsonRecord, JsonValue } from "./graph-types.ts";
import { parseQuery, selected, skipToken } from "./odata.ts";
import { present } from "./present.ts";
import { rolloutRoute } from "./rollout-routes.ts";
import type { StoredEntity } from "./store.ts";
import type { EmulatedTenant } from "./tenant.ts";
import { SETTINGS_CATALOG } from "./tenant.ts";
import { POLICY_TEMPLATES } from "./policy-templates.ts";

export interface EmulatorRequest {
  readonly method: string;
  /** Path and query below the version, e.g. `/deviceManagement/roleScopeTags?$top=5`. */
  readonly url: string;
  readonly version: "beta" | "v1.0";
  readonly body: JsonValue | undefined;
  /** The request's `ConsistencyLevel` header (advanced directory queries, GRAPH-NOTES §10.7), when it has one. */
  readonly consistencyLevel?: string | undefined;
}

export interface EmulatorResponse {
  readonly status: number;
  readonly body?: JsonRecord | string;
  readonly headers?: Record<string, string>;
}

const isRecord = (v: JsonValue | undefined): v is JsonRecord => typeof v === "object" && v !== null && !Array.isArray(v);

/** `/a/b('x')/microsoft.graph.y/assign` → ["a", "b", "x", "assign"]. */
function segments(path: string): string[] {
  return path
    .split("/")
    .filter(Boolean)
    .flatMap((s) => {
      const m = /^([^(]+)\('([^']*)'\)$/.exec(decodeURIComponent(s));
      return m ? [m[1] ?? "", m[2] ?? ""] : [decodeURIComponent(s)];
    })
    .filter((s) => !s.startsWith("microsoft.graph."));
}

function match(parts: readonly string[], version: "beta" | "v1.0"): { spec: CollectionSpec; rest: string[] } | undefined {
  for (const spec of COLLECTIONS) {
    const specParts = spec.path.split("/").filter(Boolean);
    if (specParts.every((p, i) => parts[i] === p) && spec.versions.includes(version)) return { spec, rest: parts.slice(specParts.length) };
  }
  return undefined;
}

export function route(tenant: EmulatedTenant, req: EmulatorRequest, origin: string): EmulatorResponse {
  const url = new URL(req.url, "http://x");
  // Users, devices and group members (directory.ts).
  const directory = directoryRoute(
    tenant,
    req.method,
    decodeURIComponent(url.pathname),
    url.searchParams,
    req.body,
    `${origin}/${req.version}`,
    req.consistencyLevel,
  );
  if (directory) return directory;
  // Reports over the simulated rollout (device status, managed devices, group members): rollout-routes.ts.
  const simulated = rolloutRoute(
    tenant.data,
    req.method,
    decodeURIComponent(url.pathname),
    url.searchParams,
    `${origin}/${req.version}`,
    req.body,
  );
  if (simulated) return simulated;
  const parts = segments(url.pathname);
  if (parts.length === 1 && parts[0] === "deviceManagement" && req.version === "beta")
    return deviceManagementRoute(tenant, req, url, origin);
  if (
    parts[0] === "deviceManagement" &&
    (parts[1] === "configurationSettings" || parts[1] === "complianceSettings") &&
    req.version === "beta"
  )
    return definitionsRoute(req, url, parts[1], parts[2], origin);
  if (parts[0] === "deviceManagement" && parts[1] === "configurationPolicyTemplates" && req.version === "beta")
    return templatesRoute(req, url, parts.slice(2), origin);
  const found = match(parts, req.version);
  if (!found) throw noRoute(url.pathname, req.method);
  const { spec, rest } = found;
  const query = parseQuery(url.searchParams, spec.service);
  const base = `${origin}/${req.version}`;
  const contextUrl = `${base}/$metadata#${spec.path.slice(1)}`;
  const ctx = (item: boolean, id?: string) => ({
    spec,
    expand: query.expand,
    item,
    contextUrl: id ? `${base}/$metadata#${spec.path.slice(1)}('${id}')` : contextUrl,
    linked: tenant.linked,
  });
  const body = isRecord(req.body) ? req.body : {};
  const [id, action, sub] = rest;

  if (id === undefined) {
    if (req.method === "GET") {
      // Each entity shown is presented once; a page presents only its own entities (tenant.page), a filter on the
      // name property only the entities of that name (tenant.named). Any other filter still reads the collection.
      const show = (e: StoredEntity): JsonRecord => {
        tenant.touched++;
        return present(e, { ...ctx(false), contextUrl: `${base}/$metadata#${spec.path.slice(1)}('${String(e.body["id"])}')` });
      };
      const size = Math.min(query.top ?? spec.pageSize, spec.pageSize === 100 ? 999 : 1000);
      let page: JsonRecord[];
      let total: number;
      let nextAt: number | undefined;
      if (query.filter) {
        const byName = query.equals?.find((c) => c.property === spec.nameProperty && typeof c.value === "string");
        const items = (byName ? tenant.named(spec, String(byName.value)) : tenant.all(spec)).map(show).filter(query.filter);
        page = items.slice(query.skip, query.skip + size);
        total = items.length;
        nextAt = query.skip + size < items.length ? query.skip + size : undefined;
      } else {
        const slice = tenant.page(spec, query.skip, size);
        page = slice.entities.map(show);
        total = query.count && query.skip === 0 ? tenant.count(spec) : 0;
        nextAt = slice.next;
      }
      const next = nextAt !== undefined ? `${base}${url.pathname}?${withToken(url.searchParams, nextAt)}` : undefined;
      return {
        status: 200,
        body: {
          "@odata.context": contextUrl,
          ...(query.count && query.skip === 0 ? { "@odata.count": total } : {}),
          value: page.map((i) => selected(i, query.select)),
          ...(next ? { "@odata.nextLink": next } : {}),
        },
      };
    }
    if (req.method === "POST") {
      const created = tenant.create(spec, body);
      return { status: 201, body: present(created, ctx(true)) };
    }
    throw noRoute(url.pathname, req.method);
  }

  if (action === undefined) {
    if (req.method === "GET") {
      tenant.touched++;
      return { status: 200, body: selected(present(tenant.get(spec, id), ctx(true)), query.select) };
    }
    if (req.method === "PATCH" || req.method === "PUT") {
      if (req.method !== spec.updateVerb) throw noRoute(url.pathname, req.method);
      const updated = tenant.update(spec, id, body, req.method);
      return spec.updateStatus === 204 ? { status: 204 } : { status: 200, body: present(updated, ctx(true)) };
    }
    if (req.method === "DELETE") {
      tenant.remove(spec, id);
      return { status: 204 };
    }
    throw noRoute(url.pathname, req.method);
  }

  const entity = tenant.get(spec, id);
  const post = req.method === "POST";
  const get = req.method === "GET";
  if (action === "assign" && post && spec.assign?.cast && !decodeURIComponent(url.pathname).includes(`/${spec.assign.cast}/assign`))
    throw noRoute(url.pathname, req.method);
  if (action === "assign" && post && spec.assign) {
    const value = tenant.assign(spec, id, body);
    return spec.assign.status === 204
      ? { status: 204 }
      : { status: 200, body: { "@odata.context": `${base}/$metadata#Collection(microsoft.graph.${spec.assign.assignmentType})`, value } };
  }
  if (action === "assignments" && get && (spec.assign || spec.childAssignments) && sub === undefined)
    return { status: 200, body: { "@odata.context": `${ctx(false, id).contextUrl}/assignments`, value: entity.assignments } };
  // Terms and conditions and Autopilot profiles: assignments are child entities (GRAPH-NOTES §9.2): POST one (201), GET or DELETE one (204).
  if (action === "assignments" && spec.childAssignments) {
    if (post && sub === undefined) return { status: 201, body: tenant.addChildAssignment(spec, id, body) };
    if (sub !== undefined && req.method === "DELETE") {
      tenant.removeChildAssignment(spec, id, sub);
      return { status: 204 };
    }
    const one = sub !== undefined && get ? entity.assignments.find((a) => a["id"] === sub) : undefined;
    if (one) return { status: 200, body: one };
    if (sub !== undefined && get) throw notFound(sub, spec.service);
  }
  if (action === "targetApps" && post && spec.targetApps) {
    tenant.targetApps(spec, id, body);
    return { status: 204 };
  }
  // The settings-catalog part of a targeted app configuration (GRAPH-NOTES §8.2; Graph beta
  // intune-mam-targetedmanagedappconfiguration-changesettings): replaces the settings; an action that returns nothing (204).
  if (action === "changeSettings" && post && spec.ids === "mamConfiguration") {
    tenant.changeSettings(spec, id, body);
    return { status: 204 };
  }
  if (action === "apps" && get && spec.targetApps)
    return { status: 200, body: { "@odata.context": `${ctx(false, id).contextUrl}/apps`, value: entity.apps } };
  if (action === "setPriority" && post && spec.path.endsWith("deviceEnrollmentConfigurations")) {
    tenant.setPriority(spec, id, body);
    return { status: 200 };
  }
  if (action === "scheduleActionsForRules" && post && spec.path.endsWith("deviceCompliancePolicies")) {
    tenant.scheduleActions(spec, id, body);
    return { status: 204 };
  }
  // Settings-catalog compliance (GRAPH-NOTES §6.2): setScheduledActions (ICD expects 200), and the rule navigation,
  // which works here unlike on deviceCompliancePolicies (ICD backup DeviceCompliance.py).
  if (action === "setScheduledActions" && post && spec.path === "/deviceManagement/compliancePolicies") {
    tenant.setScheduledActions(spec, id, body);
    const rules = present(entity, { ...ctx(true, id), expand: new Set(["scheduledActionsForRule"]) })["scheduledActionsForRule"];
    return {
      status: 200,
      body: {
        "@odata.context": `${base}/$metadata#Collection(microsoft.graph.deviceManagementComplianceScheduledActionForRule)`,
        value: rules ?? [],
      },
    };
  }
  if (action === "scheduledActionsForRule" && get && spec.path === "/deviceManagement/compliancePolicies") {
    const rules = present(entity, { ...ctx(true, id), expand: new Set(["scheduledActionsForRule"]) })["scheduledActionsForRule"];
    return { status: 200, body: { "@odata.context": `${ctx(false, id).contextUrl}/scheduledActionsForRule`, value: rules ?? [] } };
  }
  if (
    action === "settings" &&
    get &&
    (spec.path.endsWith("configurationPolicies") || spec.path === "/deviceManagement/compliancePolicies")
  ) {
    const all = present(entity, { ...ctx(true, id), expand: new Set(["settings"]) })["settings"];
    const list = Array.isArray(all) ? all : [];
    const size = Math.min(query.top ?? 25, 1000);
    const next = query.skip + size < list.length ? `${base}${url.pathname}?${withToken(url.searchParams, query.skip + size)}` : undefined;
    return {
      status: 200,
      body: {
        "@odata.context": `${ctx(false, id).contextUrl}/settings`,
        value: list.slice(query.skip, query.skip + size),
        ...(next ? { "@odata.nextLink": next } : {}),
      },
    };
  }
  if (action === "localizedNotificationMessages" && spec.path.endsWith("notificationMessageTemplates")) {
    const messages = `${ctx(false, id).contextUrl}/localizedNotificationMessages`;
    if (sub === undefined && get) return { status: 200, body: { "@odata.context": messages, value: tenant.messages(spec, id) } };
    if (sub === undefined && post)
      return { status: 201, body: { "@odata.context": `${messages}/$entity`, ...tenant.addMessage(spec, id, body) } };
    if (sub !== undefined && get)
      return { status: 200, body: { "@odata.context": `${messages}/$entity`, ...tenant.message(spec, id, sub) } };
    if (sub !== undefined && req.method === "PATCH")
      return { status: 200, body: { "@odata.context": `${messages}/$entity`, ...tenant.updateMessage(spec, id, sub, body) } };
    if (sub !== undefined && req.method === "DELETE") {
      tenant.removeMessage(spec, id, sub);
      return { status: 204 };
    }
    throw noRoute(url.pathname, req.method);
  }
  if (
    action === "deviceStatusOverview" &&
    get &&
    (spec.path.endsWith("deviceCompliancePolicies") || spec.path.endsWith("deviceConfigurations"))
  ) {
    return {
      status: 200,
      body: statusOverview(tenant.data, entity, spec.path.endsWith("deviceCompliancePolicies") ? "compliance" : "configuration"),
    };
  }
  if (action === "members" && sub === "$count" && get && spec.path === "/groups")
    return { status: 200, body: String(memberCount(tenant.data, id)), headers: { "content-type": "text/plain" } };
  // Graph has no route for the rest, notably GET deviceCompliancePolicies/{id}/scheduledActionsForRule (§6.1).
  if (action === "scheduledActionsForRule" || action === "assignments") throw noRoute(url.pathname, req.method);
  throw badRequest(`Unsupported segment '${action}'`, spec.service);
}

/**
 * The deviceManagement singleton (GET, PATCH of its settings). It always exists, so there is nothing to POST or
 * DELETE: those are refused as Graph refuses a verb a path has no route for (§1.1; Graph's exact answer to them is
 * UNCONFIRMED).
 */
function deviceManagementRoute(tenant: EmulatedTenant, req: EmulatorRequest, url: URL, origin: string): EmulatorResponse {
  const query = parseQuery(url.searchParams, "intune");
  if (req.method === "GET") {
    tenant.touched++;
    const body: JsonRecord = {
      "@odata.context": `${origin}/${req.version}/$metadata#deviceManagement`,
      "@odata.type": "#microsoft.graph.deviceManagement",
      ...tenant.deviceManagement().body,
    };
    return { status: 200, body: selected(body, query.select) };
  }
  if (req.method === "PATCH") {
    tenant.patchDeviceManagement(isRecord(req.body) ? req.body : {});
    return { status: 204 };
  }
  throw noRoute(url.pathname, req.method);
}

/**
 * The settings catalog's definitions (read only): GET /beta/deviceManagement/configurationSettings (configuration
 * policies' settings) and /complianceSettings (settings-catalog compliance), the list paged with $top and
 * @odata.nextLink, `$filter` over the definitions' properties, and one definition by id (404 when unknown). The
 * default page of 25 is UNCONFIRMED for these collections (it is what /settings pages at, GRAPH-NOTES §7.2).
 */
function definitionsRoute(req: EmulatorRequest, url: URL, collection: string, id: string | undefined, origin: string): EmulatorResponse {
  if (req.method !== "GET") throw noRoute(url.pathname, req.method);
  const base = `${origin}/${req.version}`;
  const usage = collection === "configurationSettings" ? "configuration" : "compliance";
  const context = `${base}/$metadata#deviceManagement/${collection}`;
  const query = parseQuery(url.searchParams, "intune");
  if (id !== undefined) {
    const def = SETTINGS_CATALOG.get(id);
    if (!def || def["settingUsage"] !== usage) throw notFound(id, "intune");
    return { status: 200, body: selected({ "@odata.context": `${context}/$entity`, ...def }, query.select) };
  }
  const all = SETTINGS_CATALOG.list(usage).filter((d) => !query.filter || query.filter(d));
  const size = Math.min(query.top ?? 25, 1000);
  const next = query.skip + size < all.length ? `${base}${url.pathname}?${withToken(url.searchParams, query.skip + size)}` : undefined;
  return {
    status: 200,
    body: {
      "@odata.context": context,
      value: all.slice(query.skip, query.skip + size).map((d) => selected(d, query.select)),
      ...(next ? { "@odata.nextLink": next } : {}),
    },
  };
}

/**
 * The settings-catalog templates (read only, policy-templates.ts): GET /beta/deviceManagement/configurationPolicyTemplates
 * (paged with $top and @odata.nextLink, `$filter` over the templates' properties, e.g. templateFamily eq '…'), one
 * template by id (404 when unknown), and its …/settingTemplates, each with its setting's definition under
 * $expand=settingDefinitions (Graph beta "List deviceManagementConfigurationSettingTemplates"; the Terraform
 * provider and scripts read `…/{id}/settingTemplates?$expand=settingDefinitions`). The page of 25 is UNCONFIRMED.
 */
function templatesRoute(req: EmulatorRequest, url: URL, rest: readonly string[], origin: string): EmulatorResponse {
  if (req.method !== "GET") throw noRoute(url.pathname, req.method);
  const base = `${origin}/${req.version}`;
  const context = `${base}/$metadata#deviceManagement/configurationPolicyTemplates`;
  const query = parseQuery(url.searchParams, "intune");
  const page = (all: readonly JsonRecord[], ctx: string): EmulatorResponse => {
    const size = Math.min(query.top ?? 25, 1000);
    const next = query.skip + size < all.length ? `${base}${url.pathname}?${withToken(url.searchParams, query.skip + size)}` : undefined;
    return {
      status: 200,
      body: {
        "@odata.context": ctx,
        value: all.slice(query.skip, query.skip + size).map((d) => selected(d, query.select)),
        ...(next ? { "@odata.nextLink": next } : {}),
      },
    };
  };
  const [id, nav, extra] = rest;
  if (id === undefined)
    return page(
      [...POLICY_TEMPLATES.values()].map((t) => t.template).filter((t) => !query.filter || query.filter(t)),
      context,
    );
  const entry = POLICY_TEMPLATES.get(id);
  if (!entry) throw notFound(id, "intune");
  if (nav === undefined)
    return { status: 200, body: selected({ "@odata.context": `${context}/$entity`, ...entry.template }, query.select) };
  if (nav !== "settingTemplates" || extra !== undefined) throw noRoute(url.pathname, req.method);
  const withDefinitions = query.expand.has("settingDefinitions");
  return page(
    entry.settingTemplates.map(({ definitionIds, ...t }) => ({
      ...t,
      ...(withDefinitions && Array.isArray(definitionIds)
        ? { settingDefinitions: definitionIds.flatMap((d) => SETTINGS_CATALOG.get(String(d)) ?? []) }
        : {}),
    })),
    `${context}('${id}')/settingTemplates`,
  );
}

function withToken(params: URLSearchParams, offset: number): string {
  const p = new URLSearchParams(params);
  p.delete("$skiptoken");
  p.set("$skiptoken", skipToken(offset));
  return p.toString();
}

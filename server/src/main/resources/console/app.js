// The operator console: plain modules, no build step. It talks only to the public API, signed in with a session
// cookie (HttpOnly: this script never sees it); every change carries the session's CSRF token.
import { t, LANGUAGES } from "./i18n.js";

const EVENT_TYPES = ["escalation.created", "escalation.assigned", "escalation.unassigned", "escalation.resolved",
  "escalation.cancelled", "escalation.expired", "escalation.resume_requested", "escalation.resumed"];
const PRIORITY_ORDER = { critical: 0, high: 1, medium: 2, low: 3 };

const state = { session: null, tenant: null, lang: "en", rows: [], selected: null, source: null, reload: null,
  message: null };

const $ = (id) => document.getElementById(id);

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "text") node.textContent = value;
    else if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child);
  }
  return node;
}

const say = (key, values) => t(state.lang, key, values);

async function api(method, path, body, headers = {}) {
  const sent = { Accept: "application/json", ...headers };
  if (body !== undefined) sent["Content-Type"] = "application/json";
  if (method !== "GET" && state.session) sent["X-CSRF-Token"] = state.session.csrf_token;
  const response = await fetch(path, {
    method, headers: sent, credentials: "same-origin", body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  return { status: response.status, json };
}

// ---- Language ---------------------------------------------------------------------------------------------------

function applyLanguage(lang) {
  state.lang = LANGUAGES.includes(lang) ? lang : "en";
  document.documentElement.lang = state.lang;
  document.documentElement.dir = state.lang === "ar" ? "rtl" : "ltr";
  $("lang").value = state.lang;
  $("hijri-label").hidden = state.lang !== "ar";
  for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = say(node.dataset.i18n);
  const live = $("live");
  if (live.dataset.state) live.textContent = say(live.dataset.state === "on" ? "live_on" : "live_off");
  renderRows();
  renderDetail();
  if (state.stats) renderStats();
  if (state.decision) renderDecision();
}

/** A packet's text in the operator's language, falling back to the packet's own. */
function localized(packet, field) {
  const own = packet.i18n?.[state.lang]?.[field];
  if (own) return own;
  if (state.lang === "ar" && packet[field + "_ar"]) return packet[field + "_ar"];
  return packet[field] ?? "";
}

function formatTime(iso) {
  if (!iso) return "";
  const arabic = $("hijri").checked ? "ar-SA-u-ca-islamic-umalqura" : "ar-SA-u-ca-gregory";
  const locale = state.lang === "ar" ? arabic : state.lang === "zh" ? "zh-CN" : "en-GB";
  return new Date(iso).toLocaleString(locale, { dateStyle: "medium", timeStyle: "short" });
}

function formatLeft(ms) {
  const minutes = Math.floor(Math.abs(ms) / 60000);
  const hours = Math.floor(minutes / 60);
  const days = Math.floor(hours / 24);
  if (days > 0) return `${days}d ${hours % 24}h`;
  if (hours > 0) return `${hours}h ${String(minutes % 60).padStart(2, "0")}m`;
  return `${minutes}m ${String(Math.floor(Math.abs(ms) / 1000) % 60).padStart(2, "0")}s`;
}

// ---- Sign-in ------------------------------------------------------------------------------------------------------

const VIEWS = ["login", "inbox", "stats", "playground"];

function show(view) {
  state.view = view;
  for (const name of VIEWS) $(name).hidden = view !== name;
  $("nav").hidden = view === "login";
  $("sign-out").hidden = view === "login";
  const lead = ["supervisor", "admin"].includes(state.session?.role);
  $("nav-stats").hidden = !lead;
  $("nav-playground").hidden = !lead;
  for (const name of ["inbox", "stats", "playground"]) {
    $(`nav-${name}`).setAttribute("aria-current", view === name ? "page" : "false");
  }
}

async function signIn(event) {
  event.preventDefault();
  const key = $("login-key").value.trim();
  const answer = await api("POST", "/v1/console/session", { key });
  $("login-key").value = "";
  if (answer.status === 201) {
    state.session = answer.json;
    $("login-error").textContent = "";
    await enter(null);
  } else {
    $("login-error").textContent = say(answer.status === 403 ? "agent_key" : "bad_key");
  }
}

async function signOut() {
  await api("DELETE", "/v1/console/session");
  state.session = null;
  state.source?.close();
  state.source = null;
  state.rows = [];
  state.selected = null;
  show("login");
}

async function enter(storedLang) {
  const tenant = await api("GET", "/v1/tenant");
  state.tenant = tenant.json;
  $("who").textContent = `${state.session.name} · ${state.session.role}`;
  applyLanguage(storedLang ?? sessionStorage.getItem("sb.lang") ?? state.tenant?.default_locale ?? "en");
  show("inbox");
  connect();
  await loadRows();
}

// ---- Inbox --------------------------------------------------------------------------------------------------------

function query() {
  const params = new URLSearchParams({ status: $("f-status").value, limit: "100" });
  if ($("f-priority").value) params.set("priority", $("f-priority").value);
  if ($("f-role").value.trim()) params.set("target_role", $("f-role").value.trim());
  if ($("f-mine").checked) params.set("assigned_to", state.session.name);
  return params;
}

async function loadRows() {
  const answer = await api("GET", `/v1/escalations?${query()}`);
  if (answer.status === 401) return show("login");
  state.rows = answer.status === 200 ? answer.json.items : [];
  state.rows.sort((a, b) => PRIORITY_ORDER[a.priority] - PRIORITY_ORDER[b.priority]);
  renderRows();
}

function renderRows() {
  const body = $("rows");
  // Live updates render the rows anew: the keyboard stays on the packet it was on.
  const focused = body.contains(document.activeElement) ? document.activeElement.dataset.id : null;
  body.replaceChildren();
  if (state.rows.length === 0) {
    body.append(el("tr", {}, el("td", { colspan: 5, class: "empty", text: say("empty") })));
    return;
  }
  for (const packet of state.rows) {
    const row = el("tr", {
      "data-testid": "inbox-row", "data-id": packet.id, tabindex: 0, class: `p-${packet.priority}`,
      "aria-selected": packet.id === state.selected?.id ? "true" : "false",
      onclick: () => select(packet.id),
      onkeydown: (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); select(packet.id); } },
    },
    el("td", {}, el("span", { class: `badge ${packet.priority}`, text: say(`priority_${packet.priority}`) })),
    el("td", { class: "title", text: localized(packet, "title") }),
    el("td", { text: say(`status_${packet.status}`) }),
    el("td", { text: packet.assigned_to ?? say("nobody") }),
    el("td", { class: "sla", "data-due": packet.due_at ?? "" }));
    body.append(row);
    if (packet.id === focused) row.focus();
  }
  tick();
}

function tick() {
  const now = Date.now();
  for (const cell of document.querySelectorAll(".sla")) {
    const due = cell.dataset.due;
    const row = cell.closest("tr");
    if (!due) { cell.textContent = say("no_due"); continue; }
    const left = Date.parse(due) - now;
    // Expired packets still wait for a decision: they stay in the open queue, marked overdue.
    const open = ["pending", "in_progress", "expired"].includes(state.rows.find((r) => r.id === row?.dataset.id)?.status);
    row?.classList.toggle("overdue", open && left <= 0);
    cell.textContent = left <= 0 ? `${say("overdue")} ${formatLeft(left)}` : say("due_in", { time: formatLeft(left) });
  }
}

function connect() {
  state.source?.close();
  const source = new EventSource("/v1/events/stream");
  state.source = source;
  source.onopen = () => { $("live").textContent = say("live_on"); $("live").dataset.state = "on"; };
  source.onerror = () => { $("live").textContent = say("live_off"); $("live").dataset.state = "off"; };
  for (const type of EVENT_TYPES) {
    source.addEventListener(type, (message) => {
      const event = JSON.parse(message.data);
      scheduleReload(event.escalation_id === state.selected?.id);
    });
  }
}

/** Reloads the list (and the open packet) once a burst of events has passed. */
function scheduleReload(detailToo) {
  clearTimeout(state.reload);
  state.reloadDetail = state.reloadDetail || detailToo;
  state.reload = setTimeout(async () => {
    const detail = state.reloadDetail;
    state.reloadDetail = false;
    await loadRows();
    if (detail && state.selected) await select(state.selected.id, true);
  }, 100);
}

// ---- Detail -------------------------------------------------------------------------------------------------------

async function select(id, keepMessage = false) {
  const [packet, events] = await Promise.all([
    api("GET", `/v1/escalations/${encodeURIComponent(id)}`),
    api("GET", `/v1/escalations/${encodeURIComponent(id)}/events`),
  ]);
  if (packet.status !== 200) return;
  state.selected = packet.json;
  state.events = events.status === 200 ? events.json.items : [];
  if (!keepMessage) state.message = null;
  renderRows();
  renderDetail();
}

function field(name, value) {
  if (value === null || value === undefined || value === "") return null;
  return [el("dt", { text: say(name) }), el("dd", { text: String(value) })];
}

/** A code's words in the operator's language, or the code itself when it has none (a tenant's own reason). */
function label(kind, code) {
  if (!code) return code;
  const key = `${kind}_${code}`;
  const text = say(key);
  return text === key ? code : text;
}

function renderDetail() {
  const aside = $("detail");
  // A re-render (another change arrived live) keeps a decision being written.
  const open = aside.querySelector("form.resolve:not([hidden])");
  const kept = open && open.dataset.id === state.selected?.id
    ? { action: open.elements.action.value, notes: open.elements.notes.value,
        override: open.elements.override.value, resume: open.elements.resume.checked, focus: document.activeElement?.name }
    : null;
  aside.replaceChildren();
  const packet = state.selected;
  if (!packet) {
    aside.append(el("p", { class: "hint", text: say("select_packet") }));
    return;
  }
  aside.append(el("h2", { text: localized(packet, "title") }));
  if (state.message) aside.append(el("p", { class: "error", role: "alert", "data-testid": "message", text: state.message }));
  aside.append(el("dl", {},
    field("status", say(`status_${packet.status}`)),
    field("priority", say(`priority_${packet.priority}`)),
    field("assignee", packet.assigned_to),
    field("reason", label("reason", packet.reason)),
    field("entity", `${packet.entity_type} ${packet.entity_id}`),
    field("workflow", packet.workflow_name),
    field("failed_step", packet.failed_step),
    field("confidence", packet.confidence),
    field("target_role", packet.target_role),
    field("suggested_action", localized(packet, "suggested_action")),
    field("risk", localized(packet, "risk_if_delayed")),
    field("created", formatTime(packet.created_at)),
    field("due", formatTime(packet.due_at)),
    field("resolution", packet.resolution_notes),
    field("resolution_data", packet.resolution_data ? JSON.stringify(packet.resolution_data) : null),
    field("resolved_at", formatTime(packet.resolved_at)),
    field("cancel_reason", packet.cancel_reason),
    field("breached_at", formatTime(packet.breached_at)),
    field("resume_state", packet.resume?.state === "none" ? null : label("resume", packet.resume?.state)),
    field("missing_data", packet.missing_data?.join(", ")),
    field("rules", packet.rule_ids?.join(", ")),
    field("session", packet.session_id),
    field("created_by", packet.created_by),
    field("version", packet.version)));
  if (packet.artifacts?.length) {
    aside.append(el("h3", { text: say("artifacts") }), el("ul", { class: "artifacts" },
      packet.artifacts.map((a) => el("li", {}, el("strong", { text: a.name }), " ",
        a.url ? el("span", { text: a.url }) : el("pre", { text: a.content ?? "" })))));
  }
  aside.append(actions(packet, kept));
  aside.append(el("h3", { text: say("timeline") }), el("ol", { class: "timeline" },
    (state.events ?? []).map((e) => el("li", {},
      el("time", { datetime: e.occurred_at, text: formatTime(e.occurred_at) }), " ",
      say(eventKey(e.type), { who: e.data?.assigned_to ?? e.actor, type: e.type }),
      e.type === "escalation.assigned" && e.data?.assigned_to === e.actor ? "" : ` · ${e.actor}`))));
}

function eventKey(type) {
  const name = `ev_${type.replace("escalation.", "")}`;
  return t("en", name) === name ? "ev_other" : name;
}

function actions(packet, kept) {
  const box = el("div", { class: "actions" });
  const open = ["pending", "in_progress"].includes(packet.status);
  // What the lifecycle allows this person (SPEC §3.2): release and resolve are the assignee's, or anyone's while
  // unassigned; a supervisor may always.
  const me = state.session.name;
  const lead = ["supervisor", "admin"].includes(state.session.role);
  const mine = packet.assigned_to === me;
  if (packet.status === "pending") {
    box.append(el("button", { type: "button", "data-testid": "claim", text: say("claim"), onclick: () => change(packet, "assign", {}) }));
  }
  if (packet.status === "in_progress" && (mine || lead)) {
    box.append(el("button", { type: "button", "data-testid": "unassign", text: say("unassign"), onclick: () => change(packet, "unassign", {}) }));
  }
  if ((open || packet.status === "expired") && (!packet.assigned_to || mine || lead)) {
    const form = el("form", { class: "resolve", "data-id": packet.id, hidden: !kept,
      onsubmit: (e) => { e.preventDefault(); resolve(packet, form); } },
      el("label", {}, say("action"), el("input", { name: "action", "data-testid": "resolve-action", required: true, maxlength: 200 })),
      el("label", {}, say("notes"), el("textarea", { name: "notes", rows: 2, maxlength: 4000 })),
      el("label", {}, say("override"), el("textarea", { name: "override", rows: 2, dir: "ltr" })),
      el("label", { class: "check" }, el("input", { name: "resume", type: "checkbox" }), " ", say("resume")),
      el("button", { type: "submit", "data-testid": "resolve-submit", text: say("submit_resolution") }));
    box.append(el("button", { type: "button", "data-testid": "resolve", text: say("resolve"),
      onclick: () => { form.hidden = false; form.querySelector("input").focus(); } }), form);
    if (kept) {
      form.elements.action.value = kept.action;
      form.elements.notes.value = kept.notes;
      form.elements.override.value = kept.override;
      form.elements.resume.checked = kept.resume;
      if (kept.focus && form.elements[kept.focus]) queueMicrotask(() => form.elements[kept.focus].focus());
    }
  }
  return box;
}

async function resolve(packet, form) {
  const body = { action_taken: form.elements.action.value.trim(), resume_workflow: form.elements.resume.checked };
  if (form.elements.notes.value.trim()) body.notes = form.elements.notes.value.trim();
  if (form.elements.override.value.trim()) {
    try { body.override_data = JSON.parse(form.elements.override.value); } catch {
      state.message = say("invalid_json");
      return renderDetail();
    }
  }
  await change(packet, "resolve", body);
}

async function change(packet, action, body) {
  // No If-Match: the lifecycle itself refuses what is no longer possible, and says why (409 with the packet).
  const answer = await api("POST", `/v1/escalations/${encodeURIComponent(packet.id)}/${action}`, body);
  if (answer.status === 200) {
    state.message = null;
  } else if (answer.status === 409) {
    const now = answer.json?.escalation;
    state.message = now?.assigned_to && now.status === "in_progress"
      ? say("conflict_claimed", { who: now.assigned_to })
      : say("conflict_state", { status: say(`status_${now?.status ?? packet.status}`) });
  } else if (answer.status === 412) {
    state.message = say("stale");
  } else {
    state.message = say("failed", { detail: answer.json?.detail ?? answer.status });
  }
  await select(packet.id, true);
  await loadRows();
}

// ---- Supervisor: statistics -----------------------------------------------------------------------------------

const SVG = "http://www.w3.org/2000/svg";

function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  for (const child of children.flat()) if (child) node.append(child);
  return node;
}

/** A horizontal bar chart of {label: value}, drawn as SVG (no script or style inside it). */
function barChart(title, entries, format = (v) => String(v)) {
  const rows = entries.filter(([, value]) => value !== null && value !== undefined);
  const max = Math.max(1, ...rows.map(([, value]) => value));
  const width = 420, barHeight = 22, gap = 8, labelWidth = 150, rtl = state.lang === "ar";
  const height = Math.max(1, rows.length) * (barHeight + gap);
  // Laid out left to right and mirrored by hand for Arabic, so "start" and "end" mean the same in both.
  const chart = svg("svg", { viewBox: `0 0 ${width} ${height}`, width: "100%", role: "img", "aria-label": title, class: "chart",
    direction: "ltr" },
    rows.map(([label, value], i) => {
      const y = i * (barHeight + gap);
      const length = ((width - labelWidth - 60) * value) / max;
      const barX = rtl ? width - labelWidth - length : labelWidth;
      return svg("g", {},
        svg("text", { x: rtl ? width : 0, y: y + 15, "text-anchor": rtl ? "end" : "start", class: "label" }, document.createTextNode(label)),
        svg("rect", { x: barX, y, width: Math.max(1, length), height: barHeight, rx: 4, class: "bar-fill" }),
        svg("text", { x: rtl ? barX - 6 : barX + length + 6, y: y + 15, "text-anchor": rtl ? "end" : "start", class: "value" },
          document.createTextNode(format(value))));
    }));
  return el("figure", { class: "card" }, el("figcaption", { text: title }),
    rows.length ? chart : el("p", { class: "hint", text: say("none_yet") }));
}

function number(value) {
  return new Intl.NumberFormat(state.lang === "ar" ? "ar" : state.lang).format(value);
}

/**
 * The statistics of the chosen period (30 days unless changed): over a large queue, all-time statistics read every
 * packet there is, so they are there when asked for, not by default.
 */
async function openStats() {
  show("stats");
  const days = $("stats-period").value;
  const since = days ? `?since=${encodeURIComponent(new Date(Date.now() - Number(days) * 86400000).toISOString())}` : "";
  const answer = await api("GET", `/v1/stats${since}`);
  state.stats = answer.status === 200 ? answer.json : null;
  renderStats();
}

function renderStats() {
  const body = $("stats-body");
  body.replaceChildren();
  const stats = state.stats;
  if (!stats) return;
  const minutes = (v) => (v === null || v === undefined ? say("none_yet") : say("minutes", { n: number(Math.round(v)) }));
  const ratio = stats.sla_met_ratio;
  body.append(
    el("div", { class: "card figures" },
      el("p", {}, el("strong", { text: number(stats.total) }), " ", say("total")),
      el("p", {}, el("strong", { text: number(stats.overdue_count) }), " ", say("overdue_count")),
      el("p", { "data-testid": "sla-met" }, el("strong", { text: ratio === null ? say("none_yet") : `${number(Math.round(ratio * 100))}%` }), " ", say("sla_met")),
      el("p", {}, el("strong", { text: stats.oldest_pending_hours === null ? say("none_yet") : say("hours", { n: number(Math.round(stats.oldest_pending_hours * 10) / 10) }) }), " ", say("oldest_pending"))),
    barChart(say("by_priority"), ["critical", "high", "medium", "low"].map((p) => [say(`priority_${p}`), stats.by_priority?.[p] ?? 0]), number),
    barChart(say("by_reason"), Object.entries(stats.by_reason ?? {}).map(([k, v]) => [label("reason", k), v]), number),
    barChart(say("by_status"), Object.entries(stats.by_status ?? {}).map(([k, v]) => [say(`status_${k}`), v]), number),
    barChart(say("resolution_times"), [[say("p50"), stats.p50_resolution_minutes], [say("average"), stats.avg_resolution_minutes],
      [say("p90"), stats.p90_resolution_minutes]], minutes),
    barChart(say("resolution_distribution"), (stats.resolution_histogram ?? []).map((bucket, i, all) =>
      [bucketLabel(i === 0 ? null : all[i - 1].up_to_minutes, bucket.up_to_minutes), bucket.count]), number),
    slaGauge(ratio));
}

/** A bucket's span: "< 15 min", "1 h – 4 h", "≥ 3 d". */
function bucketLabel(from, to) {
  const span = (m) => (m >= 1440 ? `${number(m / 1440)} d` : m >= 60 ? `${number(m / 60)} h` : `${number(m)} min`);
  if (from === null) return `< ${span(to)}`;
  if (to === null) return `≥ ${span(from)}`;
  return `${span(from)} – ${span(to)}`;
}

/** The SLA met ratio as a ring. */
function slaGauge(ratio) {
  const r = 40, c = 2 * Math.PI * r, met = ratio ?? 0;
  return el("figure", { class: "card" }, el("figcaption", { text: say("sla_met") }),
    svg("svg", { viewBox: "0 0 100 100", width: "140", height: "140", role: "img", "aria-label": say("sla_met"), class: "gauge" },
      svg("circle", { cx: 50, cy: 50, r, class: "track" }),
      svg("circle", { cx: 50, cy: 50, r, class: "met", "stroke-dasharray": `${c * met} ${c}`, transform: "rotate(-90 50 50)" }),
      svg("text", { x: 50, y: 56, "text-anchor": "middle", class: "value" },
        document.createTextNode(ratio === null || ratio === undefined ? "—" : `${Math.round(met * 100)}%`))));
}

// ---- Supervisor: router playground ---------------------------------------------------------------------------

async function routeMessage(event) {
  event.preventDefault();
  const message = $("playground-message").value;
  // The tenant's current policy, without side effects (no session, no decision log, no escalation). The test API
  // wants an expectation per case; the console shows the decision and ignores the verdict.
  const answer = await api("POST", "/v1/policy/test",
    { cases: [{ name: "playground", input: { message }, expect: { mode: "agent" } }] });
  state.decision = answer.status === 200 ? { message, decision: answer.json.results[0].decision }
    : { message, error: answer.json?.detail ?? String(answer.status) };
  renderDecision();
}

/** The message with its matched keywords marked (offsets are UTF-16 positions, as JavaScript counts). */
function highlighted(message, matches) {
  const marks = [...matches].sort((a, b) => a.start - b.start);
  const parts = [];
  let at = 0;
  for (const match of marks) {
    if (match.start < at) continue;
    parts.push(message.slice(at, match.start));
    parts.push(el("mark", { title: `${match.scenario}: ${match.keyword}`, "data-testid": "playground-match", text: message.slice(match.start, match.end) }));
    at = match.end;
  }
  parts.push(message.slice(at));
  return el("p", { class: "message", dir: "auto", "data-testid": "playground-text" }, parts);
}

function renderDecision() {
  const box = $("playground-result");
  box.replaceChildren();
  const result = state.decision;
  if (!result) return;
  if (result.error) {
    box.append(el("p", { class: "error", role: "alert", text: say("failed", { detail: result.error }) }));
    return;
  }
  const d = result.decision;
  box.append(
    highlighted(result.message, d.matches),
    el("dl", { "data-testid": "playground-decision" },
      field("mode", d.mode), field("decided_by", d.decided_by), field("reason_code", d.reason_code),
      field("risk_scenario", d.risk_scenario)),
    el("h3", { text: say("matches") }),
    d.matches.length ? el("ul", {}, d.matches.map((m) => el("li", { text: `${m.keyword} — ${m.scenario}` })))
      : el("p", { class: "hint", text: say("no_matches") }),
    el("h3", { text: say("trace") }),
    el("ol", { class: "trace", "data-testid": "playground-trace" },
      d.trace.map((step) => el("li", {}, el("code", { text: step.step }), ` ${step.result}`, step.detail ? ` — ${step.detail}` : ""))));
}

// ---- Start --------------------------------------------------------------------------------------------------------

async function boot() {
  $("login-form").addEventListener("submit", signIn);
  $("sign-out").addEventListener("click", signOut);
  $("nav-inbox").addEventListener("click", () => show("inbox"));
  $("nav-stats").addEventListener("click", openStats);
  $("stats-period").addEventListener("change", openStats);
  $("nav-playground").addEventListener("click", () => { show("playground"); $("playground-message").focus(); });
  $("playground-form").addEventListener("submit", routeMessage);
  $("hijri").addEventListener("change", () => { sessionStorage.setItem("sb.hijri", $("hijri").checked); renderDetail(); });
  $("hijri").checked = sessionStorage.getItem("sb.hijri") === "true";
  $("lang").addEventListener("change", () => { sessionStorage.setItem("sb.lang", $("lang").value); applyLanguage($("lang").value); });
  for (const id of ["f-status", "f-priority", "f-mine"]) $(id).addEventListener("change", loadRows);
  $("f-role").addEventListener("change", loadRows);
  setInterval(tick, 1000);
  const current = await api("GET", "/v1/console/session");
  if (current.status === 200) {
    state.session = current.json;
    await enter(null);
  } else {
    applyLanguage(sessionStorage.getItem("sb.lang") ?? navigator.language?.slice(0, 2) ?? "en");
    show("login");
  }
}

boot();

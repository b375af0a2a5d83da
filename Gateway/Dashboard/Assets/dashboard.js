// The operations dashboard: polls /dashboard/data about once a second while the tab is visible,
// keeps the time series it was sent, and draws them as small SVG line charts.
"use strict";
(() => {
  const POLL_MS = 1000;
  const WINDOW_MS = 5 * 60 * 1000;
  const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];
  const SVG = "http://www.w3.org/2000/svg";

  const state = { seq: 0, points: [], last: null, timer: null, inFlight: false, errors: 0 };
  window.solaraDashboard = state;

  const $ = (id) => document.getElementById(id);

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v !== undefined && v !== null) node.setAttribute(k, v);
    }
    for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(child ?? ""));
    return node;
  }

  function svg(tag, attrs) {
    const node = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    return node;
  }

  const fmt = {
    num: (v, digits = 1) => (v === null || v === undefined ? "–" : Number(v).toFixed(digits).replace(/\.0+$/, "")),
    bytes: (v) => {
      if (v === null || v === undefined) return "–";
      const units = ["B", "KB", "MB", "GB", "TB"];
      let i = 0;
      while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
      return `${v.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
    },
    duration: (s) => {
      if (s === null || s === undefined) return "–";
      if (s < 60) return `${Math.round(s)}s`;
      if (s < 3600) return `${Math.floor(s / 60)}m ${Math.round(s % 60)}s`;
      if (s < 86400) return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
      return `${Math.floor(s / 86400)}d ${Math.floor((s % 86400) / 3600)}h`;
    },
    pct: (r) => (r === null || r === undefined ? "–" : `${(r * 100).toFixed(1)}%`),
    time: (ms) => new Date(ms).toLocaleTimeString(),
  };

  function fillRows(tableId, rows) {
    const body = $(tableId).tBodies[0];
    body.replaceChildren(...rows);
  }

  // ---- charts ----------------------------------------------------------------------------------

  // series: [{name, values: [[t, v|null], ...]}]; draws the last WINDOW_MS.
  function lineChart(container, series, now, unit) {
    const width = 460, height = 150, left = 44, right = 8, top = 8, bottom = 20;
    const from = now - WINDOW_MS;
    const visible = series.map((s) => ({ ...s, values: s.values.filter(([t]) => t >= from) }));
    let max = 0;
    for (const s of visible) for (const [, v] of s.values) if (v !== null && v > max) max = v;
    max = niceMax(max);
    const x = (t) => left + ((t - from) / WINDOW_MS) * (width - left - right);
    const y = (v) => top + (1 - v / max) * (height - top - bottom);
    const root = svg("svg", { viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": container.id });
    for (let i = 0; i <= 2; i++) {
      const v = (max * i) / 2;
      root.append(svg("line", { x1: left, x2: width - right, y1: y(v), y2: y(v), class: "grid" }));
      const label = svg("text", { x: left - 4, y: y(v) + 4, class: "axis", "text-anchor": "end" });
      label.textContent = fmt.num(v, v < 10 ? 1 : 0) + (i === 2 && unit ? ` ${unit}` : "");
      root.append(label);
    }
    for (const minutes of [5, 4, 3, 2, 1, 0]) {
      const t = now - minutes * 60000;
      const label = svg("text", { x: x(t), y: height - 4, class: "axis", "text-anchor": minutes === 5 ? "start" : minutes === 0 ? "end" : "middle" });
      label.textContent = minutes === 0 ? "now" : `-${minutes}m`;
      root.append(label);
    }
    visible.forEach((s, i) => {
      let d = "";
      let pen = false;
      for (const [t, v] of s.values) {
        if (v === null || v === undefined) { pen = false; continue; }
        d += `${pen ? "L" : "M"}${x(t).toFixed(1)},${y(v).toFixed(1)}`;
        pen = true;
      }
      if (d) root.append(svg("path", { d, class: "series", stroke: s.color || PALETTE[i % PALETTE.length] }));
    });
    const legend = el("div", { class: "legend" });
    visible.forEach((s, i) => {
      const latest = s.values.length ? s.values[s.values.length - 1][1] : null;
      legend.append(el("span", { style: `--c:${s.color || PALETTE[i % PALETTE.length]}` }, `${s.name} ${fmt.num(latest, 1)}`));
    });
    if (!visible.length) legend.append(el("span", { class: "none" }, "no traffic yet"));
    container.replaceChildren(root, legend);
  }

  function niceMax(v) {
    if (v <= 0) return 1;
    const magnitude = Math.pow(10, Math.floor(Math.log10(v)));
    for (const step of [1, 2, 2.5, 5, 10]) if (v <= step * magnitude) return step * magnitude;
    return 10 * magnitude;
  }

  // One series per key seen in the window, from a {key: rate} object on each point.
  function seriesByKey(points, field) {
    const keys = new Set();
    for (const p of points) for (const k of Object.keys(p[field] || {})) keys.add(k);
    return [...keys].sort().map((k) => ({ name: k || "(none)", values: points.map((p) => [p.t, (p[field] || {})[k] ?? 0]) }));
  }

  function drawCharts(now) {
    const pts = state.points;
    lineChart($("chart-in"), seriesByKey(pts, "in"), now, "/s");
    lineChart($("chart-out"), seriesByKey(pts, "out"), now, "/s");
    lineChart($("chart-silos"), seriesByKey(pts, "by_silo"), now, "/s");
    lineChart($("chart-latency"), [
      { name: "p50", values: pts.map((p) => [p.t, p.p50]), color: "#1f77b4" },
      { name: "p99", values: pts.map((p) => [p.t, p.p99]), color: "#d62728" },
    ], now, "ms");
    lineChart($("chart-queue"), [
      { name: "queued", values: pts.map((p) => [p.t, p.queued]), color: "#ff7f0e" },
      { name: "kernels", values: pts.map((p) => [p.t, p.kernels]), color: "#2ca02c" },
    ], now, "");
    lineChart($("chart-errors"), [{ name: "errors", values: pts.map((p) => [p.t, p.errors]), color: "#d62728" }], now, "/s");
    lineChart($("chart-restores"), seriesByKey(pts, "restores"), now, "/s");
    lineChart($("chart-flushes"), seriesByKey(pts, "flushes"), now, "/s");
  }

  // ---- sections --------------------------------------------------------------------------------

  function statusClass(silo) {
    if (silo.healthy) return "ok";
    if (silo.status === "Dead") return "dead";
    return "warn";
  }

  function drawCluster(data) {
    const silos = data.silos || [];
    const live = silos.filter((s) => s.healthy).length;
    const unhealthy = silos.filter((s) => !s.healthy);
    const health = $("health");
    health.className = "banner " + (unhealthy.length ? "bad" : "good");
    health.textContent = unhealthy.length
      ? `${live} of ${silos.length} silos healthy — ${unhealthy.map((s) => `${s.address}: ${s.label}`).join("; ")}`
      : `${live} silo${live === 1 ? "" : "s"} healthy`;
    fillRows("silos", silos.map((s) => el("tr", { "data-silo": s.address, class: statusClass(s) },
      el("td", {}, s.endpoint || s.address),
      el("td", { class: "status" }, s.label),
      el("td", {}, String(s.generation ?? "–")),
      el("td", {}, fmt.duration(s.uptime_seconds)),
      el("td", {}, s.heartbeat_age_seconds === null ? "–" : `${fmt.num(s.heartbeat_age_seconds)}s ago`),
      el("td", {}, s.cpu_percent === null || s.cpu_percent === undefined ? "–" : `${fmt.num(s.cpu_percent)}%`),
      el("td", {}, `${fmt.bytes(s.working_set_bytes)} (heap ${fmt.bytes(s.gc_heap_bytes)})`),
      el("td", { class: "kernels" }, `${s.activations?.KernelGrain ?? "–"} (${s.kernels_connected ?? "–"} / ${s.kernels_disconnected ?? "–"})`),
      el("td", {}, String(s.activations?.SessionGrain ?? "–")),
      el("td", {}, `KernelGrain ${s.activations?.KernelGrain ?? "–"}, SessionGrain ${s.activations?.SessionGrain ?? "–"}${s.capacity ? ` of ${s.capacity}` : ""}`),
      el("td", {}, String(s.mailbox_queued ?? "–")),
      el("td", {}, s.state ? `${s.state.restore_success} (${fmt.pct(s.state.restore_success_ratio)})` : "–"),
    )));
    fillRows("gateways", (data.gateways || []).map((g) => el("tr", {},
      el("td", {}, g.endpoint + (g.self ? " (this one)" : "")),
      el("td", { class: "sockets" }, String(g.open_sockets)),
      el("td", {}, fmt.duration(g.uptime_seconds)),
      el("td", {}, g.sockets_attempted === undefined ? "–" : `${g.sockets_attempted} / ${g.sockets_closed}`),
    )));
    $("events").replaceChildren(...(data.events || []).map((e) => el("li", { class: e.severity },
      el("time", {}, fmt.time(e.t)), " ", e.text)));
  }

  function drawTraffic(data) {
    const p = state.points[state.points.length - 1];
    $("rate-in-now").textContent = p ? fmt.num(p.in_total) : "–";
    $("rate-out-now").textContent = p ? fmt.num(p.out_total) : "–";
    $("p50-now").textContent = p && p.p50 !== null ? `${fmt.num(p.p50, 2)} ms` : "–";
    $("p99-now").textContent = p && p.p99 !== null ? `${fmt.num(p.p99, 2)} ms` : "–";
    $("queued-now").textContent = p ? String(p.queued) : "–";
    $("errors-now").textContent = p ? fmt.num(p.errors) : "–";
    drawCharts(data.now);
  }

  function drawPersistence(data) {
    const silos = (data.silos || []).filter((s) => s.state);
    fillRows("state-silos", silos.map((s) => el("tr", { "data-silo": s.address },
      el("td", {}, s.address),
      el("td", { class: s.state.status === "degraded" ? "warn" : "" }, s.state.status),
      el("td", {}, s.state.circuit_breaker),
      el("td", {}, `${s.state.restore_success} / ${s.state.restore_miss} / ${s.state.restore_bailout} / ${s.state.restore_schema_reset}`),
      el("td", {}, fmt.pct(s.state.restore_success_ratio)),
      el("td", {}, `${s.state.flush_ok} / ${s.state.flush_rejected} / ${s.state.flush_failures}`),
      el("td", {}, `${s.state.superseded_closes} (${s.state.superseded_while_connected} connected)`),
      el("td", { class: "error-text" }, s.state.backend_last_error || ""),
    )));
    const table = (rows, label) => rows.map((r) => el("tr", {}, el("td", { class: "mono" }, r[label]), el("td", {}, String(r.syncs)), el("td", {}, fmt.bytes(r.bytes))));
    fillRows("top-keys", table(data.persistence?.sync_by_key || [], "key"));
    fillRows("top-kernels", table(data.persistence?.sync_by_kernel || [], "kernel"));
  }

  function drawRedis(data) {
    const rows = (data.silos || []).filter((s) => s.redis).map((s) => {
      const r = s.redis;
      const used = r.maxmemory_bytes ? `${fmt.bytes(r.used_memory_bytes)} / ${fmt.bytes(r.maxmemory_bytes)} (${fmt.pct(r.used_ratio)})` : `${fmt.bytes(r.used_memory_bytes)} / no limit`;
      return el("tr", { "data-silo": s.address, class: r.reachable ? "" : "dead" },
        el("td", {}, s.address),
        el("td", {}, r.reachable ? "yes" : `no: ${r.error || ""}`),
        el("td", {}, r.latency_ms === undefined ? "–" : `${fmt.num(r.latency_ms, 2)} ms`),
        el("td", {}, used),
        el("td", { class: r.maxmemory_policy && r.maxmemory_policy !== "noeviction" ? "warn" : "" }, r.maxmemory_policy || "–"));
    });
    fillRows("redis-silos", rows.length ? rows : [el("tr", {}, el("td", { colspan: "5" }, "no silo uses the Redis state backend"))]);
  }

  function drawKernels(data) {
    const kernels = data.kernels || [];
    $("kernel-ids").replaceChildren(...kernels.map((k) => el("option", { value: k.kernel }, `${k.silo}`)));
    fillRows("kernels", kernels.slice(0, 15).map((k) => {
      const button = el("button", { type: "button", "data-kernel": k.kernel }, "Inspect");
      button.addEventListener("click", () => {
        $("kernel-id").value = k.kernel;
        inspect(k.kernel);
      });
      return el("tr", {},
        el("td", { class: "mono" }, k.kernel), el("td", {}, k.silo),
        el("td", {}, `${k.connected_pages} / ${k.disconnected_pages}`), el("td", {}, String(k.pending_turns)),
        el("td", {}, String(k.messages_sent)), el("td", {}, fmt.time(Date.parse(k.last_activity))), el("td", {}, button));
    }));
  }

  async function inspect(kernelId) {
    const view = $("kernel-view");
    view.textContent = "loading…";
    const response = await fetch(`/dashboard/kernel/${encodeURIComponent(kernelId)}`, { credentials: "same-origin" });
    if (!response.ok) {
      view.textContent = `${response.status}: ${await response.text()}`;
      return;
    }
    const k = await response.json();
    const facts = [
      ["kernel", k.kernel], ["silo", `${k.silo} (${k.silo_status})`], ["session", k.session],
      ["age", fmt.duration(k.age_seconds)], ["last activity", `${fmt.duration(k.idle_seconds)} ago`],
      ["pending turns", k.pending_turns], ["widgets", k.widgets], ["messages sent", k.messages_sent],
      ["state generation", k.state?.generation ?? "–"], ["last restore", k.state ? k.state.last_restore.status : "persistence off"],
      ["dirty keys", k.state ? k.state.dirty_keys.join(", ") || "none" : "–"],
    ];
    const pages = (k.pages || []).map((p) => el("tr", {}, el("td", { class: "mono" }, p.page), el("td", {}, p.state), el("td", {}, String(p.sockets))));
    const keys = (k.persisted?.keys || []).map((p) => el("tr", {}, el("td", { class: "mono" }, p.key), el("td", {}, fmt.bytes(p.bytes))));
    view.replaceChildren(
      el("dl", {}, ...facts.flatMap(([name, value]) => [el("dt", {}, name), el("dd", {}, String(value))])),
      el("table", { "aria-label": "Pages" }, el("caption", {}, "pages"), el("thead", {}, el("tr", {}, el("th", {}, "page"), el("th", {}, "state"), el("th", {}, "sockets"))), el("tbody", {}, ...pages)),
      el("table", { "aria-label": "Persisted keys" }, el("caption", {}, k.persisted ? `persisted keys (${fmt.bytes(k.persisted.total_bytes)})` : "no state backend"),
        el("thead", {}, el("tr", {}, el("th", {}, "key"), el("th", {}, "size"))), el("tbody", {}, ...keys)),
    );
  }

  // ---- polling ---------------------------------------------------------------------------------

  function setStatus(text, cls) {
    const pill = $("status");
    pill.textContent = text;
    pill.className = `pill ${cls}`;
  }

  async function poll() {
    state.timer = null;
    if (document.hidden || state.inFlight) return;
    state.inFlight = true;
    try {
      const response = await fetch(`/dashboard/data?since=${state.seq}`, { credentials: "same-origin", cache: "no-store" });
      if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
      const data = await response.json();
      if (data.seq < state.seq) state.points = []; // the gateway restarted
      state.seq = data.seq;
      state.points.push(...data.points);
      const horizon = data.now - WINDOW_MS - 60000;
      while (state.points.length && state.points[0].t < horizon) state.points.shift();
      state.last = data;
      state.errors = 0;
      drawCluster(data);
      drawTraffic(data);
      drawPersistence(data);
      drawRedis(data);
      drawKernels(data);
      $("updated").textContent = `updated ${fmt.time(data.now)}${data.errors?.length ? " — " + data.errors.join("; ") : ""}`;
      setStatus("live", "live");
    } catch (e) {
      state.errors++;
      setStatus(`error: ${e.message}`, "error");
    } finally {
      state.inFlight = false;
      schedule();
    }
  }

  function schedule() {
    if (state.timer !== null || document.hidden) return;
    state.timer = setTimeout(poll, state.errors ? Math.min(POLL_MS * 2 ** state.errors, 15000) : POLL_MS);
  }

  document.addEventListener("visibilitychange", () => {
    if (document.hidden) {
      if (state.timer !== null) clearTimeout(state.timer);
      state.timer = null;
      setStatus("paused (tab hidden)", "paused");
    } else {
      poll();
    }
  });

  $("inspect-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const id = $("kernel-id").value.trim();
    if (id) inspect(id);
  });

  poll();
})();

// ZepixHealth.Monitoring dashboard: polls the JSON API once per cycle and redraws the table and the
// summary without a reload. Text goes in with textContent only, so plugin text can never become markup.
(function () {
  "use strict";
  var body = document.body;
  var prefix = body.getAttribute("data-prefix") || "";
  var refresh = parseInt(body.getAttribute("data-refresh"), 10) || 30000;
  var page = body.getAttribute("data-page");
  var rows = null;
  var sortKey = "rank";
  var sortDir = 1;

  function num(v) { return v === null || v === undefined ? "\u2013" : (v >= 100 ? v.toFixed(0) : String(Math.round(v * 10) / 10)); }
  function age(s) {
    if (s === null || s === undefined) { return "\u2013"; }
    if (s < 60) { return s.toFixed(0) + " s"; }
    if (s < 3600) { return (s / 60).toFixed(0) + " min"; }
    if (s < 86400) { return String(Math.round(s / 360) / 10) + " h"; }
    return String(Math.round(s / 8640) / 10) + " d";
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }
  function badge(row) {
    var b = el("span", "badge status-" + row.status.toLowerCase());
    var icon = el("span", "icon", row.icon);
    icon.setAttribute("aria-hidden", "true");
    b.appendChild(icon);
    b.appendChild(document.createTextNode(" "));
    b.appendChild(el("span", "word", row.status));
    return b;
  }
  function compare(a, b) {
    var x = a[sortKey], y = b[sortKey];
    if (x === y) { return a.rank - b.rank || (a.id < b.id ? -1 : 1); }
    if (x === null || x === undefined) { return 1; }
    if (y === null || y === undefined) { return -1; }
    return (x < y ? -1 : 1) * sortDir;
  }
  function renderRow(row) {
    var tr = el("tr", "status-" + row.status.toLowerCase());
    tr.setAttribute("data-id", row.id);
    var status = el("td"); status.appendChild(badge(row)); tr.appendChild(status);
    var name = el("td");
    var link = el("a", "plugin", row.id);
    link.href = prefix + "/plugins/" + encodeURIComponent(row.id);
    name.appendChild(link);
    if (row.reason) { name.appendChild(el("div", "reason", row.reason)); }
    tr.appendChild(name);
    [age(row.uptimeSeconds), num(row.p95Ms), num(row.p99Ms), num(row.errorRatePct), num(row.memoryMb), num(row.cpuPct),
      num(row.signals1h), num(row.orders1h), age(row.lastActivityAgeSeconds), String(row.openAlerts)]
      .forEach(function (text) { tr.appendChild(el("td", null, text)); });
    return tr;
  }
  function renderTable() {
    var tbody = document.querySelector("#plugins tbody");
    if (!tbody || !rows) { return; }
    var sorted = rows.slice().sort(compare);
    var fresh = document.createElement("tbody");
    sorted.forEach(function (row) { fresh.appendChild(renderRow(row)); });
    tbody.parentNode.replaceChild(fresh, tbody);
    var empty = document.getElementById("no-plugins");
    if (empty && rows.length > 0) { empty.hidden = true; }
  }
  function renderSummary(data) {
    Object.keys(data.counts).forEach(function (status) {
      var b = document.querySelector("[data-count='" + status + "']");
      if (b) { b.textContent = String(data.counts[status]); }
    });
    var open = document.getElementById("open-alerts");
    if (open) { open.textContent = String(data.openAlerts); }
    var dataAge = document.getElementById("data-age");
    if (dataAge) { dataAge.textContent = age(data.dataAgeSeconds); }
    var chip = document.getElementById("data-age-chip");
    if (chip) { chip.classList.toggle("stalled", data.monitorStalled); }
    var banner = document.getElementById("stalled");
    if (banner) {
      banner.hidden = !data.monitorStalled;
      document.getElementById("stalled-age").textContent = age(data.dataAgeSeconds);
    }
  }
  function renderPluginStatus(data) {
    var id = body.getAttribute("data-plugin");
    var current = document.getElementById("plugin-status");
    var row = data.plugins.filter(function (r) { return r.id === id; })[0];
    if (!current || !row) { return; }
    var fresh = badge(row);
    fresh.id = "plugin-status";
    current.parentNode.replaceChild(fresh, current);
  }
  function poll() {
    fetch(prefix + "/api/plugins", { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (!data) { return; }
        if (page === "overview") { rows = data.plugins; renderSummary(data); renderTable(); }
        if (page === "plugin") { renderPluginStatus(data); }
        body.setAttribute("data-updated", data.generatedAt);
      })
      .catch(function () { /* the next poll tries again */ })
      .then(function () { window.setTimeout(poll, refresh); });
  }
  document.querySelectorAll("#plugins th button[data-sort]").forEach(function (button) {
    button.setAttribute("aria-sort", "none");
    button.addEventListener("click", function () {
      var key = button.getAttribute("data-sort");
      sortDir = key === sortKey ? -sortDir : 1;
      sortKey = key;
      renderTable();
    });
  });
  poll();
}());

// ZepixHealth.Monitoring dashboard: polls the JSON API once per cycle and redraws the plugin table, the
// summary and the alert tables (when the alerts changed) without a reload. Text goes in with textContent only, so plugin text can never become markup.
(function () {
  "use strict";
  var body = document.body;
  var prefix = body.getAttribute("data-prefix") || "";
  var refresh = parseInt(body.getAttribute("data-refresh"), 10) || 30000;
  var page = body.getAttribute("data-page");
  var rows = null;
  var sortKey = "rank";
  var sortDir = 1;
  var tokenField = body.getAttribute("data-token-field") || "";
  var token = body.getAttribute("data-token") || "";
  var pluginId = body.getAttribute("data-plugin");
  var alertsSeen = null;

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
  function time(iso) { return iso ? new Date(iso).toISOString().substring(0, 19).replace("T", " ") + " UTC" : "\u2013"; }
  function hidden(name, value) {
    var input = document.createElement("input");
    input.type = "hidden";
    input.name = name;
    input.value = value;
    return input;
  }
  function actionForm(alert, action) {
    var form = document.createElement("form");
    form.method = "post";
    form.action = prefix + "/alerts/" + encodeURIComponent(alert.id) + "/" + action;
    form.appendChild(hidden(tokenField, token));
    if (pluginId) { form.appendChild(hidden("plugin", pluginId)); }
    return form;
  }
  function submit(text, cls, duration) {
    var button = el("button", cls, text);
    button.type = "submit";
    if (duration) { button.name = "duration"; button.value = duration; }
    return button;
  }
  function renderAlertRow(alert, actions) {
    var tr = el("tr");
    tr.setAttribute("data-alert", alert.id);
    tr.appendChild(el("td", "level-" + String(alert.level).toLowerCase(), alert.level));
    [alert.pluginId, alert.ruleId, alert.message, time(alert.raisedAt)].forEach(function (text) { tr.appendChild(el("td", null, text)); });
    var state = el("td", "state", alert.state === "Resolved" ? "Resolved " + time(alert.resolvedAt) : "Firing");
    if (alert.acknowledgedBy) { state.appendChild(document.createTextNode(" ")); state.appendChild(el("span", "ack", "Acknowledged by " + alert.acknowledgedBy)); }
    if (alert.silencedBy) { state.appendChild(document.createTextNode(" ")); state.appendChild(el("span", "silenced", "Silenced")); }
    tr.appendChild(state);
    if (actions) {
      var cell = el("td", "actions");
      if (!alert.acknowledgedBy) {
        var ack = actionForm(alert, "acknowledge");
        ack.appendChild(submit("Acknowledge", "ack-button"));
        cell.appendChild(ack);
      }
      var silence = actionForm(alert, "silence");
      silence.appendChild(submit("Silence 1 h", null, "1h"));
      silence.appendChild(submit("Silence 4 h", null, "4h"));
      silence.appendChild(submit("Silence until resolved", null, "resolved"));
      cell.appendChild(silence);
      tr.appendChild(cell);
    }
    return tr;
  }
  function renderAlertList(id, alerts, limited) {
    var box = document.getElementById(id);
    if (!box) { return; }
    var actions = box.getAttribute("data-actions") === "true";
    var list = alerts.filter(function (a) { return !pluginId || a.pluginId === pluginId; });
    if (limited) { list = list.slice(0, parseInt(box.getAttribute("data-limit"), 10) || 50); }
    var fresh = document.createElement("div");
    if (list.length === 0) {
      fresh.appendChild(el("p", "empty", "None."));
    } else {
      var table = el("table", "grid alerts");
      var head = el("tr");
      ["Level", "Plugin", "Rule", "Message", "Raised", "State"].concat(actions ? ["Actions"] : [])
        .forEach(function (text) { head.appendChild(el("th", null, text)); });
      table.appendChild(el("thead")).appendChild(head);
      var tbody = el("tbody");
      list.forEach(function (alert) { tbody.appendChild(renderAlertRow(alert, actions)); });
      table.appendChild(tbody);
      fresh.appendChild(table);
    }
    box.replaceChildren.apply(box, Array.prototype.slice.call(fresh.childNodes));
  }
  function renderAlerts(text) {
    // Redrawn only when they changed, so that a button is not replaced under the operator's pointer.
    if (text === alertsSeen) { return; }
    alertsSeen = text;
    var data = JSON.parse(text);
    renderAlertList("open-alert-list", data.open, false);
    renderAlertList("alert-history", data.recent, true);
  }
  function get(path) {
    return fetch(prefix + path, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (r) { return r.ok ? r.text() : null; });
  }
  function poll() {
    Promise.all([get("/api/plugins"), get("/api/alerts")])
      .then(function (texts) {
        if (texts[1] !== null) { renderAlerts(texts[1]); }
        if (texts[0] === null) { return; }
        var data = JSON.parse(texts[0]);
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
      document.querySelectorAll("#plugins th button[data-sort]").forEach(function (other) { other.setAttribute("aria-sort", "none"); });
      button.setAttribute("aria-sort", sortDir > 0 ? "ascending" : "descending");
      renderTable();
    });
  });
  poll();
}());

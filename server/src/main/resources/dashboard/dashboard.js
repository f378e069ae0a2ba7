/* NextOps memory dashboard: polls /admin/memory/data/ and draws it. No build step; uPlot is loaded before this file.
 * The page reports its own state on <body>: data-status="ok" once the charts have drawn data ("error: ..." on any
 * error, "signin" while it waits for credentials) and data-points = the samples drawn; the headless check reads them. */
(function () {
  "use strict";
  var DATA = "/admin/memory/data/";
  var POLL_MS = 3000;
  var TOKEN_KEY = "nextops.dashboard.token";
  var body = document.body;
  var charts = {};
  var timer = null;

  function fail(message) {
    body.dataset.status = "error: " + message;
  }
  window.addEventListener("error", function (e) { fail(e.message || "script error"); });
  window.addEventListener("unhandledrejection", function (e) { fail(String(e.reason)); });

  function $(id) { return document.getElementById(id); }

  function mb(v) {
    if (v === null || v === undefined) { return "–"; }
    return v >= 10240 ? (v / 1024).toFixed(1) + " GB" : v.toFixed(1) + " MB";
  }

  function duration(seconds) {
    var s = Math.round(seconds);
    if (s < 60) { return s + " s"; }
    if (s < 3600) { return Math.floor(s / 60) + " min " + (s % 60) + " s"; }
    return Math.floor(s / 3600) + " h " + Math.floor((s % 3600) / 60) + " min";
  }

  function clear(el) {
    while (el.firstChild) { el.removeChild(el.firstChild); }
  }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }

  function definitions(target, pairs) {
    clear(target);
    pairs.forEach(function (p) {
      target.appendChild(el("dt", p[0]));
      target.appendChild(el("dd", p[1]));
    });
  }

  function rows(tbody, items, cells, empty) {
    clear(tbody);
    if (items.length === 0) {
      var td = el("td", empty, "muted");
      td.colSpan = tbody.parentNode.querySelectorAll("th").length;
      tbody.appendChild(el("tr")).appendChild(td);
      return;
    }
    items.forEach(function (item) {
      var tr = el("tr");
      cells(item).forEach(function (c) {
        tr.appendChild(c instanceof Node ? wrap(c) : el("td", c));
      });
      tbody.appendChild(tr);
    });
  }

  function wrap(node) {
    var td = el("td");
    td.appendChild(node);
    return td;
  }

  // --- credentials: an admin's access token or a pasted token, kept for this tab only (sessionStorage) -----------
  function token() { return sessionStorage.getItem(TOKEN_KEY); }

  function showSignin(reason) {
    body.dataset.status = "signin";
    $("signin").hidden = false;
    $("main").hidden = true;
    $("signout").hidden = true;
    $("signin-error").textContent = reason || "";
    stop();
  }

  function signedIn(t) {
    if (t) { sessionStorage.setItem(TOKEN_KEY, t); }
    $("signin").hidden = true;
    $("main").hidden = false;
    $("signin-error").textContent = "";
    start();
  }

  $("login").addEventListener("submit", function (e) {
    e.preventDefault();
    var form = e.target;
    fetch("/api/token/", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ username: form.username.value, password: form.password.value })
    }).then(function (r) {
      return r.json().then(function (j) {
        if (!r.ok) { throw new Error(j.message || j.detail || ("HTTP " + r.status)); }
        form.password.value = "";
        signedIn(j.access);
      });
    }).catch(function (err) { $("signin-error").textContent = err.message; });
  });

  $("tokenform").addEventListener("submit", function (e) {
    e.preventDefault();
    var t = e.target.token.value.trim();
    e.target.token.value = "";
    signedIn(t);
  });

  $("signout").addEventListener("click", function () {
    sessionStorage.removeItem(TOKEN_KEY);
    showSignin("Signed out.");
  });

  // --- polling -------------------------------------------------------------------------------------------------
  function start() {
    stop();
    poll();
    timer = setInterval(poll, POLL_MS);
  }

  function stop() {
    if (timer !== null) { clearInterval(timer); timer = null; }
  }

  function poll() {
    var headers = { "Accept": "application/json" };
    var t = token();
    if (t) { headers.Authorization = "Bearer " + t; }
    fetch(DATA, { headers: headers, cache: "no-store" }).then(function (r) {
      if (r.status === 401 || r.status === 403) {
        if (t) { sessionStorage.removeItem(TOKEN_KEY); }
        return r.json().then(function (j) { showSignin(t ? j.message : ""); });
      }
      if (!r.ok) { throw new Error("HTTP " + r.status + " from " + DATA); }
      return r.json().then(render);
    }).catch(function (err) {
      $("updated").textContent = "update failed: " + err.message;
      fail(err.message);
    });
  }

  // --- rendering -----------------------------------------------------------------------------------------------
  function render(d) {
    $("signout").hidden = !token();
    var pill = $("status");
    pill.textContent = d.status;
    pill.className = "pill " + d.status.toLowerCase();
    $("updated").textContent = "updated " + new Date(d.generatedAt).toLocaleTimeString();

    var b = d.budget, x = b.derived;
    var budgetRows = [["budget", b.mb === null ? "none" : b.mb + " MB"], ["source", b.source]];
    if (x) {
      budgetRows.push(["heap (-Xmx)", x.heapMb + " MB"], ["metaspace", x.metaspaceMb + " MB"],
        ["code cache", x.codeCacheMb + " MB"], ["direct", x.directMemoryMb + " MB"],
        ["heavy jobs", x.heavyJobs + " at once"], ["heavy memory", x.heavyMemoryMb + " MB"], ["GC", x.gc]);
    }
    definitions($("budget"), budgetRows);

    var c = d.current;
    definitions($("current"), [["RSS", mb(c.rssMb)], ["heap used", mb(c.heapUsedMb) + " of " + mb(c.heapMaxMb)],
      ["heap committed", mb(c.heapCommittedMb)], ["metaspace", mb(c.metaspaceMb)], ["non-heap", mb(c.nonHeapMb)],
      ["direct buffers", mb(c.directMb)], ["threads", c.threads], ["GCs", c.gcCount]]);

    var th = d.thresholds;
    definitions($("thresholds"), [["basis", th.basis === "budget" ? "share of the budget" : "absolute MB"],
      ["GOOD from", mb(th.goodFromMb)], ["WARNING from", mb(th.warningFromMb)],
      ["CRITICAL from", mb(th.criticalFromMb)]]);

    var leak = $("leak");
    leak.textContent = d.leakTrend.verdict === "rising" ? "RSS rising" : "steady";
    leak.className = "verdict " + d.leakTrend.verdict;
    $("leak-detail").textContent = d.leakTrend.message;

    drawCharts(d);

    rows($("lanes"), d.lanes, function (l) {
      var rejected = Object.keys(l.rejected).filter(function (k) { return l.rejected[k] > 0; })
        .map(function (k) { return k.replace(/_/g, " ") + " " + l.rejected[k]; });
      return [l.name, l.workers, l.busy, l.queued + " / " + l.queue_capacity, l.waiting_for_memory,
        l.capacity_bytes > 0 ? mb(l.reserved_bytes / 1048576) + " of " + mb(l.capacity_bytes / 1048576) : "–",
        l.completed, rejected.length ? rejected.join(", ") : "0"];
    }, "lanes not started");

    rows($("jobs"), d.heavyJobs, function (j) {
      return [j.method + " " + j.route, new Date(j.since).toLocaleTimeString(), duration(j.elapsedSeconds),
        mb(j.reservedMb)];
    }, "no heavy job running");

    rows($("exports"), d.exports, function (e) {
      var bar = el("progress");
      bar.max = Math.max(e.totalRows, 1);
      bar.value = Math.min(e.rows, bar.max);
      return [e.file, e.rows + " of " + e.totalRows, bar, mb(e.mb), duration(e.elapsedSeconds)];
    }, "no export running");

    var advice = $("advice");
    clear(advice);
    d.recommendations.forEach(function (r) { advice.appendChild(el("li", r)); });
    $("advice-card").hidden = d.recommendations.length === 0;

    var points = d.history.t.length;
    body.dataset.points = String(points);
    body.dataset.status = points > 0 ? "ok" : "waiting for the first sample";
  }

  function constant(n, v) {
    var a = new Array(n);
    for (var i = 0; i < n; i++) { a[i] = v; }
    return a;
  }

  function drawCharts(d) {
    var h = d.history, n = h.t.length, th = d.thresholds;
    chart("rss", [h.t, h.rssMb, constant(n, th.warningFromMb), constant(n, th.criticalFromMb)], [
      { label: "RSS", stroke: "#2563eb", fill: "rgba(37,99,235,0.10)", width: 2 },
      { label: "WARNING", stroke: "#d97706", dash: [6, 4], width: 1 },
      { label: "CRITICAL", stroke: "#dc2626", dash: [6, 4], width: 1 }]);
    chart("heap", [h.t, h.heapUsedMb, h.heapCommittedMb], [
      { label: "used", stroke: "#059669", fill: "rgba(5,150,105,0.10)", width: 2 },
      { label: "committed", stroke: "#6b7280", width: 1 }]);
    chart("nonheap", [h.t, h.nonHeapMb], [
      { label: "non-heap", stroke: "#7c3aed", fill: "rgba(124,58,237,0.10)", width: 2 }]);
  }

  function chartWidth(name) {
    return Math.max(280, $("chart-" + name).clientWidth);
  }

  // the legend shows the newest sample unless the cursor points at another
  function showLatest(u) {
    var n = u.data[0].length;
    if (n > 0 && (u.cursor.left === undefined || u.cursor.left === null || u.cursor.left < 0)) {
      u.setLegend({ idx: n - 1 });
    }
  }

  function chart(name, data, series) {
    if (charts[name]) {
      charts[name].setData(data);
      showLatest(charts[name]);
      return;
    }
    series.forEach(function (s) { s.value = function (u, v) { return mb(v); }; });
    charts[name] = new uPlot({
      width: chartWidth(name),
      height: 200,
      series: [{}].concat(series),
      scales: { y: { range: function (u, min, max) { return [0, Math.max(max * 1.1, 1)]; } } },
      axes: [{}, { size: 60, values: function (u, vals) { return vals.map(function (v) { return v + " MB"; }); } }],
      legend: { live: true },
      hooks: { setCursor: [function (u) { if (u.cursor.idx === null) { showLatest(u); } }] }
    }, data, $("chart-" + name));
    showLatest(charts[name]);
  }

  window.addEventListener("resize", function () {
    Object.keys(charts).forEach(function (name) {
      charts[name].setSize({ width: chartWidth(name), height: 200 });
    });
  });

  start();
}());

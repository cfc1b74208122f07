// Rhythm room: the participant's phone page. Talks to the facilitator's
// laptop over one WebSocket; the laptop is the single authority, this page
// only shows the view it is sent and asks for changes. No framework, no
// network fetches beyond the room itself.
(function () {
  "use strict";

  var QUESTIONS = [
    ["Output", "Output", "standardized, repeatable", "unique, bespoke"],
    ["Process", "Process", "known, linear", "emergent, iterative"],
    ["PrimaryMetric", "Primary metric", "efficiency", "effectiveness, impact"],
    ["Individual", "Role of the individual", "specialist executing", "interpreter, unique voice"]
  ];
  var SETS = [["AsItIs", "as_is", "The work as it is"], ["AsRun", "as_run", "How we run it now"]];
  var AUTOMATION = [
    "Is the outcome subjective or quality-sensitive to human judgment?",
    "Are the inputs and pathways highly variable or unpredictable?",
    "Is the procedure repetitive, with clearly definable rules and decision points?",
    "Is consistency and elimination of human error the primary success metric?"
  ];
  var TABS = ["autopsy", "pain_points", "typology", "scoring", "vote"];

  var S = {
    token: null, key: null, ws: null, view: null, seq: 0, me: null,
    outbox: {}, tab: "autopsy", focus: null, pendingName: null,
    task: null, retry: 0, timer: null, final: false, opened: false, failed: 0
  };

  function $(id) { return document.getElementById(id); }
  function store(k, v) { try { if (v === null) localStorage.removeItem(k); else localStorage.setItem(k, v); } catch (e) { /* private mode */ } }
  function load(k) { try { return localStorage.getItem(k); } catch (e) { return null; } }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function show(screen) {
    ["code", "join", "wait", "gone", "room"].forEach(function (s) { $("screen-" + s).hidden = s !== screen; });
    $("tabs").hidden = screen !== "room";
  }
  function status(text, bad) {
    var s = $("status");
    s.textContent = text;
    s.classList.toggle("bad", !!bad);
  }
  var toastTimer = null;
  function toast(text, bad) {
    var t = $("toast");
    t.textContent = text;
    t.classList.toggle("bad", !!bad);
    t.hidden = false;
    clearTimeout(toastTimer);
    toastTimer = setTimeout(function () { t.hidden = true; }, bad ? 6000 : 2500);
  }

  $("toast").addEventListener("click", function () { $("toast").hidden = true; });

  // ---- The room key: from the QR code's URL (#key), or from the code. ----
  function start() {
    var fromHash = location.hash.replace(/^#/, "");
    if (/^[0-9a-f]{32}$/.test(fromHash)) {
      S.token = fromHash;
      store("rhythm-room", fromHash);
    } else {
      S.token = load("rhythm-room");
      if (S.token && !location.hash) history.replaceState(null, "", "#" + S.token);
    }
    if (!S.token) {
      status("Not connected");
      show("code");
      return;
    }
    S.key = load("rhythm-key:" + S.token);
    restoreOutbox();
    connect();
  }

  $("code-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var code = $("code-input").value;
    var req = new XMLHttpRequest();
    req.open("POST", "/code");
    req.setRequestHeader("Content-Type", "application/json");
    req.onload = function () {
      var body = {};
      try { body = JSON.parse(req.responseText); } catch (e) { body = {}; }
      if (req.status === 200 && body.room) {
        S.token = body.room;
        store("rhythm-room", S.token);
        history.replaceState(null, "", "#" + S.token);
        S.key = load("rhythm-key:" + S.token);
        connect();
      } else {
        toast(body.error || "That code did not work.", true);
      }
    };
    req.onerror = function () { toast("Cannot reach the room: are you on the same Wi-Fi?", true); };
    req.send(JSON.stringify({ code: code }));
  });

  // ---- The connection. ----
  function connect() {
    if (S.ws) return;
    status("Connecting…");
    var proto = location.protocol === "https:" ? "wss://" : "ws://";
    var ws = new WebSocket(proto + location.host + "/ws?room=" + encodeURIComponent(S.token));
    S.ws = ws;
    ws.onopen = function () {
      S.retry = 0;
      S.opened = true;
      S.failed = 0;
      status("Connected");
      if (S.key) {
        send({ type: "rejoin", key: S.key });
      } else if (S.pendingName) {
        send({ type: "join", name: S.pendingName });
      } else {
        show("join");
        $("join-name").focus();
      }
    };
    ws.onmessage = function (ev) {
      var msg;
      try { msg = JSON.parse(ev.data); } catch (e) { return; }
      receive(msg);
    };
    ws.onclose = function () {
      var neverOpened = !S.opened;
      S.ws = null;
      S.opened = false;
      if (S.final) return;
      // Refused three times in a row before opening: the room key is
      // wrong or the room is gone (an old QR code, a closed room).
      if (neverOpened && ++S.failed >= 3) {
        S.failed = 0;
        store("rhythm-room", null);
        S.token = null;
        history.replaceState(null, "", location.pathname);
        status("Not connected", true);
        show("code");
        toast("This room is closed or has changed: type the code on the screen, or scan the new QR code.", true);
        return;
      }
      status("Reconnecting…", true);
      var wait = Math.min(10000, 1000 * Math.pow(2, S.retry++));
      clearTimeout(S.timer);
      S.timer = setTimeout(connect, wait);
    };
  }
  function send(msg) {
    if (S.ws && S.ws.readyState === 1) { S.ws.send(JSON.stringify(msg)); return true; }
    return false;
  }

  // Every change is an operation with a number kept across reloads, so a
  // message sent again after a dropped connection is applied once.
  function nextOp() {
    var k = "rhythm-op:" + S.token;
    var n = parseInt(load(k) || "0", 10) + 1;
    if (!(n > 0) || n > 9007199254740000) n = 1;
    store(k, String(n));
    return n;
  }
  function saveOutbox() { store("rhythm-outbox:" + S.token, JSON.stringify(S.outbox)); }
  function restoreOutbox() {
    try { S.outbox = JSON.parse(load("rhythm-outbox:" + S.token) || "{}") || {}; } catch (e) { S.outbox = {}; }
  }
  function act(body) {
    var op = nextOp();
    S.outbox[op] = body;
    saveOutbox();
    if (!send({ type: "act", op: op, act: body })) status("Saved on the phone: sending when back…", true);
    return op;
  }
  function flushOutbox() {
    Object.keys(S.outbox).map(Number).sort(function (a, b) { return a - b; }).forEach(function (op) {
      send({ type: "act", op: op, act: S.outbox[op] });
    });
  }

  function receive(msg) {
    switch (msg.type) {
      case "welcome":
        S.key = msg.key;
        store("rhythm-key:" + S.token, S.key);
        S.me = msg.participant;
        S.view = msg.view;
        S.seq = msg.seq;
        S.pendingName = null;
        show("room");
        render(true);
        flushOutbox();
        break;
      case "delta":
        if (!S.view || msg.seq !== S.seq + 1) { send({ type: "resync" }); return; }
        applyDelta(msg);
        S.seq = msg.seq;
        render(false);
        break;
      case "ack":
        delete S.outbox[msg.op];
        saveOutbox();
        status("Saved ✓");
        break;
      case "refused":
        delete S.outbox[msg.op];
        saveOutbox();
        toast("Not taken: " + msg.error, true);
        break;
      case "waiting":
        $("wait-text").textContent = msg.reason;
        show("wait");
        status("Waiting to be let in…");
        break;
      case "error":
        toast(msg.error, true);
        if (!S.view) { S.pendingName = null; show("join"); }
        break;
      case "closed":
        if (msg["final"]) {
          S.final = true;
          store("rhythm-key:" + S.token, null);
          S.key = null;
          S.outbox = {};
          saveOutbox();
          $("gone-title").textContent = "You are out of the room";
          $("gone-text").textContent = msg.reason;
          show("gone");
          status("Disconnected", true);
        } else {
          toast(msg.reason, true);
        }
        break;
      default:
        break;
    }
  }

  function applyDelta(msg) {
    var v = S.view;
    Object.keys(msg.set || {}).forEach(function (name) {
      var list = v[name] || (v[name] = []);
      msg.set[name].forEach(function (item) {
        var i = list.findIndex(function (x) { return x.id === item.id; });
        if (i >= 0) list[i] = item; else list.push(item);
      });
      list.sort(function (a, b) { return a.id - b.id; });
    });
    Object.keys(msg.del || {}).forEach(function (name) {
      var gone = msg.del[name];
      v[name] = (v[name] || []).filter(function (x) { return gone.indexOf(x.id) < 0; });
    });
    Object.keys(msg.put || {}).forEach(function (name) { v[name] = msg.put[name]; });
  }

  $("join-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var name = $("join-name").value.trim();
    if (!name) return;
    S.pendingName = name;
    if (!send({ type: "join", name: name })) connect();
  });
  $("gone-again").addEventListener("click", function () {
    S.final = false;
    S.key = null;
    if (S.token) { show("join"); connect(); } else { show("code"); }
  });

  // ---- Rendering. ----
  function toolName(id) {
    var t = (S.view.tools || []).find(function (x) { return x.id === id; });
    return t ? t.name : "a removed tool";
  }
  function flowName(f) {
    return toolName(f.from) + " → " + toolName(f.to) + (f.label ? " (" + f.label + ")" : "");
  }

  function render(first) {
    var v = S.view;
    if (!v) return;
    var me = v.me || {};
    var who = $("who");
    who.hidden = !me.name;
    who.textContent = me.name || "";
    if (me.colour) document.documentElement.style.setProperty("--me", me.colour);
    var room = v.room || {};
    var focus = room.focus || null;
    if (first || focus !== S.focus) {
      S.focus = focus;
      if (focus) S.tab = focus;
      else if (first && v.vote) S.tab = "vote";
    }
    Array.prototype.forEach.call(document.querySelectorAll("#tabs button"), function (b) {
      var t = b.getAttribute("data-tab");
      b.classList.toggle("now", t === focus);
      if (t === S.tab) b.setAttribute("aria-current", "page"); else b.removeAttribute("aria-current");
      if (t === "vote") b.textContent = v.vote ? "Vote ●" : "Vote";
    });
    ["autopsy", "pain_points", "typology", "hybrid_score", "scoring", "vote", "none"].forEach(function (p) {
      $("pane-" + p).hidden = true;
    });
    var pane = S.tab === "vote" && !v.vote ? "none" : S.tab;
    $("pane-" + pane).hidden = false;
    renderAutopsy();
    renderPains();
    renderTasks();
    renderScores();
    renderVote();
  }

  function fillSelect(sel, options, keep) {
    var old = sel.value;
    clear(sel);
    options.forEach(function (o) {
      var opt = el("option", null, o[1]);
      opt.value = o[0];
      sel.appendChild(opt);
    });
    if (keep && options.some(function (o) { return o[0] === old; })) sel.value = old;
  }

  function renderAutopsy() {
    var v = S.view;
    var tools = (v.tools || []).map(function (t) { return [String(t.id), t.name || "(unnamed)"]; });
    fillSelect($("flow-from"), tools, true);
    fillSelect($("flow-to"), tools, true);
    // A flow needs two tools: start "to" on another tool than "from".
    if ($("flow-to").value === $("flow-from").value && tools.length > 1) {
      $("flow-to").value = tools[1][0] === $("flow-from").value ? tools[0][0] : tools[1][0];
    }
    var list = $("tool-list");
    clear(list);
    (v.tools || []).forEach(function (t) {
      var li = el("li");
      li.appendChild(el("span", "grow", t.name || "(unnamed)"));
      if (t.author === S.me) li.appendChild(el("span", "tag mine", "yours"));
      list.appendChild(li);
    });
    if (!(v.tools || []).length) list.appendChild(el("li", "muted", "No tools yet: propose the first."));
    var flows = $("flow-list");
    clear(flows);
    (v.flows || []).forEach(function (f) {
      var li = el("li");
      li.appendChild(el("span", "grow", flowName(f)));
      if (f.shadow) li.appendChild(el("span", "tag shadow", "shadow" + (f.share !== null && f.share !== undefined ? " " + f.share + " %" : "")));
      flows.appendChild(li);
    });
  }

  function renderPains() {
    var v = S.view;
    var on = [["", "Free-standing"]];
    (v.tools || []).forEach(function (t) { on.push(["tool:" + t.id, "Tool: " + (t.name || "(unnamed)")]); });
    (v.flows || []).forEach(function (f) { on.push(["flow:" + f.id, "Flow: " + flowName(f)]); });
    fillSelect($("pain-on"), on, true);
    var mine = $("my-pains");
    var others = $("room-pains");
    clear(mine);
    clear(others);
    (v.pains || []).forEach(function (p) {
      var li = el("li");
      li.appendChild(el("span", "grow", (p.category === "Jam" ? "≈ " : "■ ") + p.text));
      if (p.hours !== null && p.hours !== undefined) li.appendChild(el("span", "tag", p.hours + " h/week"));
      if (p.hidden) li.appendChild(el("span", "tag hidden-note", "hidden until revealed"));
      (p.author === S.me ? mine : others).appendChild(li);
    });
    if (!mine.firstChild) mine.appendChild(el("li", "muted", "Nothing written yet."));
    if (!others.firstChild) others.appendChild(el("li", "muted", "Nothing revealed yet."));
    var room = v.room || {};
    $("pain-count").textContent = room.hidden_pains
      ? room.hidden_pains + " pain point" + (room.hidden_pains === 1 ? "" : "s") + " written by " +
        room.hidden_writers + (room.hidden_writers === 1 ? " person" : " people") + ", waiting for the reveal."
      : "";
  }

  function renderTasks() {
    var v = S.view;
    var list = $("task-list");
    clear(list);
    (v.tasks || []).forEach(function (t) {
      var li = el("li");
      li.setAttribute("data-task", t.id);
      li.appendChild(el("span", "grow", t.name || "(unnamed)"));
      li.appendChild(el("span", "tag", t.at ? "placed" : "in the tray"));
      var b = el("button", null, "Place");
      b.type = "button";
      b.addEventListener("click", function () { openTask(t.id); });
      li.appendChild(b);
      list.appendChild(li);
    });
    if (!(v.tasks || []).length) list.appendChild(el("li", "muted", "No tasks yet: propose one."));
    renderTaskCard();
  }

  function currentTask() {
    return (S.view.tasks || []).find(function (t) { return t.id === S.task; }) || null;
  }
  function openTask(id) {
    S.task = id;
    renderTaskCard();
    $("task-card").scrollIntoView({ block: "start" });
  }
  function renderTaskCard() {
    var t = currentTask();
    $("task-card").hidden = !t;
    if (!t) return;
    $("task-card-title").textContent = t.name || "(unnamed)";
    if (!dragging) placeDot(t.at);
    var ol = $("automation");
    clear(ol);
    AUTOMATION.forEach(function (q, i) {
      var li = el("li");
      li.appendChild(el("span", null, q));
      var seg = el("div", "segmented");
      [[true, "Yes"], [false, "No"]].forEach(function (a) {
        var b = el("button", null, a[1]);
        b.type = "button";
        b.setAttribute("data-q", i);
        b.setAttribute("aria-pressed", t.answers[i] === a[0] ? "true" : "false");
        b.addEventListener("click", function () {
          var answer = t.answers[i] === a[0] ? null : a[0];
          act({ kind: "answer", task: t.id, question: i, answer: answer });
        });
        seg.appendChild(b);
      });
      li.appendChild(seg);
      ol.appendChild(li);
    });
    Array.prototype.forEach.call(document.querySelectorAll("#unexpected button"), function (b) {
      b.setAttribute("aria-pressed", t.unexpected === b.getAttribute("data-answer") ? "true" : "false");
    });
  }

  // The 2×2 grid: x is predictability (−1 predictable … 1 unpredictable),
  // y is stakes (−1 low … 1 high, up on screen); positions are continuous.
  var dragging = false;
  function placeDot(at) {
    var dot = $("grid-dot");
    if (!at) { dot.hidden = true; return; }
    dot.hidden = false;
    dot.style.left = ((at[0] + 1) / 2 * 100) + "%";
    dot.style.top = ((1 - at[1]) / 2 * 100) + "%";
  }
  function gridAt(ev) {
    var r = $("grid").getBoundingClientRect();
    var x = (ev.clientX - r.left) / r.width * 2 - 1;
    var y = 1 - (ev.clientY - r.top) / r.height * 2;
    function clamp(n) { return Math.max(-1, Math.min(1, n)); }
    return [Math.round(clamp(x) * 1000) / 1000, Math.round(clamp(y) * 1000) / 1000];
  }
  var grid = $("grid");
  grid.addEventListener("pointerdown", function (ev) {
    if (!currentTask()) return;
    dragging = true;
    grid.setPointerCapture(ev.pointerId);
    placeDot(gridAt(ev));
    ev.preventDefault();
  });
  grid.addEventListener("pointermove", function (ev) { if (dragging) placeDot(gridAt(ev)); });
  grid.addEventListener("pointerup", function (ev) {
    if (!dragging) return;
    dragging = false;
    var t = currentTask();
    if (t) act({ kind: "place_task", task: t.id, at: gridAt(ev) });
  });
  grid.addEventListener("pointercancel", function () { dragging = false; renderTaskCard(); });
  $("task-tray").addEventListener("click", function () {
    var t = currentTask();
    if (t) act({ kind: "place_task", task: t.id, at: null });
  });
  $("task-close").addEventListener("click", function () { S.task = null; renderTaskCard(); });
  Array.prototype.forEach.call(document.querySelectorAll("#unexpected button"), function (b) {
    b.addEventListener("click", function () {
      var t = currentTask();
      if (!t) return;
      var a = b.getAttribute("data-answer");
      act({ kind: "unexpected", task: t.id, answer: t.unexpected === a ? null : a });
    });
  });

  function renderScores() {
    var v = S.view;
    var me = v.me || { scores: { as_is: [null, null, null, null], as_run: [null, null, null, null] } };
    var box = $("scores");
    clear(box);
    var done = 0;
    SETS.forEach(function (set) {
      box.appendChild(el("h2", null, set[2]));
      QUESTIONS.forEach(function (q, qi) {
        var value = me.scores[set[1]][qi];
        if (value !== null && value !== undefined) done++;
        var card = el("div", "score");
        card.setAttribute("data-set", set[0]);
        card.setAttribute("data-question", q[0]);
        card.appendChild(el("h3", null, (qi + 1) + ". " + q[1]));
        var poles = el("div", "poles");
        poles.appendChild(el("span", null, "1 Factory: " + q[2]));
        poles.appendChild(el("span", null, "10 Orchestra: " + q[3]));
        card.appendChild(poles);
        var scale = el("div", "scale");
        for (var n = 1; n <= 10; n++) {
          (function (n) {
            var b = el("button", null, n);
            b.type = "button";
            b.setAttribute("data-value", n);
            b.setAttribute("aria-pressed", value === n ? "true" : "false");
            b.setAttribute("aria-label", q[1] + ", " + set[2] + ": " + n);
            b.addEventListener("click", function () {
              act({ kind: "score", set: set[0], question: q[0], value: value === n ? null : n });
            });
            scale.appendChild(b);
          })(n);
        }
        card.appendChild(scale);
        box.appendChild(card);
      });
    });
    var room = v.room || {};
    $("score-progress").textContent = "You have scored " + done + " of 8. In the room, " +
      (room.scored || 0) + " of " + (room.participants || 0) + " have started scoring.";
  }

  function renderVote() {
    var v = S.view;
    var vote = v.vote;
    var list = $("vote-list");
    clear(list);
    if (!vote) return;
    $("vote-question").textContent = vote.question || (vote.on === "tasks" ? "Which tasks matter most?" : "Which pains to tackle first?");
    $("vote-left").textContent = "You have " + vote.left + " of " + vote.dots + " dots left. One dot per note; tap again to take it back.";
    var items = vote.on === "tasks" ? (v.tasks || []).map(function (t) { return [t.id, t.name]; })
      : (v.pains || []).map(function (p) { return [p.id, p.text]; });
    var totals = {};
    (vote.totals || []).forEach(function (pair) { totals[pair[0]] = pair[1]; });
    items.forEach(function (it) {
      var li = el("li");
      li.setAttribute("data-note", it[0]);
      li.appendChild(el("span", "grow", it[1] || "(unnamed)"));
      if (vote.totals) li.appendChild(el("span", "count", (totals[it[0]] || 0) + " ●"));
      var mine = vote.mine.indexOf(it[0]) >= 0;
      var b = el("button", null, mine ? "● My dot" : "○ Dot");
      b.type = "button";
      b.setAttribute("aria-pressed", mine ? "true" : "false");
      b.disabled = !mine && vote.left <= 0;
      b.addEventListener("click", function () { act({ kind: "dot", note: it[0], on: !mine }); });
      li.appendChild(b);
      list.appendChild(li);
    });
  }

  // ---- Forms. ----
  $("tool-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var name = $("tool-name").value.trim();
    if (!name) return;
    act({ kind: "add_tool", name: name });
    $("tool-name").value = "";
    toast("Tool proposed: " + name);
  });
  Array.prototype.forEach.call(document.querySelectorAll("input[name=flow-kind]"), function (r) {
    r.addEventListener("change", function () {
      $("flow-share-row").hidden = document.querySelector("input[name=flow-kind]:checked").value !== "shadow";
    });
  });
  $("flow-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var from = Number($("flow-from").value), to = Number($("flow-to").value);
    if (from === to) { toast("A flow needs two different tools.", true); return; }
    var shadow = document.querySelector("input[name=flow-kind]:checked").value === "shadow";
    var share = $("flow-share").value.trim();
    var body = { kind: "add_flow", from: from, to: to, label: $("flow-label").value.trim(), shadow: shadow };
    if (shadow && share !== "") {
      var n = Number(share);
      if (!(n >= 0 && n <= 100 && Math.round(n) === n)) { toast("The share is a whole number from 0 to 100.", true); return; }
      body.share = n;
    }
    act(body);
    $("flow-label").value = "";
    $("flow-share").value = "";
    toast("Flow proposed.");
  });
  $("pain-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var text = $("pain-text").value.trim();
    if (!text) return;
    var hoursText = $("pain-hours").value.trim().replace(",", ".").replace(/h$/i, "").trim();
    var hours = null;
    if (hoursText !== "") {
      hours = Number(hoursText);
      if (!(hours >= 0 && hours <= 168)) { toast("Hours per week: a number from 0 to 168 (a week has 168 hours).", true); return; }
    }
    var on = $("pain-on").value;
    var body = { kind: "add_pain", text: text, category: document.querySelector("input[name=pain-category]:checked").value, hours: hours };
    if (on.indexOf("tool:") === 0) body.on = { tool: Number(on.slice(5)) };
    if (on.indexOf("flow:") === 0) body.on = { flow: Number(on.slice(5)) };
    act(body);
    $("pain-text").value = "";
    $("pain-hours").value = "";
    toast("Pain point written (hidden until revealed).");
  });
  $("task-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    var name = $("task-name").value.trim();
    if (!name) return;
    act({ kind: "add_task", name: name });
    $("task-name").value = "";
    toast("Task proposed: " + name);
  });
  Array.prototype.forEach.call(document.querySelectorAll("#tabs button"), function (b) {
    b.addEventListener("click", function () {
      S.tab = b.getAttribute("data-tab");
      render(false);
      window.scrollTo(0, 0);
    });
  });
  window.addEventListener("online", function () { if (!S.ws && S.token && !S.final) connect(); });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && !S.ws && S.token && !S.final) { clearTimeout(S.timer); connect(); }
  });

  start();
})();

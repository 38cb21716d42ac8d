// The live explorer's page: sliders -> /api/solve and /api/regime -> bimatrix, equilibria, regime map.
// Plain JavaScript, no library and no network fetch beyond this server. Text from game files is only
// ever inserted as text (textContent), never as HTML.
"use strict";

const SOLVE_DELAY = 40;    // ms of quiet after a slider move before solving (debounce)
const REGIME_DELAY = 150;  // the regime map costs more; wait a little longer
const GRID = 40;           // regime map points per axis

const state = {
  scenario: null,
  game: null,          // the text of an edited game (applied, checked by the server), or null
  info: null,          // /api/model answer
  values: {},          // name -> exact string
  sliders: {},         // name -> slider spec
  axes: [null, null],
  solveSeq: 0,
  regimeSeq: 0,
  regime: null,
  timers: {},
  lastSolveMs: null,   // [server ms, fetch ms, fetch and render ms] of the last solve shown
  solvesShown: 0,
  lastRegimeMs: null,
};

const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else node.setAttribute(k, v);
  }
  for (const c of children) if (c !== null && c !== undefined) node.append(c);
  return node;
}

const SVG = "http://www.w3.org/2000/svg";
function svg(tag, attrs, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  if (text !== undefined) node.textContent = text;
  return node;
}

// ---------------------------------------------------------------------------------------- API

async function api(path, body) {
  const options = body === undefined ? {} : {
    method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(body),
  };
  const started = performance.now();
  const response = await fetch(path, options);
  let data;
  try { data = await response.json(); } catch (e) { data = {error: `bad answer from the server (${response.status})`}; }
  data._roundtrip = performance.now() - started;
  if (!response.ok) {
    const err = new Error(data.error || `HTTP ${response.status}`);
    err.data = data;
    throw err;
  }
  return data;
}

function showError(message) {
  const box = $("error");
  if (message) { box.textContent = message; box.hidden = false; }
  else { box.textContent = ""; box.hidden = true; }
}

// ---------------------------------------------------------------------------------------- values

function sliderValue(spec, position) {
  // the exact string a slider position stands for; the two ends are the file's exact bounds
  if (position <= 0) return spec.min;
  if (position >= spec.positions) return spec.max;
  return (toNumber(spec.min) + position * spec.step).toFixed(spec.decimals);
}

function toNumber(text) {
  const t = String(text).trim();
  if (t.includes("/")) { const [a, b] = t.split("/"); return parseFloat(a) / parseFloat(b); }
  return parseFloat(t);
}

function positionOf(spec, text) {
  const v = toNumber(text);
  if (!isFinite(v) || spec.positions === 0) return 0;
  const lo = toNumber(spec.min);
  return Math.max(0, Math.min(spec.positions, Math.round((v - lo) / spec.step)));
}

function shortText(text) {
  // "3/5" -> "0.6" where the decimal is short; other fractions stay exact
  const t = String(text);
  if (!t.includes("/")) return t;
  const v = toNumber(t);
  const s = String(Math.round(v * 1e6) / 1e6);
  return Math.abs(toNumber(s) - v) < 1e-12 ? s : t;
}

// ---------------------------------------------------------------------------------------- sliders

function buildSliders(info) {
  const box = $("sliders");
  box.replaceChildren();
  state.sliders = {};
  state.values = {};
  if (info.parameters.length === 0) {
    box.append(el("p", {class: "hint", text: "This game has no parameters: its payoffs are fixed numbers."}));
  }
  for (const spec of info.parameters) {
    state.sliders[spec.name] = spec;
    state.values[spec.name] = spec.value;
    const range = el("input", {
      type: "range", id: `s-${spec.name}`, min: "0", max: String(spec.positions), step: "1",
      value: String(positionOf(spec, spec.value)), "aria-label": `${spec.name}: ${spec.label || spec.name}`,
    });
    if (spec.positions === 0) range.disabled = true;
    const input = el("input", {
      class: "pvalue", id: `v-${spec.name}`, value: spec.value_text, "aria-label": `value of ${spec.name}`,
      autocomplete: "off", spellcheck: "false",
    });
    const head = el("div", {class: "param-head"},
      el("label", {for: `s-${spec.name}`},
        el("span", {class: "pname", text: spec.name}),
        spec.label ? el("span", {class: "plabel", text: spec.label}) : null),
      input);
    const slide = el("div", {class: "slide"},
      el("span", {text: spec.min_text}), range, el("span", {text: spec.max_text}));
    const item = el("div", {class: "param", id: `p-${spec.name}`}, head, slide);
    if (spec.label) item.title = `${spec.name}: ${spec.label}`;
    if (spec.note) item.append(el("div", {class: "note", text: spec.note}));
    box.append(item);

    range.addEventListener("input", () => {
      const v = sliderValue(spec, parseInt(range.value, 10));
      input.value = shortText(v);
      input.classList.remove("invalid");
      setValue(spec.name, v);
    });
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") { event.preventDefault(); typed(spec, input, range); }
    });
    input.addEventListener("change", () => typed(spec, input, range));
  }
}

function typed(spec, input, range) {
  const text = input.value.trim();
  if (text === "" || text === state.values[spec.name]) return;
  range.value = String(positionOf(spec, text));
  setValue(spec.name, text);
}

function setValue(name, value) {
  state.values[name] = value;
  const spec = state.sliders[name];
  $(`p-${name}`).classList.toggle("changed", toNumber(value) !== toNumber(spec.value));
  schedule("solve", SOLVE_DELAY, solveNow);
  writeUrl();
  if (state.axes.includes(name)) drawMarker();
  else schedule("regime", REGIME_DELAY, regimeNow);
}

function schedule(name, delay, fn) {
  clearTimeout(state.timers[name]);
  state.timers[name] = setTimeout(fn, delay);
}

// ---------------------------------------------------------------------------------------- the URL
// The page's state lives in its address, a permalink a teacher can hand out:
// ?scenario=baseline.toml&axes=T,a&T=0.9 (only the values that differ from the file's). A parameter
// whose name is one of the page's own keys is written p:NAME.

const URL_KEYS = ["scenario", "axes", "game"];
const urlKey = (name) => (URL_KEYS.includes(name) || name.startsWith("p:") ? `p:${name}` : name);

const which = () => (state.game === null ? {scenario: state.scenario} : {game: state.game});

function toBase64(text) {  // UTF-8 text -> base64url, for the address
  const bytes = new TextEncoder().encode(text);
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64(code) {
  const binary = atob(code.replace(/-/g, "+").replace(/_/g, "/"));
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

function writeUrl() {
  const q = new URLSearchParams();
  q.set("scenario", state.scenario);
  if (state.game !== null) q.set("game", toBase64(state.game));
  if (state.axes[0] && state.info && (state.axes[0] !== state.info.axes[0] || state.axes[1] !== state.info.axes[1])) {
    q.set("axes", state.axes.join(","));
  }
  for (const [name, value] of Object.entries(state.values)) {
    if (value !== state.sliders[name].value) q.set(urlKey(name), value);
  }
  history.replaceState(null, "", `${location.pathname}?${q.toString()}`);
}

function readUrl(info) {
  // the values and axes of the address, applied to the sliders just built; unknown names are ignored
  const q = new URLSearchParams(location.search);
  if (q.get("scenario") !== state.scenario) return;
  if (q.has("game") !== (state.game !== null)) return;
  const names = info.parameters.map((p) => p.name);
  const axes = (q.get("axes") || "").split(",");
  if (axes.length === 2 && axes[0] !== axes[1] && axes.every((a) => names.includes(a))) {
    state.axes = axes;
    $("axis-x").value = axes[0];
    $("axis-y").value = axes[1];
  }
  for (const name of names) {
    const text = q.get(urlKey(name));
    if (text === null || text.trim() === "") continue;
    const spec = state.sliders[name];
    state.values[name] = text.trim();
    $(`s-${name}`).value = String(positionOf(spec, text));
    $(`v-${name}`).value = text.trim();
    $(`p-${name}`).classList.toggle("changed", toNumber(text) !== toNumber(spec.value));
  }
}

// ---------------------------------------------------------------------------------------- solve

async function solveNow() {
  const seq = ++state.solveSeq;
  const started = performance.now();
  try {
    const data = await api("/api/solve", {...which(), values: state.values});
    if (seq !== state.solveSeq) return;  // a newer request is on its way
    showError(null);
    for (const input of document.querySelectorAll(".pvalue")) input.classList.remove("invalid");
    renderGame(data);
    // the server's compute, the fetch (request, compute, answer, JSON) and the fetch with the page rebuilt
    state.lastSolveMs = [data.elapsed_ms, data._roundtrip, performance.now() - started];
    state.solvesShown += 1;
    status();
  } catch (err) {
    if (seq !== state.solveSeq) return;
    showError(err.message);
    const where = err.data && err.data.where;
    if (where && where.startsWith("values.")) {
      const input = $(`v-${where.slice(7)}`);
      if (input) input.classList.add("invalid");
    }
  }
}

function payoffSpan(number, player, best) {
  return el("span", {class: `pay ${player ? "c" : "r"}${best ? " best" : ""}`, text: number.text});
}

function renderTree(data) {
  // a game tree: its subgame-perfect outcomes, and the drawing solve prints with each path of play marked
  $("eq-title").textContent = `${data.headline.charAt(0).toUpperCase()}${data.headline.slice(1)} (exact)`;
  $("selection").textContent = `${data.nash} Nash equilibria of the reduced strategic form; the drawing below says which rest on non-credible threats.`;
  const list = $("equilibria");
  list.replaceChildren();
  for (const o of data.outcomes) {
    const li = el("li", {class: data.outcomes.length === 1 ? "selected" : ""});
    li.append(el("div", {class: "eq-head"}, el("span", {class: "eq-num", text: `${o.number}.`}), o.path));
    if (o.reading) li.append(el("div", {class: "eq-reading", text: o.reading}));
    const pay = el("div", {class: "eq-mix"}, "payoffs ");
    o.payoffs.forEach((p, k) => {
      if (k) pay.append(el("span", {class: "sep", text: ","}));
      pay.append(el("span", {class: `pay ${k ? "c" : "r"}`, text: `${p.player} ${p.text}`}));
    });
    li.append(pay);
    li.append(el("div", {class: "labels", text: o.equilibria === 1 ? "1 subgame-perfect equilibrium" : `${o.equilibria} subgame-perfect equilibria (they differ off the path)`}));
    list.append(li);
  }
  $("continua").replaceChildren();
  $("tree-text").textContent = data.text;
  $("warnings").textContent = data.warnings.join(" ");
}

function playerClass(data, p) {
  // the row player blue, the column player red, the players who pick the table purple
  const n = data.players.length;
  return p === n - 2 ? "r" : p === n - 1 ? "c" : "o";
}

function renderNplayer(data) {
  // three or more players: one table of the last two per profile of the others, as solve prints them
  const n = data.players.length;
  const key = $("key");
  key.replaceChildren("Each cell, top to bottom: ");
  data.players.forEach((name, p) => {
    if (p) key.append(", ");
    key.append(el("span", {class: playerClass(data, p), text: name}));
  });
  key.append(". ", el("b", {text: "Bold*"}), " = best response to the others. ",
    el("span", {class: "swatch-eq"}), " = Nash equilibrium.");
  const box = $("tables");
  box.replaceChildren();
  for (const t of data.tables) {
    const table = el("table", {class: "slice"});
    const caption = el("caption", {text: t.title});
    caption.append(el("span", {class: "played",
      text: t.played_in.length ? `played in equilibrium #${t.played_in.join(", #")}` : "played in no equilibrium"}));
    table.append(caption);
    const head = el("tr", {}, el("th", {class: "corner", text: `${data.row_player} \\ ${data.column_player}`}));
    for (const s of data.strategies[n - 1]) head.append(el("th", {class: "colname", scope: "col", text: s}));
    table.append(el("thead", {}, head));
    const body = el("tbody");
    t.rows.forEach((row, i) => {
      const tr = el("tr", {}, el("th", {class: "rowname", scope: "row", text: data.strategies[n - 2][i]}));
      row.forEach((cell) => {
        const td = el("td", {});
        cell.payoffs.forEach((number, p) => {
          td.append(el("span", {class: `pay ${playerClass(data, p)}${cell.best[p] ? " best" : ""}`, text: number.text}));
        });
        if (cell.outcome) td.title = cell.outcome;
        if (cell.equilibrium !== null) {
          td.classList.add("eq");
          if (data.selected === cell.equilibrium) td.classList.add("selected");
          td.append(el("span", {class: "badge", text: `NE ${cell.equilibrium + 1}`}));
        }
        tr.append(td);
      });
      body.append(tr);
    });
    table.append(body);
    box.append(table);
  }
  const count = data.equilibria.length;
  $("eq-title").textContent = `${data.headline.charAt(0).toUpperCase()}${data.headline.slice(1)} (exact, each certified)`;
  const list = $("equilibria");
  list.replaceChildren();
  for (const e of data.equilibria) {
    const li = el("li", {class: e.selected ? "selected" : ""});
    const name = e.pure ? `(${e.strategies.map((mix) => mix[0].strategy).join(", ")})` : "mixed";
    li.append(el("div", {class: "eq-head"}, el("span", {class: "eq-num", text: `${e.number}.`}), name));
    if (e.pure) li.append(el("div", {class: "eq-reading", text: e.reading}));
    else {
      e.strategies.forEach((mix, p) => {
        // exact probabilities with their decimals, as solve prints them: "ally 7/30 (0.2333)"
        li.append(el("div", {class: "eq-mix"},
          el("span", {class: `who ${playerClass(data, p)}`, text: `${data.players[p]}: `}), e.strategy_text[p]));
      });
    }
    const pay = el("div", {class: "eq-mix"}, "payoffs ");
    e.payoffs.forEach((number, p) => {
      if (p) pay.append(el("span", {class: "sep", text: ","}));
      pay.append(el("span", {class: `pay ${playerClass(data, p)}`, text: number.both}));
    });
    li.append(pay);
    const labels = el("div", {class: "labels"});
    e.labels.forEach((word, k) => {
      if (k) labels.append(" · ");
      labels.append(word.startsWith("selected") ? el("span", {class: "sel", text: word}) : word);
    });
    li.append(labels);
    if (e.certificate) li.append(el("div", {class: "eq-cert", text: e.certificate}));
    list.append(li);
  }
  $("continua").replaceChildren(...data.continua.map((text) => el("p", {text})));
  const sel = $("selection");
  if (data.selected !== null) {
    const e = data.equilibria[data.selected];
    sel.textContent = data.selection_rule === "unique"
      ? `Selected: equilibrium ${e.number}, the only one.`
      : `Selected: equilibrium ${e.number}, by ${data.selection_rule}.`;
  } else {
    sel.textContent = count > 1 ? "No selection rule (payoff dominance) picks one equilibrium." : "";
  }
  $("warnings").textContent = data.warnings.join(" ");
}

function renderGame(data) {
  if (data.kind === "tree") return renderTree(data);
  if (data.kind === "nplayer") return renderNplayer(data);
  const info = state.info;
  const [rowName, colName] = info.players;
  const key = $("key");
  key.replaceChildren(
    "Each cell: ", el("span", {class: "r", text: rowName}), ", ", el("span", {class: "c", text: colName}),
    ". ", el("b", {text: "Bold*"}), " = best response to the other's strategy. ",
    el("span", {class: "swatch-eq"}), " = Nash equilibrium.");

  const table = $("bimatrix");
  const head = el("tr", {}, el("th", {class: "corner", text: `${rowName} \\ ${colName}`}));
  for (const s of info.strategies[1]) head.append(el("th", {class: "colname", scope: "col", text: s}));
  const body = el("tbody");
  data.cells.forEach((row, i) => {
    const tr = el("tr", {}, el("th", {class: "rowname", scope: "row", text: info.strategies[0][i]}));
    row.forEach((cell) => {
      const td = el("td", {},
        payoffSpan(cell.payoffs[0], 0, cell.best[0]), el("span", {class: "sep", text: ","}),
        payoffSpan(cell.payoffs[1], 1, cell.best[1]));
      if (cell.outcome) td.title = cell.outcome;
      if (cell.equilibrium !== null) {
        td.classList.add("eq");
        if (data.selected === cell.equilibrium) td.classList.add("selected");
        td.append(el("span", {class: "badge", text: `NE ${cell.equilibrium + 1}`}));
      }
      tr.append(td);
    });
    body.append(tr);
  });
  table.replaceChildren(el("thead", {}, head), body);

  const count = data.equilibria.length;
  const title = data.headline.charAt(0).toUpperCase() + data.headline.slice(1);
  $("eq-title").textContent = `${title} (exact)`;
  const list = $("equilibria");
  list.replaceChildren();
  for (const e of data.equilibria) {
    const li = el("li", {class: e.selected ? "selected" : ""});
    let name;
    if (e.pure) name = `(${e.strategies[0][0].strategy}, ${e.strategies[1][0].strategy})`;
    else name = "mixed";
    li.append(el("div", {class: "eq-head"}, el("span", {class: "eq-num", text: `${e.number}.`}), name));
    if (e.pure) li.append(el("div", {class: "eq-reading", text: e.reading}));
    else {
      e.strategies.forEach((mix, p) => {
        const line = el("div", {class: "eq-mix"}, el("span", {class: `who ${p ? "c" : "r"}`, text: `${info.players[p]}: `}));
        mix.forEach((s, k) => {
          if (k) line.append(", ");
          // probabilities as fractions, the decimal beside them
          line.append(`${s.strategy} ${s.probability.exact}`);
          line.append(el("span", {class: "dec", text: ` (${s.probability.decimal})`}));
        });
        li.append(line);
      });
    }
    const pay = el("div", {class: "eq-mix"}, "payoffs ",
      el("span", {class: "pay r", text: e.payoffs[0].text}), el("span", {class: "sep", text: ","}),
      el("span", {class: "pay c", text: e.payoffs[1].text}));
    li.append(pay);
    const labels = el("div", {class: "labels"});
    e.labels.forEach((word, k) => {
      if (k) labels.append(" · ");
      labels.append(word.startsWith("selected") ? el("span", {class: "sel", text: word}) : word);
    });
    if (e.continuum_with.length) {
      li.classList.add("continuum");
      labels.append(" · ", el("span", {class: "cont", text: `a continuum with ${e.continuum_with.map((k) => `#${k}`).join(", ")}`}));
    }
    li.append(labels);
    list.append(li);
  }
  $("continua").replaceChildren(...data.continua.map((text) => el("p", {text})));
  const sel = $("selection");
  if (data.selected !== null) {
    const e = data.equilibria[data.selected];
    sel.textContent = data.selection_rule === "unique"
      ? `Selected: equilibrium ${e.number}, the only one.`
      : `Selected: equilibrium ${e.number}, by ${data.selection_rule}.`;
  } else {
    sel.textContent = count > 1 ? "No selection rule (payoff or risk dominance) picks one equilibrium." : "";
  }
  $("warnings").textContent = data.warnings.join(" ");
}

// ---------------------------------------------------------------------------------------- regime map

function buildAxes(info) {
  const names = info.parameters.map((p) => p.name);
  const [sx, sy] = [$("axis-x"), $("axis-y")];
  for (const select of [sx, sy]) {
    select.replaceChildren(...names.map((n) => el("option", {value: n, text: n})));
    select.disabled = names.length < 2;
  }
  state.axes = names.length >= 2 ? [info.axes[0], info.axes[1]] : [null, null];
  document.querySelector("#regime .axes").hidden = names.length < 2;
  $("map-note").hidden = names.length < 2;
  document.querySelector("#controls .hint").hidden = names.length === 0;
  $("reset").hidden = names.length === 0;
  if (names.length >= 2) { sx.value = state.axes[0]; sy.value = state.axes[1]; }
}

function axisChanged(which) {
  const [sx, sy] = [$("axis-x"), $("axis-y")];
  let [x, y] = [sx.value, sy.value];
  if (x === y) {  // swap rather than refuse
    if (which === 0) { y = state.axes[0]; sy.value = y; } else { x = state.axes[1]; sx.value = x; }
  }
  state.axes = [x, y];
  writeUrl();
  regimeNow();
}

async function regimeNow() {
  const map = $("map");
  if (state.info && state.info.kind !== "strategic") return;  // trees and n-player games: 'sweep' maps them
  if (!state.axes[0]) {
    map.replaceChildren(el("p", {class: "hint", text: "A regime map needs two parameters."}));
    $("legend").replaceChildren();
    return;
  }
  const seq = ++state.regimeSeq;
  try {
    const data = await api("/api/regime", {
      ...which(), values: state.values, x: state.axes[0], y: state.axes[1], size: GRID,
    });
    if (seq !== state.regimeSeq) return;
    state.regime = data;
    state.lastRegimeMs = [data.elapsed_ms, data._roundtrip];
    drawMap();
    status();
  } catch (err) {
    if (seq !== state.regimeSeq) return;
    showError(err.message);
  }
}

const MAP = {left: 70, top: 14, size: 400, bottom: 60, right: 16};

function drawMap() {
  const data = state.regime;
  const n = data.size;
  const W = MAP.left + MAP.size + MAP.right, H = MAP.top + MAP.size + MAP.bottom;
  const root = svg("svg", {viewBox: `0 0 ${W} ${H}`, role: "application"});
  const cell = MAP.size / n;
  const colours = data.sets.map((s) => s.colour);  // keyed by the set on the server: the same set, the same colour
  // a set met only at degenerate grid points (a boundary line the grid hits) paints no cells of its
  // own: its cells take the colour of the nearest region in their row and carry a dot
  const own = (code) => !data.sets[code].degenerate_only;
  const dots = [];
  data.codes.forEach((row, r) => {
    const fill = row.map((code, c) => {
      if (own(code)) return code;
      dots.push([r, c]);
      for (let d = 1; d < n; d++) {
        for (const k of [c - d, c + d]) if (k >= 0 && k < n && own(row[k])) return row[k];
      }
      return code;
    });
    // a run of equal codes becomes one rectangle
    let c = 0;
    while (c < n) {
      let end = c;
      while (end + 1 < n && fill[end + 1] === fill[c]) end++;
      root.append(svg("rect", {
        x: MAP.left + c * cell, y: MAP.top + (n - 1 - r) * cell,
        width: (end - c + 1) * cell + 0.5, height: cell + 0.5, fill: colours[fill[c]], "shape-rendering": "crispEdges",
      }));
      c = end + 1;
    }
  });
  for (const [r, c] of dots) {
    root.append(svg("circle", {cx: MAP.left + (c + 0.5) * cell, cy: MAP.top + (n - 1 - r + 0.5) * cell,
      r: Math.max(1.2, cell * 0.16), fill: "#111827", class: "degenerate"}));
  }
  root.append(svg("rect", {x: MAP.left, y: MAP.top, width: MAP.size, height: MAP.size, fill: "none", stroke: "#111827", "stroke-width": 2}));
  // ticks: both ends and the middle
  const fmt = (v) => String(Math.round(v * 1000) / 1000);
  for (const t of [0, 0.5, 1]) {
    const xv = data.x.min + t * (data.x.max - data.x.min);
    const yv = data.y.min + t * (data.y.max - data.y.min);
    const px = MAP.left + t * MAP.size, py = MAP.top + (1 - t) * MAP.size;
    root.append(svg("line", {x1: px, x2: px, y1: MAP.top + MAP.size, y2: MAP.top + MAP.size + 6, stroke: "#111827", "stroke-width": 2}));
    root.append(svg("text", {x: px, y: MAP.top + MAP.size + 22, "text-anchor": "middle", "font-size": 18}, fmt(xv)));
    root.append(svg("line", {x1: MAP.left - 6, x2: MAP.left, y1: py, y2: py, stroke: "#111827", "stroke-width": 2}));
    root.append(svg("text", {x: MAP.left - 9, y: py + 5, "text-anchor": "end", "font-size": 18}, fmt(yv)));
  }
  root.append(svg("text", {x: MAP.left + MAP.size / 2, y: H - 8, "text-anchor": "middle", "font-size": 17, "font-weight": 700},
    axisTitle(data.x, 46)));
  root.append(svg("text", {x: 0, y: 0, "text-anchor": "middle", "font-size": 17, "font-weight": 700,
    transform: `translate(18 ${MAP.top + MAP.size / 2}) rotate(-90)`}, axisTitle(data.y, 42)));
  const marker = svg("g", {id: "marker"});
  root.append(marker);
  root.setAttribute("tabindex", "0");
  root.setAttribute("aria-label", `regime map over ${data.x.name} and ${data.y.name}`);
  root.setAttribute("aria-describedby", "map-note");
  root.addEventListener("click", (event) => mapClick(event, root));
  root.addEventListener("keydown", mapKey);
  $("map").replaceChildren(root);

  const legend = $("legend");
  legend.replaceChildren();
  data.sets.forEach((s, k) => {
    if (!s.points) return;
    const sw = svg("svg", {width: 18, height: 18, viewBox: "0 0 18 18"});
    if (s.degenerate_only) {
      sw.append(svg("circle", {cx: 9, cy: 9, r: 3, fill: "#111827"}));
    } else {
      sw.append(svg("rect", {x: 1, y: 1, width: 16, height: 16, fill: colours[k], stroke: "#111827", "stroke-width": 1.5}));
    }
    const text = s.degenerate_only ? `${s.description} (degenerate: only on a boundary the grid hits)` : s.description;
    const li = el("li", {"data-description": s.description}, sw, el("span", {text}));
    legend.append(li);
  });
  drawMarker();
}

function axisTitle(axis, room) {
  const full = axis.label ? `${axis.name}: ${axis.label}` : axis.name;
  return full.length <= room ? full : full.slice(0, room - 1).trimEnd() + "…";
}

function drawMarker() {
  const data = state.regime;
  const marker = document.getElementById("marker");
  if (!data || !marker) return;
  marker.replaceChildren();
  const xv = toNumber(state.values[data.x.name]), yv = toNumber(state.values[data.y.name]);
  const fx = (xv - data.x.min) / (data.x.max - data.x.min), fy = (yv - data.y.min) / (data.y.max - data.y.min);
  const inside = fx >= 0 && fx <= 1 && fy >= 0 && fy <= 1;
  const n = data.size;
  const code = inside ? data.codes[Math.round(fy * (n - 1))][Math.round(fx * (n - 1))] : null;
  for (const li of document.querySelectorAll("#legend li")) {
    li.classList.toggle("current", code !== null && li.dataset.description === data.sets[code].description);
  }
  if (!inside) return;
  const px = MAP.left + fx * MAP.size, py = MAP.top + (1 - fy) * MAP.size;
  marker.append(svg("line", {x1: px, x2: px, y1: MAP.top, y2: MAP.top + MAP.size, stroke: "#111827", "stroke-width": 1, "stroke-dasharray": "4 4"}));
  marker.append(svg("line", {x1: MAP.left, x2: MAP.left + MAP.size, y1: py, y2: py, stroke: "#111827", "stroke-width": 1, "stroke-dasharray": "4 4"}));
  marker.append(svg("circle", {cx: px, cy: py, r: 10, fill: "#fff", stroke: "#111827", "stroke-width": 4}));
  marker.append(svg("circle", {cx: px, cy: py, r: 3, fill: "#111827"}));
}

function mapClick(event, root) {
  const data = state.regime;
  const box = root.getBoundingClientRect();
  const scale = box.width / (MAP.left + MAP.size + MAP.right);
  const fx = (event.clientX - box.left) / scale - MAP.left, fy = (event.clientY - box.top) / scale - MAP.top;
  if (fx < 0 || fx > MAP.size || fy < 0 || fy > MAP.size) return;
  const moves = [[data.x.name, fx / MAP.size], [data.y.name, 1 - fy / MAP.size]];
  for (const [name, t] of moves) moveTo(name, Math.round(t * state.sliders[name].positions));
  drawMarker();
  writeUrl();
  schedule("solve", 0, solveNow);
}

function moveTo(name, position) {
  const spec = state.sliders[name];
  position = Math.max(0, Math.min(spec.positions, position));
  const v = sliderValue(spec, position);
  $(`s-${name}`).value = String(position);
  $(`v-${name}`).value = shortText(v);
  state.values[name] = v;
  $(`p-${name}`).classList.toggle("changed", toNumber(v) !== toNumber(spec.value));
}

const MAP_KEYS = {ArrowLeft: [0, -1], ArrowRight: [0, 1], ArrowDown: [1, -1], ArrowUp: [1, 1]};

function mapKey(event) {
  // the keyboard moves the point one slider step along an axis (ten with Shift), like the sliders themselves
  const move = MAP_KEYS[event.key];
  if (!move || !state.regime) return;
  event.preventDefault();
  const name = state.axes[move[0]];
  const spec = state.sliders[name];
  moveTo(name, positionOf(spec, state.values[name]) + move[1] * (event.shiftKey ? 10 : 1));
  drawMarker();
  writeUrl();
  schedule("solve", SOLVE_DELAY, solveNow);
}

// ---------------------------------------------------------------------------------------- page

function status() {
  const parts = [];
  if (state.lastSolveMs) parts.push(`equilibria: ${state.lastSolveMs[0].toFixed(1)} ms on the server, ${state.lastSolveMs[1].toFixed(0)} ms round trip, ${state.lastSolveMs[2].toFixed(0)} ms until shown`);
  if (state.lastRegimeMs && state.info && state.info.kind === "strategic") parts.push(`regime map (${GRID}×${GRID}): ${state.lastRegimeMs[0].toFixed(0)} ms on the server, ${state.lastRegimeMs[1].toFixed(0)} ms round trip`);
  const tree = state.info && state.info.kind === "tree";
  const nplayer = state.info && state.info.kind === "nplayer";
  parts.push(tree ? "exact rational arithmetic (backward induction)"
    : nplayer ? "exact support enumeration; every equilibrium certified"
    : "exact rational arithmetic; the map by the batch solver");
  const line = $("status");
  line.textContent = parts.join(" · ");
  if (state.lastSolveMs) {  // for measurements (tests/test_browser.py): the figures and how many solves were shown
    line.dataset.solveMs = JSON.stringify(state.lastSolveMs);
    line.dataset.solves = String(state.solvesShown);
  }
}

async function loadScenario(id, fromUrl = false) {
  state.scenario = id;
  state.game = null;
  $("source").value = "";
  showError(null);
  try {
    const info = await api(`/api/model?scenario=${encodeURIComponent(id)}`);
    await showGame(info, fromUrl);
  } catch (err) {
    showError(err.message);
  }
}

async function showGame(info, fromUrl) {
  state.info = info;
  const tree = info.kind === "tree";
  document.body.classList.toggle("tree", tree);
  const nplayer = info.kind === "nplayer";
  document.body.classList.toggle("nplayer", nplayer);
  $("nplayer-note").hidden = !nplayer;
  $("nplayer-note").textContent = nplayer
    ? `A game of ${info.players.length} players: one table of ${info.players.at(-2)} × ${info.players.at(-1)} per strategy of ${info.players.slice(0, -2).join(" and ")}. The regime map is drawn for two-player games (map this one with 'sweep').`
    : "";
  $("tree-text").hidden = !tree;
  $("game-title").textContent = tree ? "Game tree" : "Payoffs";
  document.title = `${info.title} — game explorer`;
  $("title").textContent = info.title;
  if (state.game !== null) $("title").append(" ", el("span", {class: "edited-tag", text: "edited"}));
  $("description").textContent = info.description;
  $("expectation").textContent = info.expectation ? `The study expects: ${info.expectation}.` : "";
  buildSliders(info);
  buildAxes(info);
  if (fromUrl) readUrl(info);
  writeUrl();
  await Promise.all([solveNow(), regimeNow()]);
}

// ---------------------------------------------------------------------------------------- editing

async function openEditor() {
  // the editor starts from the file's text (merged over its parents), or from the edited game
  if ($("source").value !== "") return;
  if (state.game !== null) { $("source").value = state.game; return; }
  try {
    const data = await api(`/api/source?scenario=${encodeURIComponent(state.scenario)}`);
    $("source").value = data.game;
  } catch (err) {
    showError(err.message);
  }
}

async function applyEdit(fromUrl = false, text = $("source").value) {
  // the server reads the text as it reads a game file; only a game it accepts replaces the current one
  try {
    const info = await api("/api/check", {game: text});
    showError(null);
    state.game = text;
    $("source").value = text;
    await showGame(info, fromUrl);
    return true;
  } catch (err) {
    showError(`The edited game is refused: ${err.message}`);
    return false;
  }
}

async function download() {
  if (!(await applyEdit())) return;
  const blob = new Blob([state.game], {type: "application/toml"});
  const link = el("a", {href: URL.createObjectURL(blob), download: state.scenario.replace(/\.[^.]*$/, "") + "-edited.toml"});
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 1000);
}

async function start() {
  try {
    const data = await api("/api/scenarios");
    const select = $("scenario");
    for (const s of data.scenarios) {
      const option = el("option", {value: s.id, text: s.error ? `${s.id} (cannot be read)` : `${s.title}`});
      if (s.error) option.disabled = true;
      select.append(option);
    }
    const wanted = new URLSearchParams(location.search).get("scenario");
    const known = data.scenarios.some((s) => s.id === wanted && !s.error);
    select.value = known ? wanted : data.initial;
    select.addEventListener("change", () => loadScenario(select.value));
    $("axis-x").addEventListener("change", () => axisChanged(0));
    $("axis-y").addEventListener("change", () => axisChanged(1));
    $("reset").addEventListener("click", () => (state.game === null ? loadScenario(state.scenario) : applyEdit(false, state.game)));
    $("edit").addEventListener("toggle", () => { if ($("edit").open) openEditor(); });
    $("apply").addEventListener("click", () => applyEdit());
    $("download").addEventListener("click", download);
    const edited = new URLSearchParams(location.search).get("game");
    if (known && edited) {
      state.scenario = select.value;
      let text = null;
      try { text = fromBase64(edited); } catch (e) { showError("The address holds an edited game that cannot be read."); }
      if (text === null || !(await applyEdit(true, text))) await loadScenario(select.value);
    } else {
      await loadScenario(select.value, known);
    }
  } catch (err) {
    showError(err.message);
  }
}

start();

#include "eg_html.h"

#include "eg_jsonw.h"
#include "eg_svg.h"
#include "eg_text.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_TITLE "entigraph network"
#define DEFAULT_LABELS 20
/* The box the layout is fitted to; the page scales it to the window. */
#define FRAME 1000.0

/* The page up to the data: head, style sheet, the static markup. */
static const char *const page_before_data[] = {
    "<!DOCTYPE html>\n",
    "<html lang=\"en\">\n",
    "<head>\n",
    "<meta charset=\"utf-8\">\n",
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
    "<meta name=\"generator\" content=\"entigraph " EG_VERSION "\">\n",
    "<title>entigraph</title>\n",
    "<style>\n",
    "*{box-sizing:border-box}\n",
    "html,body{margin:0;height:100%}\n",
    "body{display:flex;flex-direction:column;font:14px/1.4 system-ui,-apple-system,'Segoe UI','DejaVu Sans',Arial,sans-serif;color:#1a1a1a;background:#fff}\n",
    "header{display:flex;align-items:center;gap:16px;padding:8px 14px;border-bottom:1px solid #ddd;background:#fafafa}\n",
    "header h1{font-size:18px;margin:0;white-space:nowrap;overflow:hidden;text-overflow:ellipsis;max-width:40%}\n",
    "#stats{color:#666;font-size:13px;white-space:nowrap}\n",
    "#searchbox{position:relative;margin-left:auto;width:340px}\n",
    "#search{width:100%;padding:6px 10px;font:inherit;border:1px solid #bbb;border-radius:6px}\n",
    "#results{position:absolute;z-index:10;left:0;right:0;top:100%;margin:2px 0 0;padding:0;list-style:none;background:#fff;border:1px solid #bbb;border-radius:6px;box-shadow:0 4px 14px rgba(0,0,0,.15);max-height:60vh;overflow:auto}\n",
    "#results:empty{display:none}\n",
    "#results li{padding:5px 10px;cursor:pointer;display:flex;gap:8px;align-items:baseline}\n",
    "#results li.active,#results li:hover{background:#eef3fb}\n",
    "#results .via{color:#777;font-size:12px;margin-left:auto;text-align:right}\n",
    "main{flex:1;display:flex;min-height:0}\n",
    "#filters{width:200px;flex:none;padding:10px 12px;border-right:1px solid #ddd;overflow:auto;background:#fafafa;font-size:13px}\n",
    "#filters h2,#panel h3{font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:#666;margin:14px 0 6px}\n",
    "#filters h2:first-child{margin-top:2px}\n",
    "#filters label{display:flex;align-items:center;gap:6px;padding:2px 0;cursor:pointer}\n",
    "#filters .count{color:#888;margin-left:auto}\n",
    ".swatch{display:inline-block;width:11px;height:11px;border-radius:50%;flex:none}\n",
    ".kindline{display:inline-block;width:20px;height:3px;flex:none;position:relative}\n",
    ".kindline.arrow:after{content:'';position:absolute;right:-4px;top:-3px;border:4.5px solid transparent;border-left:6px solid;border-left-color:inherit;border-right:0}\n",
    ".hint{color:#777;font-size:12px}\n",
    "#filters .range{justify-content:space-between}\n",
    "#filters .legend-row{display:flex;align-items:center;gap:6px;padding:1px 0;font-size:12px}\n",
    "#filters .range input{width:64px;font:inherit;padding:1px 4px}\n",
    ".buttons{display:flex;gap:6px;margin-top:8px}\n",
    "button{font:inherit;cursor:pointer}\n",
    ".buttons button{padding:2px 9px;border:1px solid #bbb;background:#fff;border-radius:5px}\n",
    "#stage{flex:1;position:relative;min-width:0;overflow:hidden}\n",
    "#canvas{position:absolute;inset:0;width:100%;height:100%;cursor:grab;touch-action:none}\n",
    "#canvas.dragging{cursor:grabbing}\n",
    "#canvas.over{cursor:pointer}\n",
    "#tip{position:absolute;pointer-events:none;background:rgba(30,30,30,.88);color:#fff;padding:3px 7px;border-radius:4px;font-size:12px;white-space:nowrap;display:none}\n",
    "#panel{width:360px;flex:none;border-left:1px solid #ddd;padding:12px 16px;overflow:auto}\n",
    "#panel h2{font-size:19px;margin:0 0 4px}\n",
    "#panel .type{display:flex;align-items:center;gap:6px;color:#555;margin-bottom:8px}\n",
    "#panel dl{display:grid;grid-template-columns:auto 1fr;gap:3px 12px;margin:8px 0}\n",
    "#panel dt{color:#666}\n",
    "#panel dd{margin:0;overflow-wrap:anywhere}\n",
    "#panel ul{margin:0;padding-left:18px}\n",
    "#panel li{margin:3px 0}\n",
    "#panel h4{font-size:13px;margin:10px 0 3px;display:flex;align-items:center;gap:6px}\n",
    "#panel .meta{color:#777;font-size:12px}\n",
    "#panel blockquote{margin:6px 0;padding:4px 8px;border-left:3px solid #ccc;background:#f7f7f7}\n",
    "#panel blockquote .meta{display:block;margin-top:2px}\n",
    ".link{color:#1558b0}\n",
    "#panel details{margin-top:14px}\n",
    "#panel summary{cursor:pointer;font-size:12px;text-transform:uppercase;letter-spacing:.05em;color:#666}\n",
    ".role{font-weight:600}\n",
    "</style>\n",
    "</head>\n",
    "<body>\n",
    "<header>\n",
    "<h1 id=\"title\">entigraph</h1>\n",
    "<span id=\"stats\"></span>\n",
    "<div id=\"searchbox\"><input id=\"search\" type=\"search\" placeholder=\"Search names and aliases\" autocomplete=\"off\" spellcheck=\"false\" aria-label=\"Search names and aliases\"><ul id=\"results\" role=\"listbox\"></ul></div>\n",
    "</header>\n",
    "<main>\n",
    "<aside id=\"filters\">\n",
    "<h2>Entities</h2>\n",
    "<div id=\"type-filters\"></div>\n",
    "<h2>Relations</h2>\n",
    "<div id=\"kind-filters\"></div>\n",
    "<h2>Show</h2>\n",
    "<label id=\"small-filter\"><input type=\"checkbox\" id=\"small-on\"><span>small components</span><span class=\"count\" id=\"small-count\"></span></label>\n",
    "<label class=\"range\">minimum weight <input type=\"number\" id=\"min-weight\" min=\"1\" step=\"1\" value=\"1\"></label>\n",
    "<label class=\"range\">minimum degree <input type=\"number\" id=\"min-degree\" min=\"0\" step=\"1\" value=\"0\"></label>\n",
    "<div class=\"buttons\"><button type=\"button\" id=\"zoom-in\" title=\"Zoom in\">+</button><button type=\"button\" id=\"zoom-out\" title=\"Zoom out\">&minus;</button><button type=\"button\" id=\"zoom-fit\" title=\"Show the whole network\">Fit</button></div>\n",
    "<p class=\"hint\">Drag to pan, scroll to zoom, click a node for its details. Arrows point from subject to object; grey lines join names found in one sentence.</p>\n",
    "</aside>\n",
    "<div id=\"stage\"><canvas id=\"canvas\" aria-label=\"The network\"></canvas><div id=\"tip\"></div></div>\n",
    "<aside id=\"panel\"></aside>\n",
    "</main>\n",
    "<noscript><p>This page needs JavaScript to draw the network.</p></noscript>\n",
    "<script type=\"application/json\" id=\"eg-data\">\n",
};

/* After the data: the viewer, a script of our own (no third-party code, no network). */
static const char *const page_after_data[] = {
    "</script>\n",
    "<script>\n",
    "(function () {\n",
    "'use strict';\n",
    "var data = JSON.parse(document.getElementById('eg-data').textContent);\n",
    "var nodes = data.nodes, edges = data.edges;\n",
    "var canvas = document.getElementById('canvas'), ctx = canvas.getContext('2d');\n",
    "var tip = document.getElementById('tip'), panel = document.getElementById('panel');\n",
    "var search = document.getElementById('search'), results = document.getElementById('results');\n",
    "var typeOn = {}, kindOn = {}, typeColor = {}, kindInfo = {};\n",
    "var view = {k: 1, x: 0, y: 0}, touched = false;\n",
    "var selected = -1, hover = -1, matches = [], active = -1;\n",
    "var kindOrder = data.kinds.map(function (k) { return k.name; });\n",
    "\n",
    "function fold(s) {\n",
    "  return String(s || '').normalize('NFD').replace(/\\p{M}/gu, '').toLowerCase()\n",
    "    .replace(/\\u0142/g, 'l').replace(/\\u00f8/g, 'o').replace(/\\u0111/g, 'd').replace(/\\u00df/g, 'ss')\n",
    "    .replace(/\\u00e6/g, 'ae').replace(/\\u0153/g, 'oe').replace(/\\u0131/g, 'i');\n",
    "}\n",
    "function el(tag, cls, text) {\n",
    "  var e = document.createElement(tag);\n",
    "  if (cls) e.className = cls;\n",
    "  if (text !== undefined && text !== null) e.textContent = String(text);\n",
    "  return e;\n",
    "}\n",
    "function swatch(color) {\n",
    "  var s = el('span', 'swatch');\n",
    "  s.style.background = color;\n",
    "  return s;\n",
    "}\n",
    "\n",
    "/* ---- the data: adjacency, folded names, drawing order */\n",
    "nodes.forEach(function (n, i) {\n",
    "  n.i = i;\n",
    "  n.adj = [];\n",
    "  n.keys = [fold(n.label)].concat((n.aliases || []).map(fold));\n",
    "});\n",
    "edges.forEach(function (e, i) {\n",
    "  e.i = i;\n",
    "  nodes[e.source].adj.push(i);\n",
    "  if (e.target !== e.source) nodes[e.target].adj.push(i);\n",
    "});\n",
    "var order = nodes.slice().sort(function (a, b) { return b.r - a.r || a.i - b.i; });\n",
    "var top = {};\n",
    "order.slice(0, data.label_top).forEach(function (n) { top[n.i] = true; });\n",
    "/* Components: in a network of more than data.crowded nodes, the largest\n",
    " * fills the first view; isolates and components much smaller than it\n",
    " * (under 5% of its size, or 3 nodes) wait behind the \"small components\"\n",
    " * switch, which says how many they are. */\n",
    "var up = nodes.map(function (n, i) { return i; });\n",
    "function root(i) { while (up[i] !== i) { up[i] = up[up[i]]; i = up[i]; } return i; }\n",
    "edges.forEach(function (e) { var a = root(e.source), b = root(e.target); if (a !== b) up[a] = b; });\n",
    "var compSize = {}, largest = 0;\n",
    "nodes.forEach(function (n) { n.comp = root(n.i); compSize[n.comp] = (compSize[n.comp] || 0) + 1; });\n",
    "nodes.forEach(function (n) { largest = Math.max(largest, compSize[n.comp]); });\n",
    "var mainComp = -1;\n",
    "order.forEach(function (n) { if (mainComp < 0 && compSize[n.comp] === largest) mainComp = n.comp; });\n",
    "var smallBelow = Math.max(3, Math.ceil(largest * 0.05)), nSmall = 0, smallComps = {};\n",
    "nodes.forEach(function (n) {\n",
    "  n.small = largest >= 3 && n.comp !== mainComp && compSize[n.comp] < smallBelow;\n",
    "  if (n.small) { nSmall++; smallComps[n.comp] = true; }\n",
    "});\n",
    "var smallOn = nSmall === 0 || nodes.length <= data.crowded, minWeight = 1, minDegree = 0;\n",
    "var stats = {firstFrame: null, frames: [], labelled: []};\n",
    "\n",
    "/* ---- header and filters */\n",
    "document.title = data.title;\n",
    "document.getElementById('title').textContent = data.title;\n",
    "document.getElementById('stats').textContent = nodes.length + ' entities \\u00b7 ' + edges.length + ' relations \\u00b7 ' +\n",
    "  data.documents + (data.documents === 1 ? ' document' : ' documents');\n",
    "function filter(box, name, count, mark, on) {\n",
    "  var label = el('label'), input = el('input');\n",
    "  input.type = 'checkbox';\n",
    "  input.checked = true;\n",
    "  input.value = name;\n",
    "  input.addEventListener('change', function () { on[name] = input.checked; refit(); });\n",
    "  label.appendChild(input);\n",
    "  label.appendChild(mark);\n",
    "  label.appendChild(el('span', null, name.replace(/_/g, ' ')));\n",
    "  label.appendChild(el('span', 'count', count));\n",
    "  box.appendChild(label);\n",
    "}\n",
    "data.types.forEach(function (t) {\n",
    "  typeOn[t.name] = true;\n",
    "  typeColor[t.name] = t.color;\n",
    "  if (t.count) filter(document.getElementById('type-filters'), t.name, t.count, t.color ? swatch(t.color) : el('span'), typeOn);\n",
    "});\n",
    "/* colours by community: a legend of the colours, each named after its\n",
    " * most central node (a colour may serve several small communities) */\n",
    "if (!data.colors_by_type) {\n",
    "  var box = document.getElementById('type-filters'), byColor = {}, colorList = [];\n",
    "  box.appendChild(el('p', 'hint', 'Colours show communities:'));\n",
    "  order.forEach(function (n) {\n",
    "    if (!byColor[n.color]) { byColor[n.color] = {first: n, count: 0}; colorList.push(n.color); }\n",
    "    byColor[n.color].count++;\n",
    "  });\n",
    "  colorList.forEach(function (c) {\n",
    "    var row = el('div', 'legend-row');\n",
    "    row.appendChild(swatch(c));\n",
    "    row.appendChild(el('span', null, byColor[c].first.short || byColor[c].first.label));\n",
    "    row.appendChild(el('span', 'count', byColor[c].count));\n",
    "    box.appendChild(row);\n",
    "  });\n",
    "}\n",
    "data.kinds.forEach(function (k) {\n",
    "  kindOn[k.name] = true;\n",
    "  kindInfo[k.name] = k;\n",
    "  if (!k.count) return;\n",
    "  var line = el('span', 'kindline' + (k.directed ? ' arrow' : ''));\n",
    "  line.style.background = k.color;\n",
    "  line.style.borderLeftColor = k.color;\n",
    "  filter(document.getElementById('kind-filters'), k.name, k.count, line, kindOn);\n",
    "});\n",
    "function refit() { if (!touched) fit(); draw(); }\n",
    "var smallBox = document.getElementById('small-on');\n",
    "smallBox.checked = smallOn;\n",
    "document.getElementById('small-count').textContent = nSmall;\n",
    "document.getElementById('small-filter').title = nSmall + ' entities in ' + Object.keys(smallComps).length +\n",
    "  ' components of fewer than ' + smallBelow + ' (the largest has ' + largest + ')';\n",
    "smallBox.addEventListener('change', function () { smallOn = smallBox.checked; refit(); });\n",
    "function number(id, set) {\n",
    "  var input = document.getElementById(id);\n",
    "  input.addEventListener('input', function () { var v = Number(input.value); if (isFinite(v)) { set(v); refit(); } });\n",
    "}\n",
    "number('min-weight', function (v) { minWeight = v; });\n",
    "number('min-degree', function (v) { minDegree = v; });\n",
    "\n",
    "/* ---- view */\n",
    "function nodeOn(n) { return typeOn[n.type] && (smallOn || !n.small) && n.adj.length >= minDegree; }\n",
    "function edgeOn(e) {\n",
    "  return kindOn[e.kind] && (e.weight === undefined || e.weight >= minWeight) && nodeOn(nodes[e.source]) &&\n",
    "    nodeOn(nodes[e.target]);\n",
    "}\n",
    "/* The box of the nodes shown (all nodes when none is). */\n",
    "function shownBounds() {\n",
    "  var b = [Infinity, Infinity, -Infinity, -Infinity];\n",
    "  [nodes.filter(nodeOn), nodes].some(function (list) {\n",
    "    list.forEach(function (n) {\n",
    "      b = [Math.min(b[0], n.x - n.r), Math.min(b[1], n.y - n.r), Math.max(b[2], n.x + n.r), Math.max(b[3], n.y + n.r)];\n",
    "    });\n",
    "    return list.length > 0;\n",
    "  });\n",
    "  return b;\n",
    "}\n",
    "var bounds = shownBounds();\n",
    "function size() {\n",
    "  var r = canvas.getBoundingClientRect(), d = window.devicePixelRatio || 1;\n",
    "  canvas.width = Math.max(1, Math.round(r.width * d));\n",
    "  canvas.height = Math.max(1, Math.round(r.height * d));\n",
    "  return {w: r.width, h: r.height, d: d};\n",
    "}\n",
    "var screen = size();\n",
    "function fit() {\n",
    "  bounds = shownBounds();\n",
    "  var w = bounds[2] - bounds[0], h = bounds[3] - bounds[1];\n",
    "  if (!(w > 0) || !(h > 0)) { view = {k: 1, x: screen.w / 2, y: screen.h / 2}; return; }\n",
    "  var k = frame(bounds);\n",
    "  view.k = k > 0 ? k : 1;\n",
    "  view.x = screen.w / 2 - (bounds[0] + w / 2) * view.k;\n",
    "  view.y = screen.h / 2 - (bounds[1] + h / 2) * view.k;\n",
    "}\n",
    "function sx(n) { return n.x * view.k + view.x; }\n",
    "function sy(n) { return n.y * view.k + view.y; }\n",
    "/* Circles have the size the layout gave them when the whole network is\n",
    " * in view, and grow with the square root of the zoom from the fitted\n",
    " * view, so that a close view separates them instead of filling the\n",
    " * screen. */\n",
    "var wholeBounds = nodes.reduce(function (b, n) {\n",
    "  return [Math.min(b[0], n.x - n.r), Math.min(b[1], n.y - n.r), Math.max(b[2], n.x + n.r), Math.max(b[3], n.y + n.r)];\n",
    "}, [Infinity, Infinity, -Infinity, -Infinity]);\n",
    "function sr(n) {\n",
    "  var whole = frame(wholeBounds), fitted = frame(bounds);\n",
    "  return Math.max(1.5, n.r * (whole > 0 && fitted > 0 ? whole * Math.sqrt(view.k / fitted) : view.k));\n",
    "}\n",
    "function zoom(f, px, py) {\n",
    "  var k = Math.min(40, Math.max(0.05, view.k * f));\n",
    "  f = k / view.k;\n",
    "  view.x = px - (px - view.x) * f;\n",
    "  view.y = py - (py - view.y) * f;\n",
    "  view.k = k;\n",
    "  touched = true;\n",
    "  settle();\n",
    "}\n",
    "function frame(box) {\n",
    "  var w = Math.max(box[2] - box[0], 1), h = Math.max(box[3] - box[1], 1);\n",
    "  return Math.min((screen.w - 80) / w, (screen.h - 80) / h);\n",
    "}\n",
    "/* Shows a node with its neighbours: zooms in up to four times the whole view. */\n",
    "function center(n) {\n",
    "  var box = [n.x - n.r, n.y - n.r, n.x + n.r, n.y + n.r];\n",
    "  n.adj.forEach(function (j) {\n",
    "    var e = edges[j], m = nodes[other(e, n.i)];\n",
    "    if (!edgeOn(e)) return;\n",
    "    box = [Math.min(box[0], m.x - m.r), Math.min(box[1], m.y - m.r), Math.max(box[2], m.x + m.r), Math.max(box[3], m.y + m.r)];\n",
    "  });\n",
    "  var all = frame(bounds), k = Math.max(all, Math.min(frame(box), 4 * all));\n",
    "  view.k = k;\n",
    "  view.x = screen.w / 2 - (box[0] + box[2]) / 2 * k;\n",
    "  view.y = screen.h / 2 - (box[1] + box[3]) / 2 * k;\n",
    "  touched = true;\n",
    "}\n",
    "\n",
    "/* ---- drawing */\n",
    "function near() {\n",
    "  var s = {};\n",
    "  if (selected < 0) return s;\n",
    "  s[selected] = true;\n",
    "  nodes[selected].adj.forEach(function (i) {\n",
    "    var e = edges[i];\n",
    "    if (edgeOn(e)) { s[e.source] = true; s[e.target] = true; }\n",
    "  });\n",
    "  return s;\n",
    "}\n",
    "function arrow(x1, y1, x2, y2, back, len, w) {\n",
    "  var dx = x2 - x1, dy = y2 - y1, d = Math.hypot(dx, dy);\n",
    "  if (d <= back + len) return false;\n",
    "  var ux = dx / d, uy = dy / d, tx = x2 - ux * back, ty = y2 - uy * back;\n",
    "  var bx = tx - ux * len, by = ty - uy * len;\n",
    "  ctx.beginPath();\n",
    "  ctx.moveTo(x1, y1);\n",
    "  ctx.lineTo(bx + ux * 0.5, by + uy * 0.5);\n",
    "  ctx.stroke();\n",
    "  ctx.beginPath();\n",
    "  ctx.moveTo(tx, ty);\n",
    "  ctx.lineTo(bx - uy * w, by + ux * w);\n",
    "  ctx.lineTo(bx + uy * w, by - ux * w);\n",
    "  ctx.closePath();\n",
    "  ctx.fill();\n",
    "  return true;\n",
    "}\n",
    "var coEdges = edges.filter(function (e) { return e.kind === 'co_mention'; });\n",
    "var otherEdges = edges.filter(function (e) { return e.kind !== 'co_mention'; });\n",
    "/* While the view moves, a frame is the last whole one, moved and scaled\n",
    " * (one image copy, whatever the size of the network); the whole frame is\n",
    " * drawn again once the view has been still for a moment. */\n",
    "var snap = document.createElement('canvas'), snapView = null, settling = 0;\n",
    "function settle() {\n",
    "  draw(true);\n",
    "  clearTimeout(settling);\n",
    "  settling = setTimeout(function () { draw(false); }, 150);\n",
    "}\n",
    "function quickFrame() {\n",
    "  var f = view.k / snapView.k, d = screen.d;\n",
    "  ctx.setTransform(d, 0, 0, d, 0, 0);\n",
    "  ctx.fillStyle = '#fff';\n",
    "  ctx.fillRect(0, 0, screen.w, screen.h);\n",
    "  ctx.drawImage(snap, 0, 0, snap.width, snap.height, view.x - snapView.x * f, view.y - snapView.y * f,\n",
    "    snapView.w * f, snapView.h * f);\n",
    "}\n",
    "function keepFrame() {\n",
    "  snap.width = canvas.width;\n",
    "  snap.height = canvas.height;\n",
    "  snap.getContext('2d').drawImage(canvas, 0, 0);\n",
    "  snapView = {k: view.k, x: view.x, y: view.y, w: screen.w, h: screen.h};\n",
    "}\n",
    "function draw(quick) {\n",
    "  var t0 = performance.now();\n",
    "  if (quick && snapView) {\n",
    "    quickFrame();\n",
    "    stats.frames.push(performance.now() - t0);\n",
    "    if (stats.frames.length > 1000) stats.frames.shift();\n",
    "    return;\n",
    "  }\n",
    "  var d = screen.d, lit = near(), focus = selected >= 0;\n",
    "  ctx.setTransform(d, 0, 0, d, 0, 0);\n",
    "  ctx.clearRect(0, 0, screen.w, screen.h);\n",
    "  ctx.fillStyle = '#fff';\n",
    "  ctx.fillRect(0, 0, screen.w, screen.h);\n",
    "  ctx.lineCap = 'round';\n",
    "  /* What lies off the screen is skipped. */\n",
    "  var W = screen.w, H = screen.h;\n",
    "  for (var pass = 0; pass < 2; pass++) {\n",
    "    var list = pass === 0 ? coEdges : otherEdges;\n",
    "    for (var j = 0; j < list.length; j++) {\n",
    "      var e = list[j];\n",
    "      if (!edgeOn(e) || e.source === e.target) continue;\n",
    "      var a = nodes[e.source], b = nodes[e.target];\n",
    "      var ax = sx(a), ay = sy(a), bx = sx(b), by = sy(b);\n",
    "      if ((ax < 0 && bx < 0) || (ax > W && bx > W) || (ay < 0 && by < 0) || (ay > H && by > H)) continue;\n",

    "      var mine = focus && (e.source === selected || e.target === selected);\n",
    "      ctx.globalAlpha = focus ? (mine ? 0.95 : 0.07) : (pass === 0 ? 0.4 : 0.85);\n",
    "      ctx.strokeStyle = ctx.fillStyle = kindInfo[e.kind] ? kindInfo[e.kind].color : '#999';\n",
    "      ctx.lineWidth = e.width * (mine ? 1.4 : 1);\n",
    "      if (pass === 0) {\n",
    "        ctx.beginPath();\n",
    "        ctx.moveTo(ax, ay);\n",
    "        ctx.lineTo(bx, by);\n",
    "        ctx.stroke();\n",
    "      } else {\n",
    "        arrow(ax, ay, bx, by, sr(b) + 1.5, 7 + ctx.lineWidth * 1.5, 3.5 + ctx.lineWidth);\n",
    "      }\n",
    "    }\n",
    "  }\n",
    "  ctx.globalAlpha = 1;\n",
    "  var hits = {}, dots = {}, dotKeys = [];\n",
    "  matches.slice(0, 10).forEach(function (m) { hits[m.i] = true; });\n",
    "  order.forEach(function (n) {\n",
    "    if (!nodeOn(n) && n.i !== selected) return;\n",
    "    var x = sx(n), y = sy(n), r = sr(n);\n",
    "    if (x + r < 0 || x - r > W || y + r < 0 || y - r > H) return;\n",
    "    var alpha = focus && !lit[n.i] ? 0.18 : 1;\n",
    "    /* a node a few pixels wide is a dot: one fill for all dots of a colour */\n",
    "    if (r < 2.5 && n.i !== selected && !hits[n.i]) {\n",
    "      var key = n.color + '|' + alpha;\n",
    "      if (!dots[key]) { dots[key] = {color: n.color, alpha: alpha, pts: []}; dotKeys.push(key); }\n",
    "      dots[key].pts.push(x, y, r);\n",
    "      return;\n",
    "    }\n",
    "    ctx.globalAlpha = alpha;\n",
    "    ctx.beginPath();\n",
    "    ctx.arc(x, y, r, 0, 2 * Math.PI);\n",
    "    ctx.fillStyle = n.color;\n",
    "    ctx.fill();\n",
    "    ctx.lineWidth = n.i === selected ? 3 : hits[n.i] ? 2.5 : 1;\n",
    "    ctx.strokeStyle = n.i === selected ? '#111' : hits[n.i] ? '#d6006e' : '#fff';\n",
    "    ctx.stroke();\n",
    "  });\n",
    "  dotKeys.forEach(function (k) {\n",
    "    var g = dots[k], p = g.pts;\n",
    "    ctx.globalAlpha = g.alpha;\n",
    "    ctx.fillStyle = g.color;\n",
    "    ctx.beginPath();\n",
    "    for (var j = 0; j < p.length; j += 3) ctx.rect(p[j] - p[j + 2], p[j + 1] - p[j + 2], 2 * p[j + 2], 2 * p[j + 2]);\n",
    "    ctx.fill();\n",
    "  });\n",
    "  ctx.globalAlpha = 1;\n",
    "  labels(lit, hits);\n",
    "  keepFrame();\n",
    "  var t1 = performance.now();\n",
    "  if (stats.firstFrame === null) stats.firstFrame = t1;\n",
    "  stats.frames.push(t1 - t0);\n",
    "  if (stats.frames.length > 1000) stats.frames.shift();\n",
    "}\n",
    "/* Labels, most central first (the drawing order is by size), where they\n",
    " * fit on the screen without overlapping another label or a labelled\n",
    " * circle: the biggest nodes are named at every zoom, and more appear as\n",
    " * one zooms in. The selection, its neighbours and search hits come first.\n",
    " * At most MAX_LABELS labels, and MAX_TRIES nodes looked at, a frame. */\n",
    "var MAX_LABELS = 60, MAX_TRIES = 2500;\n",
    "function labels(lit, hits) {\n",
    "  var want = [], boxes = [], done = {}, tries = 0;\n",
    "  if (selected >= 0) want.push(nodes[selected]);\n",
    "  matches.slice(0, 10).forEach(function (m) { want.push(nodes[m.i]); });\n",
    "  if (selected >= 0) order.forEach(function (n) { if (lit[n.i] && n.i !== selected) want.push(n); });\n",
    "  else want = want.concat(order);\n",
    "  stats.labelled = [];\n",
    "  ctx.textBaseline = 'middle';\n",
    "  ctx.textAlign = 'left';\n",
    "  ctx.lineJoin = 'round';\n",
    "  for (var k = 0; k < want.length && stats.labelled.length < MAX_LABELS && tries < MAX_TRIES; k++) {\n",
    "    var n = want[k];\n",
    "    if (done[n.i] || (!nodeOn(n) && n.i !== selected)) continue;\n",
    "    if (selected >= 0 && !lit[n.i] && !hits[n.i]) continue;\n",
    "    done[n.i] = true;\n",
    "    var x = sx(n), y = sy(n), rr = sr(n);\n",
    "    if (x + rr < 0 || x - rr > screen.w || y + rr < 0 || y - rr > screen.h) continue;\n",
    "    tries++;\n",
    "    var strong = n.i === selected || hits[n.i];\n",
    "    var fs = strong ? 14 : 11 + Math.min(4, rr / 6);\n",
    "    ctx.font = (strong || top[n.i] ? '600 ' : '') + fs.toFixed(1) + 'px system-ui, sans-serif';\n",
    "    var text = n.short || n.label, w = ctx.measureText(text).width;\n",
    "    var r = rr + 4, h = fs * 0.6;\n",
    "    var spots = [[x + r, y], [x - r - w, y], [x - w / 2, y + r + h], [x - w / 2, y - r - h],\n",
    "      [x + r * 0.7, y - r * 0.7 - h], [x + r * 0.7, y + r * 0.7 + h], [x - r * 0.7 - w, y - r * 0.7 - h],\n",
    "      [x - r * 0.7 - w, y + r * 0.7 + h], [x - w / 2, y + r + 3 * h], [x - w / 2, y - r - 3 * h]];\n",
    "    var circle = [x - rr, y - rr, x + rr, y + rr], spot = null;\n",
    "    for (var s = 0; s < spots.length && !spot; s++) {\n",
    "      var b = [spots[s][0] - 2, spots[s][1] - h, spots[s][0] + w + 2, spots[s][1] + h];\n",
    "      var inside = b[0] >= 0 && b[2] <= screen.w && b[1] >= 0 && b[3] <= screen.h;\n",
    "      if (inside && !boxes.some(function (o) { return o[0] < b[2] && b[0] < o[2] && o[1] < b[3] && b[1] < o[3]; }))\n",
    "        spot = [spots[s], b];\n",
    "    }\n",
    "    if (!spot && !strong) continue;\n",
    "    if (!spot) spot = [spots[0], [spots[0][0] - 2, y - h, spots[0][0] + w + 2, y + h]];\n",
    "    boxes.push(spot[1], circle);\n",
    "    stats.labelled.push(n.i);\n",
    "    ctx.lineWidth = 3.5;\n",
    "    ctx.strokeStyle = 'rgba(255,255,255,0.92)';\n",
    "    ctx.strokeText(text, spot[0][0], spot[0][1]);\n",
    "    ctx.fillStyle = '#1a1a1a';\n",
    "    ctx.fillText(text, spot[0][0], spot[0][1]);\n",
    "  }\n",
    "}\n",
    "\n",
    "/* ---- pointer: pan, zoom, hover, click */\n",
    "function hit(px, py) {\n",
    "  for (var j = order.length - 1; j >= 0; j--) {\n",
    "    var n = order[j];\n",
    "    if (!nodeOn(n)) continue;\n",
    "    if (Math.hypot(px - sx(n), py - sy(n)) <= sr(n) + 3) return n.i;\n",
    "  }\n",
    "  return -1;\n",
    "}\n",
    "function local(ev) {\n",
    "  var r = canvas.getBoundingClientRect();\n",
    "  return [ev.clientX - r.left, ev.clientY - r.top];\n",
    "}\n",
    "var drag = null;\n",
    "canvas.addEventListener('pointerdown', function (ev) {\n",
    "  var p = local(ev);\n",
    "  drag = {x: p[0], y: p[1], vx: view.x, vy: view.y, moved: false};\n",
    "  canvas.setPointerCapture(ev.pointerId);\n",
    "});\n",
    "canvas.addEventListener('pointermove', function (ev) {\n",
    "  var p = local(ev);\n",
    "  if (drag) {\n",
    "    if (Math.abs(p[0] - drag.x) + Math.abs(p[1] - drag.y) > 3) drag.moved = true;\n",
    "    if (drag.moved) {\n",
    "      view.x = drag.vx + p[0] - drag.x;\n",
    "      view.y = drag.vy + p[1] - drag.y;\n",
    "      touched = true;\n",
    "      canvas.classList.add('dragging');\n",
    "      tip.style.display = 'none';\n",
    "      settle();\n",
    "    }\n",
    "    return;\n",
    "  }\n",
    "  var h = hit(p[0], p[1]);\n",
    "  canvas.classList.toggle('over', h >= 0);\n",
    "  if (h !== hover) {\n",
    "    hover = h;\n",
    "    if (h >= 0) {\n",
    "      tip.textContent = nodes[h].label + ' (' + nodes[h].type + ')';\n",
    "      tip.style.display = 'block';\n",
    "    } else {\n",
    "      tip.style.display = 'none';\n",
    "    }\n",
    "  }\n",
    "  if (h >= 0) {\n",
    "    tip.style.left = (p[0] + 14) + 'px';\n",
    "    tip.style.top = (p[1] + 10) + 'px';\n",
    "  }\n",
    "});\n",
    "canvas.addEventListener('pointerup', function (ev) {\n",
    "  var p = local(ev);\n",
    "  canvas.classList.remove('dragging');\n",
    "  if (drag && !drag.moved) select(hit(p[0], p[1]), false);\n",
    "  drag = null;\n",
    "});\n",
    "canvas.addEventListener('pointerleave', function () { tip.style.display = 'none'; hover = -1; });\n",
    "canvas.addEventListener('wheel', function (ev) {\n",
    "  ev.preventDefault();\n",
    "  var p = local(ev);\n",
    "  zoom(Math.exp(-ev.deltaY * (ev.deltaMode === 1 ? 0.05 : 0.0015)), p[0], p[1]);\n",
    "}, {passive: false});\n",
    "document.getElementById('zoom-in').addEventListener('click', function () { zoom(1.4, screen.w / 2, screen.h / 2); });\n",
    "document.getElementById('zoom-out').addEventListener('click', function () { zoom(1 / 1.4, screen.w / 2, screen.h / 2); });\n",
    "document.getElementById('zoom-fit').addEventListener('click', function () { fit(); touched = false; draw(); });\n",
    "window.addEventListener('resize', function () {\n",
    "  screen = size();\n",
    "  if (!touched) fit();\n",
    "  draw();\n",
    "});\n",
    "\n",
    "/* ---- search */\n",
    "/* Matches on the label or any alias: whole name first, then names that start\n",
    " * with the query, then the rest; larger nodes first within each. */\n",
    "function find(q) {\n",
    "  q = fold(q).trim();\n",
    "  if (!q) return [];\n",
    "  var found = [];\n",
    "  nodes.forEach(function (n) {\n",
    "    var best = null;\n",
    "    n.keys.forEach(function (key, k) {\n",
    "      var at = key.indexOf(q);\n",
    "      if (at < 0) return;\n",
    "      var rank = key === q ? 0 : at === 0 ? 1 : 2;\n",
    "      if (!best || rank < best.rank) best = {i: n.i, via: k > 0 ? n.aliases[k - 1] : null, rank: rank};\n",
    "    });\n",
    "    if (best) found.push(best);\n",
    "  });\n",
    "  found.sort(function (a, b) { return a.rank - b.rank || nodes[b.i].r - nodes[a.i].r || a.i - b.i; });\n",
    "  return found;\n",
    "}\n",
    "function showResults() {\n",
    "  results.textContent = '';\n",
    "  matches.slice(0, 30).forEach(function (m, j) {\n",
    "    var n = nodes[m.i], li = el('li', j === active ? 'active' : null);\n",
    "    li.setAttribute('role', 'option');\n",
    "    li.appendChild(swatch(n.color));\n",
    "    li.appendChild(el('span', 'name', n.label));\n",
    "    li.appendChild(el('span', 'via', m.via ? 'alias: ' + m.via : n.type));\n",
    "    li.addEventListener('mousedown', function (ev) { ev.preventDefault(); pick(m.i); });\n",
    "    results.appendChild(li);\n",
    "  });\n",
    "}\n",
    "function pick(i) {\n",
    "  results.textContent = '';\n",
    "  select(i, true);\n",
    "}\n",
    "search.addEventListener('input', function () {\n",
    "  matches = find(search.value);\n",
    "  active = matches.length ? 0 : -1;\n",
    "  showResults();\n",
    "  draw();\n",
    "});\n",
    "search.addEventListener('keydown', function (ev) {\n",
    "  if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {\n",
    "    ev.preventDefault();\n",
    "    var n = Math.min(matches.length, 30);\n",
    "    if (n) active = (active + (ev.key === 'ArrowDown' ? 1 : n - 1)) % n;\n",
    "    showResults();\n",
    "  } else if (ev.key === 'Enter' && active >= 0 && matches[active]) {\n",
    "    pick(matches[active].i);\n",
    "  } else if (ev.key === 'Escape') {\n",
    "    search.value = '';\n",
    "    matches = [];\n",
    "    results.textContent = '';\n",
    "    draw();\n",
    "  }\n",
    "});\n",
    "search.addEventListener('blur', function () { results.textContent = ''; });\n",
    "search.addEventListener('focus', function () { if (matches.length) showResults(); });\n",
    "\n",
    "/* ---- the side panel */\n",
    "function nodeLink(j) {\n",
    "  var a = el('a', 'link', nodes[j].label);\n",
    "  a.href = '#';\n",
    "  a.addEventListener('click', function (ev) { ev.preventDefault(); select(j, true); });\n",
    "  return a;\n",
    "}\n",
    "function section(title) {\n",
    "  panel.appendChild(el('h3', null, title));\n",
    "}\n",
    "function field(dl, name, value) {\n",
    "  if (value === undefined || value === null || value === '') return;\n",
    "  dl.appendChild(el('dt', null, name));\n",
    "  var dd = el('dd');\n",
    "  if (value instanceof Node) dd.appendChild(value); else dd.textContent = String(value);\n",
    "  dl.appendChild(dd);\n",
    "}\n",
    "function fmt(v) {\n",
    "  return typeof v === 'number' && !Number.isInteger(v) ? v.toPrecision(4) : String(v);\n",
    "}\n",
    "function dates(o) {\n",
    "  if (!o.first_date) return '';\n",
    "  return o.first_date === o.last_date ? o.first_date : o.first_date + ' \\u2013 ' + o.last_date;\n",
    "}\n",
    "function other(e, i) { return e.source === i ? e.target : e.source; }\n",
    "function byWeight(a, b) { return b.weight - a.weight || a.i - b.i; }\n",
    "function edgeMeta(e) {\n",
    "  var bits = ['weight ' + fmt(e.weight), e.documents + (e.documents === 1 ? ' document' : ' documents')];\n",
    "  if (dates(e)) bits.push(dates(e));\n",
    "  if (e.seats >= 0) bits.push(e.seats + ' seats');\n",
    "  return bits.join(' \\u00b7 ');\n",
    "}\n",
    "function render(i) {\n",
    "  panel.textContent = '';\n",
    "  if (i < 0) {\n",
    "    panel.appendChild(el('p', 'hint', 'Click a node, or search for a name, to see its aliases, roles, relations and the sentences they come from.'));\n",
    "    return;\n",
    "  }\n",
    "  var n = nodes[i];\n",
    "  panel.appendChild(el('h2', null, n.label));\n",
    "  var type = el('div', 'type');\n",
    "  type.appendChild(swatch(n.color));\n",
    "  type.appendChild(el('span', null, n.type));\n",
    "  panel.appendChild(type);\n",
    "  var dl = el('dl');\n",
    "  if (n.aliases && n.aliases.length) field(dl, 'Aliases', n.aliases.join(' \\u00b7 '));\n",
    "  if (n.joins && n.joins.length) field(dl, 'Joined by', n.joins.map(function (j) {\n",
    "    return j[0] + ' (' + j[1].replace(/_/g, ' ') + (j[2] ? ', with ' + j[2] : '') + ')';\n",
    "  }).join(' \\u00b7 '));\n",
    "  field(dl, 'Mentions', n.mentions);\n",
    "  field(dl, 'Documents', n.documents);\n",
    "  field(dl, 'Dates', dates(n));\n",
    "  if (n.website && /^https?:[/][/]/i.test(n.website)) {\n",
    "    var a = el('a', null, n.website);\n",
    "    a.href = n.website;\n",
    "    a.target = '_blank';\n",
    "    a.rel = 'noopener noreferrer';\n",
    "    field(dl, 'Website', a);\n",
    "  } else {\n",
    "    field(dl, 'Website', n.website);\n",
    "  }\n",
    "  panel.appendChild(dl);\n",
    "\n",
    "  var mine = n.adj.map(function (j) { return edges[j]; });\n",
    "  var roles = mine.filter(function (e) { return e.kind === 'role'; }).sort(byWeight);\n",
    "  if (roles.length) {\n",
    "    section('Roles');\n",
    "    var ul = el('ul');\n",
    "    roles.forEach(function (e) {\n",
    "      var li = el('li'), titles = (e.role || '').split('|').filter(Boolean).join(', ');\n",
    "      if (e.source === i) {\n",
    "        li.appendChild(el('span', 'role', titles || 'role'));\n",
    "        li.appendChild(document.createTextNode(' \\u2192 '));\n",
    "        li.appendChild(nodeLink(e.target));\n",
    "      } else {\n",
    "        li.appendChild(nodeLink(e.source));\n",
    "        li.appendChild(document.createTextNode(' \\u2190 '));\n",
    "        li.appendChild(el('span', 'role', titles || 'role'));\n",
    "      }\n",
    "      li.appendChild(el('div', 'meta', edgeMeta(e)));\n",
    "      ul.appendChild(li);\n",
    "    });\n",
    "    panel.appendChild(ul);\n",
    "  }\n",
    "\n",
    "  var seen = {}, quotes = mine.slice().sort(function (a, b) {\n",
    "    return kindOrder.indexOf(a.kind) - kindOrder.indexOf(b.kind) || byWeight(a, b);\n",
    "  }).filter(function (e) {\n",
    "    if (!e.evidence || seen[e.evidence]) return false;\n",
    "    seen[e.evidence] = true;\n",
    "    return true;\n",
    "  });\n",
    "  if (quotes.length) {\n",
    "    section('Evidence');\n",
    "    quotes.forEach(function (e) {\n",
    "      var q = el('blockquote', 'evidence');\n",
    "      q.appendChild(el('span', 'sentence', e.evidence));\n",
    "      var arrowText = kindInfo[e.kind] && kindInfo[e.kind].directed ? ' \\u2192 ' : ' \\u2014 ';\n",
    "      q.appendChild(el('span', 'meta', e.kind.replace(/_/g, ' ') + ': ' + nodes[e.source].label + arrowText +\n",
    "        nodes[e.target].label + (dates(e) ? ' \\u00b7 ' + dates(e) : '')));\n",
    "      panel.appendChild(q);\n",
    "    });\n",
    "  }\n",
    "\n",
    "  var rest = mine.filter(function (e) { return e.kind !== 'role'; });\n",
    "  if (rest.length) {\n",
    "    section('Relations');\n",
    "    kindOrder.forEach(function (kind) {\n",
    "      var list = rest.filter(function (e) { return e.kind === kind; }).sort(byWeight);\n",
    "      if (!list.length) return;\n",
    "      var h = el('h4');\n",
    "      var line = el('span', 'kindline' + (kindInfo[kind].directed ? ' arrow' : ''));\n",
    "      line.style.background = kindInfo[kind].color;\n",
    "      line.style.borderLeftColor = kindInfo[kind].color;\n",
    "      h.appendChild(line);\n",
    "      h.appendChild(el('span', null, kind.replace(/_/g, ' ') + ' (' + list.length + ')'));\n",
    "      panel.appendChild(h);\n",
    "      var ul = el('ul');\n",
    "      list.forEach(function (e) {\n",
    "        var li = el('li');\n",
    "        var dir = kindInfo[kind].directed ? (e.source === i ? '\\u2192 ' : '\\u2190 ') : '';\n",
    "        if (dir) li.appendChild(document.createTextNode(dir));\n",
    "        li.appendChild(nodeLink(other(e, i)));\n",
    "        li.appendChild(el('div', 'meta', edgeMeta(e)));\n",
    "        ul.appendChild(li);\n",
    "      });\n",
    "      panel.appendChild(ul);\n",
    "    });\n",
    "  }\n",
    "\n",
    "  var names = Object.keys(n.metrics || {});\n",
    "  if (names.length) {\n",
    "    var details = el('details'), mdl = el('dl');\n",
    "    details.appendChild(el('summary', null, 'Metrics'));\n",
    "    names.forEach(function (m) { field(mdl, m.replace(/_/g, ' '), fmt(n.metrics[m])); });\n",
    "    details.appendChild(mdl);\n",
    "    panel.appendChild(details);\n",
    "  }\n",
    "}\n",
    "function select(i, focus) {\n",
    "  selected = i;\n",
    "  if (i >= 0 && focus) center(nodes[i]);\n",
    "  render(i);\n",
    "  draw();\n",
    "}\n",
    "document.addEventListener('keydown', function (ev) {\n",
    "  if (ev.key === 'Escape' && document.activeElement !== search) select(-1, false);\n",
    "});\n",
    "\n",
    "fit();\n",
    "render(-1);\n",
    "draw();\n",
    "/* for scripts and tests: the data, selection, and what the frames took and showed */\n",
    "window.entigraph = {data: data, select: select, view: view, stats: stats, shown: function (i) { return nodeOn(nodes[i]); }};\n",
    "})();\n",
    "</script>\n",
    "</body>\n",
    "</html>\n",
};

/* ------------------------------------------------------------------ data */

/* Numbers the page draws with: two decimals are plenty on a 1000-unit frame. */
static double round2(double v)
{
    return isfinite(v) ? round(v * 100) / 100 : 0;
}

static double finite_or_zero(double v)
{
    return isfinite(v) ? v : 0;
}

/* Leaves out empty texts (no date, no website). */
static void add_text(eg_jsonw *j, const char *key, const char *s)
{
    if (s && s[0])
        eg_jsonw_string(j, key, s);
}

static void color_hex(char buf[8], unsigned char r, unsigned char g, unsigned char b)
{
    snprintf(buf, 8, "#%02x%02x%02x", r, g, b);
}

static void add_legend(eg_jsonw *j, const eg_network *net, const eg_svg_node *places)
{
    size_t type_count[EG_TYPE_COUNT] = {0}, kind_count[EG_EDGE_KIND_COUNT] = {0};
    for (size_t i = 0; i < net->n_nodes; i++)
        if ((unsigned)net->nodes[i].type < EG_TYPE_COUNT)
            type_count[net->nodes[i].type]++;
    for (size_t i = 0; i < net->n_edges; i++)
        if ((unsigned)net->edges[i].kind < EG_EDGE_KIND_COUNT)
            kind_count[net->edges[i].kind]++;
    unsigned char type_rgb[EG_TYPE_COUNT][3] = {{0}};
    bool by_type = net->n_nodes == 0 || eg_svg_colors_by_type(net, places, type_rgb);
    eg_jsonw_boolean(j, "colors_by_type", by_type);

    eg_jsonw_open(j, "types", '[');
    for (unsigned t = 0; t < EG_TYPE_COUNT; t++) {
        eg_jsonw_open(j, NULL, '{');
        eg_jsonw_string(j, "name", eg_type_name((eg_type)t));
        if (by_type && type_count[t]) {
            char hex[8];
            color_hex(hex, type_rgb[t][0], type_rgb[t][1], type_rgb[t][2]);
            eg_jsonw_string(j, "color", hex);
        }
        eg_jsonw_number(j, "count", (double)type_count[t], true);
        eg_jsonw_close(j, '}');
    }
    eg_jsonw_close(j, ']');
    eg_jsonw_open(j, "kinds", '[');
    for (unsigned k = 0; k < EG_EDGE_KIND_COUNT; k++) {
        eg_jsonw_open(j, NULL, '{');
        eg_jsonw_string(j, "name", eg_edge_kind_name((eg_edge_kind)k));
        eg_jsonw_string(j, "color", eg_svg_kind_color((eg_edge_kind)k));
        eg_jsonw_boolean(j, "directed", k != EG_EDGE_CO_MENTION);
        eg_jsonw_number(j, "count", (double)kind_count[k], true);
        eg_jsonw_close(j, '}');
    }
    eg_jsonw_close(j, ']');
}

/* The merge log's rows for node i (why each name is one of its names), but
 * those of its own name. */
static void add_joins(eg_jsonw *j, const eg_network *net, size_t i)
{
    size_t lo = 0, hi = net->n_merges;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (net->merges[mid].node < i)
            lo = mid + 1;
        else
            hi = mid;
    }
    bool any = false;
    for (size_t k = lo; k < net->n_merges && net->merges[k].node == i; k++) {
        const eg_merge_entry *me = &net->merges[k];
        if (strcmp(me->rule, "name") == 0)
            continue;
        if (!any)
            eg_jsonw_open(j, "joins", '[');
        any = true;
        eg_jsonw_open(j, NULL, '[');
        eg_jsonw_string(j, NULL, me->alias);
        eg_jsonw_string(j, NULL, me->rule);
        eg_jsonw_string(j, NULL, me->via ? me->via : "");
        eg_jsonw_close(j, ']');
    }
    if (any)
        eg_jsonw_close(j, ']');
}

static void add_node(eg_jsonw *j, const eg_network *net, const eg_svg_node *place, size_t i,
                     eg_strbuf *label)
{
    const eg_node *nd = &net->nodes[i];
    eg_jsonw_open(j, NULL, '{');
    eg_jsonw_string(j, "label", nd->label ? nd->label : "");
    eg_strbuf_reset(label);
    eg_svg_short_label(nd, label);
    if (eg_strbuf_status(label) != EG_OK)
        j->failed = true;
    else if (strcmp(label->buf, nd->label ? nd->label : "") != 0)
        eg_jsonw_string(j, "short", label->buf);
    eg_jsonw_string(j, "type", eg_type_name(nd->type));
    eg_jsonw_open(j, "aliases", '[');
    for (size_t a = 0; a < nd->n_aliases; a++)
        eg_jsonw_string(j, NULL, nd->aliases[a]);
    eg_jsonw_close(j, ']');
    add_joins(j, net, i);
    eg_jsonw_number(j, "mentions", (double)nd->mentions, true);
    eg_jsonw_number(j, "documents", (double)nd->documents, true);
    add_text(j, "first_date", nd->first_date);
    add_text(j, "last_date", nd->last_date);
    add_text(j, "website", nd->website);
    eg_jsonw_number(j, "x", round2(place->x), false);
    eg_jsonw_number(j, "y", round2(place->y), false);
    eg_jsonw_number(j, "r", round2(place->radius), false);
    char hex[8];
    color_hex(hex, place->r, place->g, place->b);
    eg_jsonw_string(j, "color", hex);
    eg_jsonw_open(j, "metrics", '{');
    for (size_t m = 0; m < net->n_metrics; m++) {
        const eg_metric *metric = &net->metrics[m];
        eg_jsonw_number(j, metric->name ? metric->name : "", finite_or_zero(metric->values[i]),
                        metric->integer);
    }
    eg_jsonw_close(j, '}');
    eg_jsonw_close(j, '}');
}

static void add_edge(eg_jsonw *j, const eg_edge *e)
{
    eg_jsonw_open(j, NULL, '{');
    eg_jsonw_number(j, "source", (double)e->source, true);
    eg_jsonw_number(j, "target", (double)e->target, true);
    eg_jsonw_string(j, "kind", eg_edge_kind_name(e->kind));
    add_text(j, "role", e->role);
    eg_jsonw_number(j, "weight", finite_or_zero(e->weight), false);
    eg_jsonw_number(j, "width", round2(eg_svg_edge_width(e)), false);
    eg_jsonw_number(j, "documents", (double)e->documents, true);
    add_text(j, "first_date", e->first_date);
    add_text(j, "last_date", e->last_date);
    add_text(j, "evidence", e->evidence);
    if (e->seats >= 0)
        eg_jsonw_number(j, "seats", e->seats, true);
    add_text(j, "seats_history", e->seats_history);
    eg_jsonw_number(j, "pmi", finite_or_zero(e->pmi), false);
    eg_jsonw_close(j, '}');
}

/* The page's data, written as it is made, one node or edge at a time (a
 * cJSON tree of it took seven times the size of the page). */
static void write_data(eg_jsonw *j, const eg_network *net, const eg_export_opts *opts,
                       const eg_svg_node *places)
{
    eg_strbuf label = EG_STRBUF_INIT;
    eg_jsonw_open(j, NULL, '{');
    eg_jsonw_string(j, "title", opts && opts->title && opts->title[0] ? opts->title : DEFAULT_TITLE);
    eg_jsonw_string(j, "generator", "entigraph " EG_VERSION);
    eg_jsonw_number(j, "documents", (double)net->n_documents, true);
    eg_jsonw_number(j, "label_top", (double)(opts && opts->label_top ? opts->label_top : DEFAULT_LABELS),
                    true);
    eg_jsonw_number(j, "crowded", EG_SVG_CROWDED, true);
    add_legend(j, net, places);
    eg_jsonw_open(j, "nodes", '[');
    for (size_t i = 0; i < net->n_nodes && !j->failed; i++) {
        add_node(j, net, &places[i], i, &label);
        eg_jsonw_maybe_flush(j);
    }
    eg_jsonw_close(j, ']');
    eg_jsonw_open(j, "edges", '[');
    for (size_t i = 0; i < net->n_edges && !j->failed; i++) {
        add_edge(j, &net->edges[i]);
        eg_jsonw_maybe_flush(j);
    }
    eg_jsonw_close(j, ']');
    eg_jsonw_close(j, '}');
    eg_jsonw_raw(j, "\n");
    eg_strbuf_release(&label);
}

/* ------------------------------------------------------------------ page */

static eg_status write_html(const eg_network *net, FILE *fp, const eg_export_opts *opts, eg_error *err)
{
    for (size_t i = 0; i < net->n_edges; i++) {
        const eg_edge *e = &net->edges[i];
        if (e->source >= net->n_nodes || e->target >= net->n_nodes)
            return eg_error_set(err, EG_EINVAL, "HTML: edge %zu links node %zu to node %zu, but there are %zu nodes",
                                i, e->source, e->target, net->n_nodes);
    }
    eg_svg_node *places = NULL;
    if (eg_svg_place(net, FRAME, FRAME, &places) != EG_OK)
        return eg_error_set(err, EG_ENOMEM, "HTML: out of memory");
    /* the page's lines and its data through one buffer, the data with "<",
     * ">" and "&" (only ever inside its strings) as \u escapes, so that
     * nothing in it can close the script element */
    eg_jsonw j;
    eg_jsonw_init(&j, fp, false);
    for (size_t i = 0; i < sizeof page_before_data / sizeof page_before_data[0]; i++)
        eg_jsonw_raw(&j, page_before_data[i]);
    eg_jsonw_flush(&j);
    j.script_safe = true;
    write_data(&j, net, opts, places);
    eg_jsonw_flush(&j);
    j.script_safe = false;
    for (size_t i = 0; i < sizeof page_after_data / sizeof page_after_data[0]; i++)
        eg_jsonw_raw(&j, page_after_data[i]);
    free(places);
    int error;
    eg_status status = eg_jsonw_finish(&j, &error);
    if (status == EG_ENOMEM)
        return eg_error_set(err, EG_ENOMEM, "HTML: out of memory");
    if (status)
        return eg_error_set(err, EG_EIO, "writing HTML failed: %s", strerror(error));
    return EG_OK;
}

eg_status eg_html_write(const eg_network *net, FILE *fp, const eg_export_opts *opts, eg_error *err)
{
    eg_c_locale locale;
    if (!eg_c_locale_enter(&locale))
        return eg_error_set(err, EG_ENOMEM, "HTML: cannot create the C locale");
    eg_status status = write_html(net, fp, opts, err);
    eg_c_locale_leave(&locale);
    return status;
}

// The relation graph of an entity page (cytoscape, vendored, loaded on first use): the entity and
// its neighbours on rings; a tapped node expands around itself without moving what is drawn.

import { errorBox, getJSON } from "../api.js";
import { entityHref, h, typeLabel } from "../dom.js";

export const MAX_NEIGHBORS = 40; // drawn per expansion; the list below the graph shows all of them
const FONT = '"Noto Sans CJK SC", "WenQuanYi Micro Hei", "Microsoft YaHei", sans-serif';
const COLORS = {
  document: "#5b6b7f", organization: "#b23a2e", region: "#2f7d4f", program: "#c27c0e",
  branch: "#7a4fb0", person: "#1f6fb2", concept: "#8a8a8a",
};

/** Edge label in Chinese; part_of reads 组成部分 for a document in a bulletin, 隶属 otherwise. */
export function relationLabel(relation, sourceType = null) {
  if (relation === "part_of") return sourceType === "document" ? "组成部分" : "隶属";
  return {
    issued_by: "发文机关", cites: "引用", implements: "落实", launches: "发起", located_in: "位于",
    covers: "适用地区", authored_by: "作者", member_of: "任职于", mentions: "提及",
  }[relation] || relation;
}

function shortLabel(name) {
  return name.length > 12 ? `${name.slice(0, 11)}…` : name;
}

let cytoscapeModule = null;

async function loadCytoscape() {
  // Loaded on first use only: the library is the largest file of the UI.
  cytoscapeModule ??= import("../vendor/cytoscape/cytoscape.esm.min.mjs");
  return (await cytoscapeModule).default;
}

function nodeData(e, root = false) {
  return { data: { id: e.id, label: shortLabel(e.name), name: e.name, type: e.type, root } };
}

function edgeData(source, target, relation, sourceType) {
  return { data: { id: `${source}|${relation}|${target}`, source, target, relation, label: relationLabel(relation, sourceType) } };
}

/** Elements for an entity and its neighbours (at most `max`, the ones not yet drawn first). */
export function neighborhoodElements(entity, max = MAX_NEIGHBORS, present = new Set()) {
  const els = [];
  const added = new Set();
  const edges = new Set();
  for (const n of entity.neighbors || []) {
    const other = n.entity;
    if (!present.has(other.id) && !added.has(other.id)) {
      if (added.size >= max) continue; // neither the node nor its edge
      added.add(other.id);
      els.push(nodeData(other));
    }
    const [src, dst, srcType] = n.direction === "out"
      ? [entity.id, other.id, entity.type]
      : [other.id, entity.id, other.type];
    const edge = edgeData(src, dst, n.relation, srcType);
    if (!edges.has(edge.data.id)) {
      edges.add(edge.data.id);
      els.push(edge);
    }
  }
  return els;
}

/**
 * Positions for the first drawing: the entity in the middle, its neighbours on concentric ellipses
 * (wider than tall, like the canvas), each ring holding as many nodes as fit side by side.
 */
export function ringPositions(rootId, ids, { gap = 90, stretch = 1.9, first = 120, step = 95 } = {}) {
  const pos = { [rootId]: { x: 0, y: 0 } };
  let i = 0;
  for (let ring = 0; i < ids.length; ring++) {
    const r = first + ring * step;
    const a = r * stretch;
    const perimeter = 2 * Math.PI * Math.sqrt((a * a + r * r) / 2);
    const count = Math.min(ids.length - i, Math.max(6, Math.floor(perimeter / gap)));
    for (let k = 0; k < count; k++, i++) {
      const angle = -Math.PI / 2 + (2 * Math.PI * k) / count + (ring % 2 ? Math.PI / count : 0);
      pos[ids[i]] = { x: a * Math.cos(angle), y: r * Math.sin(angle) };
    }
  }
  return pos;
}

/** Fit the graph, but never blow a handful of nodes up to giant labels. */
function fitGently(cy, maxZoom = 1.2) {
  cy.fit(undefined, 30);
  if (cy.zoom() > maxZoom) {
    cy.zoom(maxZoom);
    cy.center();
  }
}

const MIN_READABLE_ZOOM = 0.75; // 12 px labels stay ≥ 9 px on screen

/**
 * After an expansion: show everything if that keeps labels readable, else stay readable around
 * the expanded node (the rest is a pan away). Only the viewport moves, never a node.
 */
function fitReadable(cy, focus) {
  fitGently(cy);
  if (cy.zoom() < MIN_READABLE_ZOOM) {
    cy.zoom(MIN_READABLE_ZOOM);
    cy.center(focus);
  }
}

/**
 * Positions for nodes added around `node`: arcs on the side facing away from the rest of the
 * graph, so the existing nodes keep their places and the new ones do not land on them.
 */
export function arcPositions(center, away, count, { first = 130, step = 85, gap = 80 } = {}) {
  const base = Math.atan2(center.y - away.y, center.x - away.x) || 0;
  const out = [];
  for (let ring = 0; out.length < count; ring++) {
    const r = first + ring * step;
    const span = Math.PI * 1.2; // the side away from the graph, not a full circle
    const fit = Math.max(3, Math.floor((span * r) / gap));
    const n = Math.min(fit, count - out.length);
    for (let k = 0; k < n; k++) {
      const a = base + (n === 1 ? 0 : -span / 2 + (span * k) / (n - 1)) + (ring % 2 ? span / (2 * fit) : 0);
      out.push({ x: center.x + r * Math.cos(a) * 1.4, y: center.y + r * Math.sin(a) });
    }
  }
  return out;
}

/** Place new nodes around their anchor without moving any node already drawn. */
function placeAround(cy, anchor, added) {
  const others = cy.nodes().not(added);
  const bb = others.length > 1 ? others.boundingBox() : null;
  const away = bb ? { x: (bb.x1 + bb.x2) / 2, y: (bb.y1 + bb.y2) / 2 } : { x: anchor.position("x"), y: anchor.position("y") - 1 };
  const pos = arcPositions(anchor.position(), away, added.length);
  added.forEach((n, i) => { n.position(pos[i]); });
}

function graphStyle() {
  const style = [
    { selector: "node", style: {
      label: "data(label)", "font-family": FONT, "font-size": 12, color: "#1f2328",
      "text-valign": "bottom", "text-margin-y": 4, "text-wrap": "none",
      "text-background-color": "#ffffff", "text-background-opacity": 0.85, "text-background-padding": 2,
      "min-zoomed-font-size": 8, // hide rather than overlap illegible labels when zoomed far out
      width: 22, height: 22, "background-color": "#8a8a8a", "border-width": 2, "border-color": "#ffffff",
    } },
    { selector: "node[?root]", style: { width: 36, height: 36, "font-size": 14, "font-weight": "bold", "border-color": "#1f2328", "border-width": 3 } },
    { selector: "node.expanded", style: { "border-color": "#1f2328" } },
    { selector: "node:selected", style: { "overlay-color": "#1a73e8", "overlay-opacity": 0.25, "overlay-padding": 6 } },
    { selector: "edge", style: {
      width: 1.5, "line-color": "#b9c0c8", "target-arrow-color": "#b9c0c8", "target-arrow-shape": "triangle",
      "curve-style": "bezier", label: "data(label)", "font-family": FONT, "font-size": 10, color: "#57606a",
      "text-rotation": "autorotate", "text-background-color": "#ffffff", "text-background-opacity": 0.9, "text-background-padding": 1,
    } },
    { selector: ".on-path", style: { "line-color": "#d9480f", "target-arrow-color": "#d9480f", width: 3, "border-color": "#d9480f" } },
  ];
  for (const [type, color] of Object.entries(COLORS)) {
    style.push({ selector: `node[type = "${type}"]`, style: { "background-color": color } });
  }
  return style;
}

export function legend() {
  return h("ul", { class: "legend", "aria-label": "图例" }, Object.entries(COLORS).map(([t, c]) =>
    h("li", {}, h("span", { class: "legend__dot", style: `background:${c}` }), typeLabel(t))));
}

/** The interactive graph. Returns {cy, highlightPath}. */
export async function drawGraph(container, panel, entity, signal) {
  const cytoscape = await loadCytoscape();
  const cy = cytoscape({
    container,
    elements: [nodeData(entity, true), ...neighborhoodElements(entity, MAX_NEIGHBORS, new Set([entity.id]))],
    style: graphStyle(),
    layout: { name: "preset" },
    minZoom: 0.2, maxZoom: 3,
  });
  // Neighbours grouped by type around the ring, so each colour forms one arc.
  const order = Object.keys(COLORS);
  const others = cy.nodes().filter((n) => n.id() !== entity.id).toArray()
    .sort((a, b) => order.indexOf(a.data("type")) - order.indexOf(b.data("type")))
    .map((n) => n.id());
  // A phone's canvas is taller than wide: rings stretched the other way keep labels legible.
  const narrow = container.clientWidth < 600;
  const positions = ringPositions(entity.id, others, narrow ? { stretch: 0.55, gap: 100, first: 110, step: 80 } : {});
  cy.nodes().positions((n) => positions[n.id()]);
  // Relation names on edges crowd a phone's canvas; the list below the graph names them.
  if (narrow) cy.style().selector("edge").style({ label: "" }).update();
  cy.getElementById(entity.id).addClass("expanded");
  fitGently(cy);
  const sync = () => {
    container.dataset.nodeCount = String(cy.nodes().length);
    container.dataset.edgeCount = String(cy.edges().length);
  };
  sync();

  async function expand(node) {
    if (node.hasClass("expanded")) return;
    node.addClass("expanded");
    const detail = await getJSON(`/api/entities/${encodeURIComponent(node.id())}`, {}, { signal });
    const present = new Set(cy.nodes().map((n) => n.id()));
    const els = neighborhoodElements(detail, MAX_NEIGHBORS, present).filter((e) => !cy.getElementById(e.data.id).length);
    if (!els.length) return;
    const added = cy.add(els);
    // New nodes go around the expanded one; the nodes already drawn stay where the user saw them.
    placeAround(cy, node, added.nodes());
    fitReadable(cy, node);
    sync();
  }

  function showPanel(node) {
    const id = node.id();
    const expandBtn = h("button", { type: "button", class: "btn btn--small", disabled: node.hasClass("expanded") },
      node.hasClass("expanded") ? "已展开" : "展开关系");
    expandBtn.addEventListener("click", async () => {
      expandBtn.disabled = true;
      await expand(node).catch(() => {});
      expandBtn.textContent = "已展开";
    });
    panel.replaceChildren(
      h("p", { class: "graph-panel__type" }, typeLabel(node.data("type"))),
      h("p", { class: "graph-panel__name" }, node.data("name")),
      h("div", { class: "graph-panel__actions" }, expandBtn,
        id === entity.id ? null : h("a", { class: "btn btn--small btn--primary", href: entityHref(id) }, "打开")));
  }

  cy.on("tap", "node", async (ev) => {
    const node = ev.target;
    showPanel(node);
    try {
      await expand(node);
      showPanel(node);
    } catch (err) {
      if (err.name !== "AbortError") panel.append(errorBox(err));
    }
  });
  cy.on("dbltap", "node", (ev) => {
    if (ev.target.id() !== entity.id) location.hash = entityHref(ev.target.id());
  });
  container.cy = cy; // handy from the console (and for the browser tests)
  container.dataset.ready = "true";

  function highlightPath(path) {
    cy.elements().removeClass("on-path");
    const els = [];
    for (const n of path.nodes || []) if (!cy.getElementById(n.id).length) els.push(nodeData(n));
    for (const s of path.steps || []) {
      const src = (path.nodes || []).find((n) => n.id === s.source);
      const e = edgeData(s.source, s.target, s.relation, src ? src.type : null);
      if (!cy.getElementById(e.data.id).length) els.push(e);
    }
    if (els.length) {
      const added = cy.add(els).nodes();
      // Each new node next to a path neighbour already drawn (the path is a chain).
      for (const n of added.toArray()) {
        const anchor = n.neighborhood("node").filter((m) => !added.contains(m))[0] || cy.getElementById(entity.id);
        placeAround(cy, anchor, n);
      }
      fitGently(cy);
    }
    for (const n of path.nodes || []) cy.getElementById(n.id).addClass("on-path");
    for (const s of path.steps || []) cy.getElementById(`${s.source}|${s.relation}|${s.target}`).addClass("on-path");
    sync();
  }
  return { cy, highlightPath };
}

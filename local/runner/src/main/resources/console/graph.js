'use strict';
// Draws an Amazon States Language definition as an SVG graph: states in rows by their distance from StartAt,
// Parallel and Map states as boxes holding their branches, each state coloured by what its history says.
(function () {
  const SVG = 'http://www.w3.org/2000/svg';
  const NODE_W = 170, NODE_H = 34, GAP_X = 24, GAP_Y = 36, PAD = 14, TITLE = 22;

  function targets(state) {
    const out = [];
    if (state.Next) out.push({ to: state.Next, kind: 'next' });
    if (state.Default) out.push({ to: state.Default, kind: 'next' });
    for (const c of state.Choices || []) if (c.Next) out.push({ to: c.Next, kind: 'next' });
    for (const c of state.Catch || []) if (c.Next) out.push({ to: c.Next, kind: 'catch' });
    return out;
  }

  /** Lays out one States map; returns {w, h, nodes, edges} with node positions relative to the map's origin. */
  function layout(def) {
    const states = def.States || {};
    const rank = { [def.StartAt]: 0 };
    const queue = [def.StartAt];
    while (queue.length) {
      const name = queue.shift();
      for (const t of targets(states[name] || {})) {
        if (states[t.to] && rank[t.to] === undefined) { rank[t.to] = rank[name] + 1; queue.push(t.to); }
      }
    }
    let extra = Math.max(0, ...Object.values(rank)) + 1;
    for (const name of Object.keys(states)) if (rank[name] === undefined) rank[name] = extra++; // unreachable: at the end
    const nodes = {};
    for (const [name, state] of Object.entries(states)) {
      const inner = (state.Branches || []).map(layout);
      if (state.ItemProcessor || state.Iterator) inner.push(layout(state.ItemProcessor || state.Iterator));
      let w = NODE_W, h = NODE_H;
      if (inner.length) {
        w = Math.max(NODE_W, inner.reduce((s, b) => s + b.w, 0) + GAP_X * (inner.length - 1) + 2 * PAD);
        h = TITLE + Math.max(...inner.map((b) => b.h)) + 2 * PAD;
      }
      nodes[name] = { name, type: state.Type, w, h, inner, rank: rank[name] };
    }
    const rows = [];
    for (const n of Object.values(nodes)) (rows[n.rank] = rows[n.rank] || []).push(n);
    const width = Math.max(...rows.filter(Boolean).map((r) => r.reduce((s, n) => s + n.w, 0) + GAP_X * (r.length - 1)));
    let y = 0;
    for (const row of rows.filter(Boolean)) {
      const rowW = row.reduce((s, n) => s + n.w, 0) + GAP_X * (row.length - 1);
      let x = (width - rowW) / 2;
      const rowH = Math.max(...row.map((n) => n.h));
      for (const n of row) { n.x = x; n.y = y; x += n.w + GAP_X; }
      y += rowH + GAP_Y;
    }
    const edges = [];
    for (const [name, state] of Object.entries(states)) {
      for (const t of targets(state)) if (nodes[t.to]) edges.push({ from: nodes[name], to: nodes[t.to], kind: t.kind });
    }
    return { w: width, h: y - GAP_Y, nodes: Object.values(nodes), edges };
  }

  function el(name, attrs, parent) {
    const e = document.createElementNS(SVG, name);
    for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
    if (parent) parent.appendChild(e);
    return e;
  }

  const COLOURS = {
    succeeded: ['#dcfce7', '#15803d'], failed: ['#fee2e2', '#b91c1c'], running: ['#dbeafe', '#1d4ed8'],
    recovered: ['#fef3c7', '#a16207'], idle: ['#f9fafb', '#9ca3af'],
  };

  function draw(g, lay, ox, oy, outcome) {
    for (const e of lay.edges) {
      const a = e.from, b = e.to;
      const x1 = ox + a.x + a.w / 2, y1 = oy + a.y + a.h, x2 = ox + b.x + b.w / 2, y2 = oy + b.y;
      let d;
      if (b.rank > a.rank) d = `M${x1},${y1} C${x1},${y1 + 20} ${x2},${y2 - 20} ${x2},${y2}`;
      else { // back edge: around the right side
        const xr = ox + Math.max(a.x + a.w, b.x + b.w) + 14;
        d = `M${ox + a.x + a.w},${oy + a.y + a.h / 2} C${xr},${oy + a.y + a.h / 2} ${xr},${oy + b.y + b.h / 2} ${ox + b.x + b.w},${oy + b.y + b.h / 2}`;
      }
      el('path', { d, fill: 'none', stroke: e.kind === 'catch' ? '#ef4444' : '#94a3b8', 'stroke-width': 1.5,
        'stroke-dasharray': e.kind === 'catch' ? '5 4' : '', 'marker-end': `url(#arrow-${e.kind})` }, g);
    }
    for (const n of lay.nodes) {
      const state = outcome[n.name] || { status: 'idle' };
      const [fill, stroke] = COLOURS[state.status];
      const group = el('g', { 'data-state': n.name, 'data-status': state.status, class: 'state' }, g);
      const title = el('title', {}, group);
      title.textContent = `${n.name} (${n.type}): ${state.status}${state.failures ? `, ${state.failures} failed attempt(s)` : ''}`;
      el('rect', { x: ox + n.x, y: oy + n.y, width: n.w, height: n.h, rx: n.inner.length ? 10 : 6, fill, stroke,
        'stroke-width': state.status === 'idle' ? 1 : 2 }, group);
      const label = el('text', { x: ox + n.x + (n.inner.length ? 10 : n.w / 2), y: oy + n.y + (n.inner.length ? 16 : n.h / 2 + 4),
        'text-anchor': n.inner.length ? 'start' : 'middle', fill: '#111827' }, group);
      label.textContent = n.name + (state.failures ? `  ✕${state.failures}` : '');
      let x = ox + n.x + PAD;
      for (const branch of n.inner) {
        draw(g, branch, x, oy + n.y + TITLE + PAD, outcome);
        x += branch.w + GAP_X;
      }
    }
  }

  /**
   * What happened to each state, from AWS history events: idle (never entered), running, succeeded,
   * recovered (exited after failed attempts: retried or caught) or failed (entered, never left, execution over).
   */
  /** The state each event belongs to (Task events name none: follow previousEventId back to the state's own events). */
  function stateNames(events) {
    const byId = new Map(events.map((e) => [e.id, e]));
    const names = new Map();
    for (const e of events) {
      for (let cur = e, hops = 0; cur && hops < 1000; cur = byId.get(cur.previousEventId), hops++) {
        if (/^Execution/.test(cur.type)) break;
        const d = cur.stateEnteredEventDetails || cur.stateExitedEventDetails || cur.mapIterationStartedEventDetails;
        if (d) { names.set(e.id, d.name); break; }
        if (names.has(cur.id)) { names.set(e.id, names.get(cur.id)); break; }
      }
    }
    return names;
  }

  function outcome(events, executionStatus) {
    const names = stateNames(events);
    const nameOf = (e) => names.get(e.id);
    const out = {};
    const get = (n) => (out[n] = out[n] || { entered: 0, exited: 0, failures: 0, fail: false });
    for (const e of events) {
      if (e.stateEnteredEventDetails) { get(e.stateEnteredEventDetails.name).entered++; if (e.type === 'FailStateEntered') get(e.stateEnteredEventDetails.name).fail = true; }
      if (e.stateExitedEventDetails) get(e.stateExitedEventDetails.name).exited++;
      if (/^(TaskFailed|LambdaFunctionFailed|TaskTimedOut|LambdaFunctionTimedOut|MapStateFailed|ParallelStateFailed)$/.test(e.type)) {
        const n = nameOf(e);
        if (n) get(n).failures++;
      }
    }
    for (const s of Object.values(out)) {
      if (s.fail) s.status = 'failed';
      else if (s.exited >= s.entered && s.entered > 0) s.status = s.failures ? 'recovered' : 'succeeded';
      else s.status = executionStatus === 'RUNNING' ? 'running' : 'failed';
    }
    return out;
  }

  function render(container, definitionText, events, executionStatus) {
    const def = JSON.parse(definitionText);
    const lay = layout(def);
    const margin = 20;
    const svg = el('svg', { width: lay.w + 2 * margin + 30, height: lay.h + 2 * margin, role: 'img',
      'aria-label': 'state machine graph', class: 'sm-graph' });
    const defs = el('defs', {}, svg);
    for (const [kind, colour] of [['next', '#94a3b8'], ['catch', '#ef4444']]) {
      const m = el('marker', { id: `arrow-${kind}`, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto' }, defs);
      el('path', { d: 'M0,0 L10,5 L0,10 z', fill: colour }, m);
    }
    draw(el('g', {}, svg), lay, margin, margin, outcome(events, executionStatus));
    container.replaceChildren(svg);
  }

  window.productflowGraph = { render, outcome, layout, stateNames };
})();

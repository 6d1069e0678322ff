'use strict';
// The productflow local console: hash-routed views over /api/*, refreshed every 2 s. Data only ever reaches the
// page through textContent (never innerHTML); actions are POSTs carrying this run's token.
(function () {
  const TOKEN = document.querySelector('meta[name="console-token"]').content;
  const REFRESH_MS = 2000;
  const STATUSES = ['PENDING', 'IN_PROGRESS', 'COMPLETED', 'FAILED', 'QUARANTINED'];
  const view = document.getElementById('view');
  const message = document.getElementById('message');
  const freshness = document.getElementById('freshness');
  let current = null; // {update()} of the view on screen
  let timer = null;

  function h(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
      else if (k === 'style') e.style.cssText = v; // CSSOM: allowed by the page's CSP, unlike a style attribute
      else e.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
    return e;
  }
  const badge = (s) => h('span', { class: `badge s-${s}` }, s);
  const time = (t) => (t === undefined || t === null ? '' : new Date(typeof t === 'number' ? t * 1000 : t).toLocaleTimeString());
  const mb = (bytes) => (bytes / 1048576).toFixed(bytes < 1048576 ? 3 : 1);
  const fileHref = (b, k) => `#/file?bucket=${encodeURIComponent(b)}&key=${encodeURIComponent(k)}`;
  const execHref = (arn) => `#/execution?arn=${encodeURIComponent(arn)}`;

  function show(text, kind) {
    message.textContent = text;
    message.className = kind;
    message.hidden = !text;
  }

  async function api(path, body) {
    let response;
    try {
      response = await fetch(path, body === undefined ? { headers: { Accept: 'application/json' } } : {
        method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Console-Token': TOKEN }, body: JSON.stringify(body),
      });
    } catch (e) {
      throw new Error('the console is not answering (is ./productflow local still running?)');
    }
    let data = null;
    try { data = await response.json(); } catch (e) { /* answered below */ }
    if (!response.ok) throw new Error((data && data.error) || `${response.status} ${response.statusText}`);
    return data;
  }

  function table(head, rows, empty) {
    if (!rows.length) return h('div', { class: 'empty' }, empty);
    return h('table', {}, h('thead', {}, h('tr', {}, head.map((c) => h('th', { class: c.startsWith('#') ? 'num' : null }, c.replace(/^#/, ''))))),
      h('tbody', {}, rows));
  }

  // ---- views: each returns {update} after drawing its frame; update() fetches and redraws its data ----

  function overview() {
    const cards = h('div', { class: 'cards' });
    const runs = h('div', { class: 'cards' });
    const chart = h('div', { class: 'chart', 'aria-label': 'files completed per minute' });
    const chartNote = h('p', { class: 'muted' });
    view.replaceChildren(h('h1', {}, 'Overview'), h('h2', {}, 'Files by status'), cards, h('h2', {}, 'Executions and products'), runs,
      h('h2', {}, 'Throughput, last 10 minutes (completed files per minute)'), chart, chartNote);
    return {
      async update() {
        const o = await api('/api/overview');
        cards.replaceChildren(...STATUSES.map((s) => h('a', { class: 'card', href: `#/files?status=${s}`, 'data-status': s },
          h('div', { class: 'n' }, o.files[s] || 0), h('div', { class: 'l' }, s))));
        const ex = o.executions;
        runs.replaceChildren(
          h('div', { class: 'card', 'data-kind': 'running' }, h('div', { class: 'n' }, ex.RUNNING || 0), h('div', { class: 'l' }, 'executions running')),
          h('div', { class: 'card', 'data-kind': 'failed' }, h('div', { class: 'n' }, (ex.FAILED || 0) + (ex.ABORTED || 0) + (ex.TIMED_OUT || 0)), h('div', { class: 'l' }, 'executions failed')),
          h('div', { class: 'card' }, h('div', { class: 'n' }, ex.SUCCEEDED || 0), h('div', { class: 'l' }, 'executions succeeded')),
          h('div', { class: 'card', 'data-kind': 'published' }, h('div', { class: 'n' }, o.published), h('div', { class: 'l' }, 'products published')));
        const max = Math.max(1, ...o.throughput.map((m) => m.files));
        chart.replaceChildren(...o.throughput.map((m) => h('div', { class: 'bar', title: `${m.minute}: ${m.files} files, ${m.records} records, ${mb(m.bytes)} MB` },
          String(m.files), h('i', { style: `height:${Math.round((m.files / max) * 80)}%` }), new Date(m.minute).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }))));
        const sum = o.throughput.reduce((a, m) => ({ files: a.files + m.files, records: a.records + m.records, bytes: a.bytes + m.bytes }), { files: 0, records: 0, bytes: 0 });
        chartNote.textContent = `${sum.files} files, ${sum.records} records, ${mb(sum.bytes)} MB converted in the last 10 minutes`;
      },
    };
  }

  function files(params) {
    const status = h('select', { 'aria-label': 'status', id: 'status-filter' }, h('option', { value: '' }, 'all statuses'),
      STATUSES.map((s) => h('option', { value: s, selected: params.get('status') === s }, s)));
    const text = h('input', { type: 'search', placeholder: 'filter by bucket/key…', 'aria-label': 'filter', id: 'text-filter', value: params.get('q') || '' });
    const list = h('div', {});
    let last = null;
    const redraw = () => {
      if (!last) return;
      const q = text.value.trim().toLowerCase();
      const shown = last.files.filter((f) => `${f.bucket}/${f.key}`.toLowerCase().includes(q));
      list.replaceChildren(h('p', { class: 'muted' }, `${shown.length} of ${last.count} files`),
        table(['file', 'status', '#attempts', '#records', '#input MB', 'updated', 'last error'], shown.map((f) => h('tr', { 'data-key': f.key, 'data-status': f.status },
          h('td', {}, h('a', { href: fileHref(f.bucket, f.key), class: 'mono' }, `${f.bucket}/${f.key}`)), h('td', {}, badge(f.status)),
          h('td', { class: 'num' }, `${f.attempts}/${f.maxAttempts}`), h('td', { class: 'num' }, f.records ?? ''), h('td', { class: 'num' }, mb(f.inputBytes)),
          h('td', {}, time(f.updatedAt)), h('td', {}, f.lastError ? `${f.lastError.type}: ${f.lastError.message}` : ''))), 'No files match.'));
    };
    const keepInHash = () => {
      const p = new URLSearchParams();
      if (status.value) p.set('status', status.value);
      if (text.value) p.set('q', text.value);
      history.replaceState(null, '', `#/files${p.toString() ? `?${p}` : ''}`);
    };
    status.addEventListener('change', () => { keepInHash(); current.update().catch(failed); });
    text.addEventListener('input', () => { keepInHash(); redraw(); });
    view.replaceChildren(h('h1', {}, 'Files'), h('div', { class: 'toolbar' }, status, text), list);
    return {
      async update() {
        last = await api(`/api/files${status.value ? `?status=${encodeURIComponent(status.value)}` : ''}`);
        redraw();
      },
    };
  }

  function file(params) {
    const bucket = params.get('bucket'), key = params.get('key');
    const body = h('div', {});
    const verdict = h('div', { id: 'verify-result', role: 'status' });
    view.replaceChildren(h('h1', { class: 'mono' }, `${bucket || '?'}/${key || '?'}`), verdict, body);
    return {
      async update() {
        const f = await api(`/api/file?bucket=${encodeURIComponent(bucket || '')}&key=${encodeURIComponent(key || '')}`);
        const newest = f.versions[f.versions.length - 1];
        const actions = h('div', { class: 'toolbar' });
        if (newest.outputKey) {
          actions.append(h('a', { href: `/api/output?bucket=${encodeURIComponent(bucket)}&key=${encodeURIComponent(key)}`, download: true, id: 'download' }, `Download ${newest.outputKey}`),
            h('button', { id: 'verify', onclick: async (ev) => {
              ev.target.disabled = true;
              try {
                const v = await api('/api/verify', { bucket, key });
                verdict.replaceChildren(h('p', {}, v.matches ? badge('COMPLETED') : badge('FAILED'), ` SHA-256 ${v.matches ? 'matches' : 'DOES NOT match'}: ${v.object}, ${v.bytes} bytes, computed `, h('code', {}, v.sha256), ', stored ', h('code', {}, v.stored || 'none'), ', recorded ', h('code', {}, v.recorded || 'none')));
              } catch (e) { failed(e); } finally { ev.target.disabled = false; }
            } }, 'Verify SHA-256'));
        }
        if (newest.status === 'FAILED' || newest.status === 'QUARANTINED') {
          actions.append(h('button', { id: 'requeue', onclick: () => act('/api/requeue', { bucket, key }, (r) => `requeued ${r.requeued}: now ${r.record.status}`) }, 'Requeue'));
        }
        body.replaceChildren(actions, ...f.versions.slice().reverse().map((v) => h('section', {},
          h('h2', {}, 'Record ', badge(v.status), v.versionId ? ` version ${v.versionId}` : '', v.etag ? ` ETag ${v.etag}` : ''),
          h('dl', { class: 'record' }, Object.entries(v).filter(([k]) => k !== 'executions').flatMap(([k, val]) => [h('dt', {}, k),
            h('dd', { class: 'mono' }, typeof val === 'object' ? JSON.stringify(val) : String(val))])),
          h('h2', {}, 'Executions'),
          table(['name', 'status', 'started', 'stopped'], v.executions.map((e) => h('tr', {}, h('td', {}, h('a', { href: execHref(e.executionArn), class: 'mono' }, e.name)),
            h('td', {}, badge(e.status)), h('td', {}, time(e.startDate)), h('td', {}, time(e.stopDate)))), 'No execution yet.'))));
      },
    };
  }

  function execution(params) {
    const arn = params.get('arn');
    const head = h('div', {});
    const graph = h('div', { class: 'graph', id: 'graph' });
    const events = h('div', {});
    const legend = h('div', { class: 'legend' }, ['succeeded', 'recovered', 'failed', 'running', 'idle'].map((s) => h('span', { class: `badge s-${s}` }, s)));
    view.replaceChildren(h('h1', {}, 'Execution'), head, h('h2', {}, 'Graph'), legend, graph, h('h2', {}, 'History'), events);
    let drawnFor = null;
    return {
      async update() {
        if (drawnFor && drawnFor !== 'RUNNING') return; // a closed execution does not change
        const x = await api(`/api/execution?arn=${encodeURIComponent(arn || '')}`);
        const e = x.execution;
        head.replaceChildren(h('p', {}, badge(e.status), ' ', h('code', {}, e.executionArn)),
          h('p', { class: 'muted' }, `started ${time(e.startDate)}${e.stopDate ? `, stopped ${time(e.stopDate)}` : ''}, state machine ${x.stateMachine.name}`),
          ...(e.error ? [h('p', { id: 'execution-error' }, h('strong', {}, e.error), ': ', h('code', {}, e.cause || ''))] : []));
        const stateOf = window.productflowGraph.stateNames(x.events);
        window.productflowGraph.render(graph, x.stateMachine.definition, x.events, e.status);
        events.replaceChildren(table(['#id', 'type', 'time', 'state', 'details'], x.events.map((ev) => {
          const detailsKey = Object.keys(ev).find((k) => k.endsWith('EventDetails'));
          const d = detailsKey ? ev[detailsKey] : null;
          const name = stateOf.get(ev.id) || '';
          const summary = d ? (d.error ? `${d.error}` : d.resource ? `${d.resourceType}:${d.resource}` : detailsKey.replace('EventDetails', '')) : '';
          return h('tr', { 'data-type': ev.type }, h('td', { class: 'num' }, ev.id), h('td', {}, ev.type), h('td', {}, time(ev.timestamp)), h('td', {}, name),
            h('td', {}, d ? h('details', {}, h('summary', {}, summary), h('pre', {}, pretty(d))) : ''));
        }), 'No events.'));
        drawnFor = e.status;
      },
    };
  }

  function pretty(details) {
    const copy = { ...details };
    for (const k of ['input', 'output', 'parameters', 'cause']) {
      if (typeof copy[k] === 'string') { try { copy[k] = JSON.parse(copy[k]); } catch (e) { /* keep the text */ } }
    }
    return JSON.stringify(copy, null, 2);
  }

  function topic() {
    const list = h('div', {});
    const note = h('p', { class: 'muted' });
    view.replaceChildren(h('h1', {}, 'Topic'), note, list);
    return {
      async update() {
        const t = await api('/api/topic?limit=50');
        note.textContent = `${t.topic}: ${t.count} messages in ${t.partitions} partition(s); the latest ${t.messages.length}, newest first`;
        list.replaceChildren(table(['key', '#partition', '#offset', 'time', 'value'], t.messages.map((m) => h('tr', { 'data-key': m.key },
          h('td', { class: 'mono' }, m.key ?? ''), h('td', { class: 'num' }, m.partition), h('td', { class: 'num' }, m.offset), h('td', {}, time(m.timestamp)),
          h('td', {}, h('details', {}, h('summary', { class: 'mono' }, (m.value || '').slice(0, 90)), h('pre', {}, m.value || ''))))), 'No messages yet.'));
      },
    };
  }

  function actions() {
    const prefix = h('input', { type: 'text', id: 'backfill-prefix', placeholder: 'incoming/', 'aria-label': 'prefix' });
    const bucket = h('input', { type: 'text', id: 'requeue-bucket', placeholder: 'productflow-input', 'aria-label': 'bucket' });
    const key = h('input', { type: 'text', id: 'requeue-key', placeholder: 'incoming/products.json', 'aria-label': 'key' });
    view.replaceChildren(h('h1', {}, 'Actions'),
      h('h2', {}, 'Backfill a prefix'), h('p', { class: 'muted' }, 'Runs the backfill state machine over every file under the prefix of the input bucket.'),
      h('form', { class: 'toolbar', onsubmit: (e) => { e.preventDefault(); act('/api/backfill', { prefix: prefix.value }, (r) => `backfill of ${r.bucket}/${r.prefix} started: ${r.executionArn}`, execHref); } },
        prefix, h('button', { type: 'submit', id: 'backfill' }, 'Start backfill')),
      h('h2', {}, 'Redrive'), h('p', { class: 'muted' }, 'Runs RedriveFunction now (its schedule runs it every 15 minutes in AWS): FAILED files with attempts left, expired leases and never-started files get a new execution.'),
      h('div', { class: 'toolbar' }, h('button', { id: 'redrive', onclick: () => act('/api/redrive', {}, (r) => `RedriveFunction: ${JSON.stringify(r.result)}`) }, 'Run redrive')),
      h('h2', {}, 'Requeue a file'), h('p', { class: 'muted' }, 'Sends a FAILED or QUARANTINED file back to PENDING with its attempts reset.'),
      h('form', { class: 'toolbar', onsubmit: (e) => { e.preventDefault(); act('/api/requeue', { bucket: bucket.value, key: key.value }, (r) => `requeued ${r.requeued}: now ${r.record.status}`); } },
        bucket, key, h('button', { type: 'submit', id: 'requeue-form' }, 'Requeue')));
    return { async update() {} };
  }

  async function act(path, body, say, linkOf) {
    try {
      const r = await api(path, body);
      show(say(r), 'info');
      if (linkOf && r.executionArn) message.append(' ', h('a', { href: linkOf(r.executionArn) }, 'open'));
      if (current) current.update().catch(failed);
    } catch (e) {
      failed(e);
    }
  }

  function failed(e) {
    show(e.message, 'error');
    freshness.textContent = 'update failed';
  }

  const VIEWS = { '': overview, files, file, execution, topic, actions };

  async function refresh() {
    if (!current) return;
    try {
      await current.update();
      freshness.textContent = `updated ${new Date().toLocaleTimeString()}`;
    } catch (e) {
      failed(e);
    }
  }

  function route() {
    const hash = location.hash.replace(/^#\/?/, '');
    const [name, query] = hash.split('?');
    const make = VIEWS[name];
    show('', '');
    for (const a of document.querySelectorAll('nav a')) a.classList.toggle('active', a.dataset.view === (name || 'overview') || (name === 'file' && a.dataset.view === 'files'));
    if (!make) {
      view.replaceChildren(h('h1', {}, 'Not found'));
      show(`There is no page '${name}'.`, 'error');
      current = null;
      return;
    }
    current = make(new URLSearchParams(query || ''));
    refresh();
  }

  window.addEventListener('hashchange', route);
  route();
  timer = setInterval(refresh, REFRESH_MS);
  window.addEventListener('pagehide', () => clearInterval(timer));
})();

// Gantry dashboard, lifecycle panels: per model, the versions behind it (split weights, loaded or scaled to zero,
// shadow), each version's requests, feedback score, drift PSI and cold starts, and the model's canary (state, step,
// objectives, the candidate's window), all from the `routes` of /dashboard/data. dashboard.js calls render() after
// each poll; every cell carries data-field (and every row data-version) so the browser test can read them.
'use strict';
window.gantryLifecycle = (() => {
  const COLUMNS = [
    ['version', 'version'], ['weight', 'weight'], ['share', 'share'], ['loaded', 'loaded'], ['requests', 'requests'],
    ['errors', 'errors'], ['feedback', 'feedback (n)'], ['drift', 'drift PSI (max)'], ['cold_starts', 'cold starts (mean)'],
  ];
  const num = (v, digits) => (v == null ? '—' : Number(v).toFixed(digits));
  const pct = v => (v == null ? '—' : `${(v * 100).toFixed(1)}%`);

  function el(tag, attrs, text) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
    if (text != null) e.textContent = text;
    return e;
  }

  function objectives(o) {
    const parts = [];
    if (o.max_error_rate != null) parts.push(`error rate ≤ ${pct(o.max_error_rate)}`);
    if (o.max_ttft_p99_ms != null) parts.push(`TTFT p99 ≤ ${num(o.max_ttft_p99_ms, 0)} ms`);
    if (o.max_guardrail_block_rate != null) parts.push(`guardrail blocks ≤ ${pct(o.max_guardrail_block_rate)}`);
    if (o.min_feedback_score != null) parts.push(`feedback ≥ ${num(o.min_feedback_score, 2)}`);
    return `${parts.join(', ') || 'none'} over ${o.window_seconds} s, from ${o.min_requests} requests`;
  }

  function versionRow(v) {
    const row = el('tr', { 'data-version': v.version });
    const cells = {
      version: v.version + (v.shadow ? ' (shadow)' : ''),
      weight: v.shadow ? 'copy' : String(v.weight),
      share: v.shadow ? '—' : pct(v.share),
      loaded: v.loaded ? 'yes' : 'scaled to zero',
      requests: String(v.requests),
      errors: String(v.errors),
      feedback: v.feedback_score == null ? '—' : `${num(v.feedback_score, 2)} (${v.feedback_count})`,
      drift: num(v.drift_psi_max, 3),
      cold_starts: v.cold_starts === 0 ? '0' : `${v.cold_starts} (${num(v.cold_start_mean_seconds * 1000, 0)} ms)`,
    };
    for (const [field] of COLUMNS) {
      const td = el('td', { 'data-field': field }, cells[field]);
      if (field === 'drift' && v.drift_psi) td.title = Object.entries(v.drift_psi).map(([f, p]) => `${f}: ${num(p, 3)}`).join('\n');
      row.append(td);
    }
    return row;
  }

  function canaryLine(c) {
    const p = el('p', { class: 'canary', 'data-field': 'canary' });
    if (!c) { p.textContent = 'no canary'; return p; }
    p.append(
      el('span', { 'data-field': 'canary-state', class: `state ${c.state}` }, c.state),
      document.createTextNode(` · ${c.candidate} over ${c.stable} at `),
      el('span', { 'data-field': 'canary-weight' }, `${c.weight}%`),
      document.createTextNode(` (steps ${c.steps.join(' → ')}${c.step_seconds ? `, every ${c.step_seconds} s` : ', by command'})`),
      el('br'),
      document.createTextNode('objectives: '),
      el('span', { 'data-field': 'canary-objectives' }, objectives(c.objectives)),
      el('br'),
      document.createTextNode('candidate window: '),
      el('span', { 'data-field': 'canary-window' }, `${c.window.requests} requests, errors ${pct(c.window.error_rate)}, ` +
        `TTFT p99 ${num(c.window.ttft_p99_ms, 1)} ms, blocks ${pct(c.window.guardrail_block_rate)}, ` +
        `feedback ${c.window.feedback ? num(c.window.feedback_score, 2) : '—'} (${c.window.feedback})`));
    if (c.reason) p.append(el('br'), document.createTextNode('reason: '), el('span', { 'data-field': 'canary-reason' }, c.reason));
    return p;
  }

  function card(root, name) {
    let c = [...root.children].find(x => x.dataset.route === name);
    if (c) return c;
    c = el('div', { class: 'route', 'data-route': name });
    const head = el('tr');
    for (const [, title] of COLUMNS) head.append(el('th', {}, title));
    const table = el('table');
    table.append(el('thead'), el('tbody'));
    table.tHead.append(head);
    c.append(el('h3', {}, name), el('p', { class: 'note', 'data-field': 'meta' }), table, el('p', { class: 'canary' }));
    root.append(c);
    return c;
  }

  function render(data) {
    const root = document.getElementById('lifecycle');
    const names = new Set();
    for (const r of data.routes || []) {
      names.add(r.name);
      const c = card(root, r.name);
      c.querySelector('[data-field="meta"]').textContent =
        `sticky: ${r.sticky}${r.resumed ? ' · resumed from the state folder at startup' : ''}`;
      c.querySelector('tbody').replaceChildren(...r.versions.map(versionRow));
      c.querySelector('p.canary').replaceWith(canaryLine(r.canary));
    }
    for (const c of [...root.children]) if (!names.has(c.dataset.route)) c.remove();
  }

  return { render };
})();

// Gantry dashboard: polls /dashboard/data (engine snapshots) and /metrics (latency histograms), keeps the last
// minute of samples and draws one canvas chart per series, one line per model. No libraries, no network beyond the server.
'use strict';
(() => {
  const params = new URLSearchParams(location.search);
  const POLL_MS = Math.max(100, Number(params.get('interval_ms')) || 1000);
  const CHART_SPAN_S = 60;      // x axis of every chart
  const PCT_WINDOW_S = 10;      // latency percentiles cover this much recent time
  const RATE_WINDOW_S = 3;      // tokens/s is averaged over this much
  const COLORS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777'];
  const HISTOGRAMS = { ttft: 'gantry_time_to_first_token_seconds_bucket', itl: 'gantry_inter_token_latency_seconds_bucket' };

  const history = [];           // samples {t, data, hist, values}, oldest first
  const colorOf = new Map();
  let polls = 0;

  // --- Prometheus text: the two latency histograms, per model ------------------------------------------------------
  function parseHistograms(text) {
    const out = { ttft: {}, itl: {} };
    for (const line of text.split('\n')) {
      const m = /^([a-zA-Z_:][\w:]*)\{([^}]*)\}\s+(\S+)/.exec(line);
      if (!m) continue;
      const kind = Object.keys(HISTOGRAMS).find(k => HISTOGRAMS[k] === m[1]);
      if (!kind) continue;
      const labels = {};
      for (const l of m[2].matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]] = l[2].replace(/\\(.)/g, '$1');
      const le = labels.le === '+Inf' ? Infinity : Number(labels.le);
      (out[kind][labels.model_name] ??= []).push([le, Number(m[3])]);
    }
    for (const kind of Object.keys(out)) for (const b of Object.values(out[kind])) b.sort((x, y) => x[0] - y[0]);
    return out;
  }

  // histogram_quantile: linear interpolation inside the bucket holding the rank; null without samples.
  function quantile(buckets, q) {
    if (!buckets || buckets.length === 0) return null;
    const total = buckets[buckets.length - 1][1];
    if (!(total > 0)) return null;
    const rank = q * total;
    let prevLe = 0, prevCount = 0;
    for (const [le, count] of buckets) {
      if (count >= rank) {
        if (le === Infinity) return prevLe;
        return count === prevCount ? le : prevLe + (le - prevLe) * (rank - prevCount) / (count - prevCount);
      }
      prevLe = le; prevCount = count;
    }
    return prevLe;
  }

  function minus(now, before) {
    if (!now) return null;
    if (!before) return now;
    return now.map(([le, c], i) => [le, c - (before[i] ? before[i][1] : 0)]);
  }

  // The latest sample at least `seconds` older than `now` (or the oldest one).
  function baseline(now, seconds) {
    let base = history[0];
    for (const s of history) { if (s.t <= now.t - seconds) base = s; else break; }
    return base === now ? null : base;
  }

  function percentiles(now, kind, model) {
    const base = baseline(now, PCT_WINDOW_S);
    const recent = minus(now.hist[kind][model], base && base.hist[kind][model]);
    const windowed = recent && recent[recent.length - 1][1] > 0;
    const buckets = windowed ? recent : now.hist[kind][model];
    return { stale: !windowed, p50: quantile(buckets, 0.5), p90: quantile(buckets, 0.9), p99: quantile(buckets, 0.99),
      recent50: windowed ? quantile(recent, 0.5) : null, recent99: windowed ? quantile(recent, 0.99) : null };
  }

  function tokensPerSecond(now, m) {
    const base = baseline(now, RATE_WINDOW_S);
    const before = base && base.data.models.find(x => x.name === m.name);
    if (!before || now.t <= base.t) return m.generation_tokens_per_second;
    return Math.max(0, (m.generated_tokens - before.generated_tokens) / (now.t - base.t));
  }

  // --- charts --------------------------------------------------------------------------------------------------------
  const CHARTS = [
    { id: 'tokens', title: 'Generated tokens/s', lines: [{ key: 'tps' }] },
    { id: 'ttft', title: 'Time to first token, ms (solid p50, dashed p99)', lines: [{ key: 'ttft50' }, { key: 'ttft99', dash: [4, 3] }] },
    { id: 'itl', title: 'Inter-token latency, ms (solid p50, dashed p99)', lines: [{ key: 'itl50' }, { key: 'itl99', dash: [4, 3] }] },
    { id: 'waiting', title: 'Queue depth (requests waiting)', lines: [{ key: 'waiting' }] },
    { id: 'running', title: 'Running sequences', lines: [{ key: 'running' }] },
    { id: 'kv', title: 'KV-cache use, %', lines: [{ key: 'kv' }], max: 100 },
    { id: 'prefix', title: 'Prefix-cache hit rate, %', lines: [{ key: 'prefix' }], max: 100 },
  ];

  function buildCharts() {
    const host = document.getElementById('charts');
    for (const c of CHARTS) {
      const card = document.createElement('div');
      card.className = 'chart';
      card.dataset.chart = c.id;
      const h = document.createElement('h3');
      h.textContent = c.title;
      c.canvas = document.createElement('canvas');
      card.append(h, c.canvas);
      host.append(card);
    }
  }

  function niceMax(v) {
    if (!(v > 0)) return 1;
    const p = Math.pow(10, Math.floor(Math.log10(v)));
    for (const f of [1, 2, 2.5, 5, 10]) if (v <= f * p) return f * p;
    return 10 * p;
  }

  function drawChart(chart, models) {
    const canvas = chart.canvas, ctx = canvas.getContext('2d');
    const dpr = window.devicePixelRatio || 1, w = canvas.clientWidth || 360, h = canvas.clientHeight || 160;
    if (canvas.width !== Math.round(w * dpr)) { canvas.width = Math.round(w * dpr); canvas.height = Math.round(h * dpr); }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    const pad = { l: 46, r: 8, t: 6, b: 18 }, pw = w - pad.l - pad.r, ph = h - pad.t - pad.b;
    const now = history[history.length - 1].t, t0 = now - CHART_SPAN_S;
    let max = 0;
    for (const s of history) for (const m of models) for (const l of chart.lines) max = Math.max(max, s.values[m + '|' + l.key] ?? 0);
    max = chart.max ?? niceMax(max);
    ctx.font = '11px system-ui, sans-serif';
    ctx.fillStyle = '#6b7480';
    ctx.strokeStyle = '#e5e8ec';
    ctx.lineWidth = 1;
    for (const f of [0, 0.5, 1]) {
      const y = pad.t + ph * (1 - f);
      ctx.beginPath(); ctx.moveTo(pad.l, y); ctx.lineTo(w - pad.r, y); ctx.stroke();
      ctx.fillText(format(max * f), 2, y + 4);
    }
    ctx.fillText(`-${CHART_SPAN_S}s`, pad.l, h - 4);
    ctx.fillText('now', w - pad.r - 22, h - 4);
    for (const m of models) {
      for (const l of chart.lines) {
        ctx.strokeStyle = colorOf.get(m);
        ctx.lineWidth = 1.6;
        ctx.setLineDash(l.dash || []);
        ctx.beginPath();
        let pen = false;
        for (const s of history) {
          const v = s.values[m + '|' + l.key];
          if (v == null || s.t < t0) { pen = false; continue; }
          const x = pad.l + (s.t - t0) / CHART_SPAN_S * pw, y = pad.t + ph * (1 - Math.min(v, max) / max);
          if (pen) ctx.lineTo(x, y); else ctx.moveTo(x, y);
          pen = true;
        }
        ctx.stroke();
      }
    }
    ctx.setLineDash([]);
  }

  // --- table ---------------------------------------------------------------------------------------------------------
  function format(v, digits) {
    if (v == null || Number.isNaN(v)) return '–';
    if (digits != null) return v.toFixed(digits);
    return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2).replace(/\.?0+$/, '') || '0';
  }
  const ms = v => v == null ? '–' : format(v * 1000);

  function cell(row, field, text, stale) {
    let td = row.querySelector(`td[data-field="${field}"]`);
    if (!td) { td = document.createElement('td'); td.dataset.field = field; row.append(td); }
    td.textContent = text;
    td.classList.toggle('stale', !!stale);
  }

  function renderTable(sample) {
    const body = document.querySelector('#models tbody');
    const names = sample.data.models.map(m => m.name);
    for (const row of [...body.rows]) if (!names.includes(row.dataset.model)) row.remove();
    for (const m of sample.data.models) {
      let row = body.querySelector(`tr[data-model="${CSS.escape(m.name)}"]`);
      if (!row) {
        row = document.createElement('tr');
        row.dataset.model = m.name;
        const name = document.createElement('td');
        name.dataset.field = 'name';
        name.title = m.description;
        const sw = document.createElement('span');
        sw.className = 'swatch';
        sw.style.background = colorOf.get(m.name);
        name.append(sw, document.createTextNode(m.name));
        row.append(name);
        body.append(row);
      }
      const v = k => sample.values[m.name + '|' + k];
      const ttft = sample.pct[m.name].ttft, itl = sample.pct[m.name].itl;
      cell(row, 'tokens_per_second', format(v('tps'), 1));
      cell(row, 'running', String(m.running));
      cell(row, 'waiting', String(m.waiting));
      cell(row, 'kv_cache_usage', `${format(m.kv_cache_usage * 100, 1)}% of ${m.kv_blocks_total}`);
      cell(row, 'prefix_cache_hit_rate', `${format(m.prefix_cache_hit_rate * 100, 1)}%`);
      cell(row, 'ttft', `${ms(ttft.p50)} / ${ms(ttft.p90)} / ${ms(ttft.p99)} ms`, ttft.stale);
      cell(row, 'itl', `${ms(itl.p50)} / ${ms(itl.p90)} / ${ms(itl.p99)} ms`, itl.stale);
      cell(row, 'requests_finished', String(m.requests_finished));
      cell(row, 'generated_tokens', String(m.generated_tokens));
    }
  }

  // --- polling -------------------------------------------------------------------------------------------------------
  function record(sample) {
    sample.values = {};
    sample.pct = {};
    for (const m of sample.data.models) {
      if (!colorOf.has(m.name)) colorOf.set(m.name, COLORS[colorOf.size % COLORS.length]);
      const ttft = percentiles(sample, 'ttft', m.name), itl = percentiles(sample, 'itl', m.name);
      sample.pct[m.name] = { ttft, itl };
      const put = (k, v) => { sample.values[m.name + '|' + k] = v; };
      put('tps', tokensPerSecond(sample, m));
      put('ttft50', ttft.recent50 == null ? null : ttft.recent50 * 1000);
      put('ttft99', ttft.recent99 == null ? null : ttft.recent99 * 1000);
      put('itl50', itl.recent50 == null ? null : itl.recent50 * 1000);
      put('itl99', itl.recent99 == null ? null : itl.recent99 * 1000);
      put('waiting', m.waiting);
      put('running', m.running);
      put('kv', m.kv_cache_usage * 100);
      put('prefix', m.prefix_cache_hit_rate * 100);
    }
  }

  function setStatus(text, error) {
    const el = document.getElementById('status');
    el.textContent = text;
    el.classList.toggle('error', !!error);
  }

  async function poll() {
    try {
      const [data, metrics] = await Promise.all([
        fetch('/dashboard/data', { cache: 'no-store' }).then(r => { if (!r.ok) throw new Error(`/dashboard/data: ${r.status}`); return r.json(); }),
        fetch('/metrics', { cache: 'no-store' }).then(r => (r.ok ? r.text() : '')),
      ]);
      const sample = { t: performance.now() / 1000, data, hist: parseHistograms(metrics) };
      history.push(sample);
      while (history.length > 2 && history[1].t < sample.t - CHART_SPAN_S - PCT_WINDOW_S) history.shift();
      record(sample);
      renderTable(sample);
      window.gantryLifecycle.render(data);
      const names = data.models.map(m => m.name);
      for (const c of CHARTS) drawChart(c, names);
      polls++;
      document.body.dataset.polls = String(polls);
      setStatus(`${data.state} · ${names.length} model${names.length === 1 ? '' : 's'} · up ${Math.round(data.uptime_seconds)} s · ${data.requests_in_flight} in flight`);
    } catch (e) {
      setStatus(`cannot reach the server (${e.message})`, true);
    } finally {
      setTimeout(poll, POLL_MS);
    }
  }

  document.getElementById('pct-window').textContent = String(PCT_WINDOW_S);
  document.getElementById('poll-interval').textContent = String(POLL_MS / 1000);
  buildCharts();
  window.gantryDashboard = { samples: history }; // read-only view for debugging and the browser test
  poll();
})();

// Tally's dashboard: fetches each panel from /api (the server reads ClickHouse as the analyst) and
// draws it with uPlot. window.tally keeps what each panel drew (charts and their data) for tests and
// the curious; each panel's section gets data-state="ready" once drawn, data-state="error" if not.
(function () {
  'use strict';
  const COLORS = ['#4f46e5', '#059669', '#d97706', '#dc2626', '#0891b2', '#7c3aed', '#65a30d'];
  const LIVE_SECONDS = 5;
  const tally = window.tally = { charts: {}, panels: {}, refreshes: 0 };
  const organization = document.getElementById('organization');
  const period = document.getElementById('period');
  let cohortPeriod = 'week';

  function query(extra) {
    const params = new URLSearchParams(extra || {});
    if (organization.value) params.set('organization', organization.value);
    return params.toString();
  }

  async function load(name, extra) {
    const section = document.getElementById(name);
    try {
      const response = await fetch('/api/' + name + '?' + query(extra));
      const body = await response.json();
      if (!response.ok) throw new Error(body.error || response.statusText);
      tally.panels[name] = body;
      return body;
    } catch (e) {
      section.dataset.state = 'error';
      throw e;
    }
  }

  function status(text, error) {
    const line = document.getElementById('status');
    line.textContent = text;
    line.className = error ? 'error' : '';
  }

  function ready(name) {
    const section = document.getElementById(name);
    section.dataset.state = 'ready';
    section.dataset.version = String(Number(section.dataset.version || 0) + 1);
  }

  function epochOfDay(day) { return Date.parse(day + 'T00:00:00Z') / 1000; }

  function chart(name, series, data, options) {
    const target = document.querySelector('#' + name + ' .chart');
    if (tally.charts[name] && tally.charts[name].series.length === series.length + 1) {
      tally.charts[name].setData(data);
      return;
    }
    if (tally.charts[name]) tally.charts[name].destroy();
    tally.charts[name] = new uPlot(Object.assign({
      width: Math.max(target.clientWidth, 300), height: 220,
      series: [{}].concat(series.map((s, i) => Object.assign({ stroke: COLORS[i % COLORS.length], width: 2 }, s))),
      axes: [{}, { size: 80 }],
    }, options || {}), data, target);
  }

  async function live() {
    const panel = await load('live');
    document.querySelector('#live [data-field="total"]').textContent = panel.total.toLocaleString('en-US');
    chart('live', [{ label: 'events', fill: 'rgba(79,70,229,0.12)' }], [panel.minutes, panel.events]);
    tally.refreshes++;
    ready('live');
    status('updated ' + new Date().toLocaleTimeString());
  }

  async function daily() {
    const panel = await load('daily');
    chart('daily', [{ label: 'active users' }, { label: 'messages', scale: 'messages' }],
      [panel.days.map(epochOfDay), panel.active_users, panel.messages],
      { axes: [{}, { size: 70 }, { scale: 'messages', side: 1, size: 70, grid: { show: false } }] });
    ready('daily');
  }

  async function revenue() {
    const panel = await load('revenue');
    const series = panel.currencies.map(c => ({ label: c.currency, value: (u, v) => v == null ? '' : v.toFixed(c.decimals) }));
    chart('revenue', series, [panel.days.map(epochOfDay)].concat(panel.currencies.map(c => c.net.map(Number))));
    const body = document.querySelector('#revenue .numbers tbody');
    body.replaceChildren(...panel.currencies.map(c => row([c.currency, c.total])));
    ready('revenue');
  }

  function row(cells, cellClass) {
    const tr = document.createElement('tr');
    cells.forEach(text => {
      const td = document.createElement('td');
      td.textContent = text == null ? '' : String(text);
      if (cellClass) td.className = cellClass;
      tr.appendChild(td);
    });
    return tr;
  }

  async function cohorts() {
    const panel = await load('cohorts', { period: cohortPeriod });
    const head = document.querySelector('#cohorts .grid thead');
    const header = ['cohort', 'users'];
    for (let n = 0; n < panel.periods; n++) header.push(panel.period + ' ' + n);
    const headRow = document.createElement('tr');
    header.forEach(text => { const th = document.createElement('th'); th.textContent = text; headRow.appendChild(th); });
    head.replaceChildren(headRow);
    const body = document.querySelector('#cohorts .grid tbody');
    body.replaceChildren(...panel.cohorts.map(c => {
      const tr = row([c.cohort, c.users]);
      c.retention.forEach(rate => {
        const td = document.createElement('td');
        td.className = 'cell';
        if (rate != null) {
          td.textContent = Number(rate).toFixed(2) + '%';
          td.dataset.rate = rate;
          const share = Math.min(Number(rate) / 100, 1);
          td.style.background = 'rgba(79,70,229,' + (0.08 + 0.8 * share).toFixed(3) + ')';
          td.style.color = share > 0.5 ? '#fff' : '';
        }
        tr.appendChild(td);
      });
      return tr;
    }));
    ready('cohorts');
  }

  async function statements(chosen) {
    const panel = await load('statements', chosen || {});
    const current = panel.period_type + '|' + (panel.period_start || '');
    period.replaceChildren(...panel.periods.map(p => {
      const option = document.createElement('option');
      option.value = p.period_type + '|' + p.period_start;
      option.textContent = p.period_type + ' ' + p.period_start + ' to ' + p.period_end;
      option.selected = option.value === current;
      return option;
    }));
    document.querySelector('#statements .rows tbody').replaceChildren(...panel.rows.map(r =>
      row([r.partner_id, r.shop_id, r.currency, r.revenue, r.commission, r.status, r.payment_reference])));
    document.querySelector('#statements .totals tbody').replaceChildren(...panel.totals.map(t =>
      row([t.currency, t.status, t.revenue, t.commission])));
    ready('statements');
  }

  // a panel that fails to load or to draw says so in its section and the status line; the others go on
  function guarded(name, draw) {
    return draw().catch(e => {
      document.getElementById(name).dataset.state = 'error';
      status(name + ': ' + e.message, true);
    });
  }

  function all() {
    return Promise.all([guarded('live', live), guarded('daily', daily), guarded('revenue', revenue),
      guarded('cohorts', cohorts), guarded('statements', () => statements(chosenPeriod()))]);
  }

  function chosenPeriod() {
    if (!period.value) return {};
    const [type, start] = period.value.split('|');
    return { period_type: type, period_start: start };
  }

  document.querySelectorAll('#cohorts .choices button').forEach(button => button.addEventListener('click', () => {
    cohortPeriod = button.dataset.period;
    document.querySelectorAll('#cohorts .choices button').forEach(b => b.setAttribute('aria-pressed', String(b === button)));
    cohorts();
  }));
  period.addEventListener('change', () => statements(chosenPeriod()));
  organization.addEventListener('change', all);

  fetch('/api/organizations').then(r => r.json()).then(body => {
    body.organizations.forEach(id => {
      const option = document.createElement('option');
      option.value = id;
      option.textContent = id;
      organization.appendChild(option);
    });
  }).catch(() => status('organizations: ClickHouse did not answer', true));
  all().then(() => { tally.loadedAt = performance.now(); document.body.dataset.state = 'ready'; });
  setInterval(() => guarded('live', live), LIVE_SECONDS * 1000);
})();

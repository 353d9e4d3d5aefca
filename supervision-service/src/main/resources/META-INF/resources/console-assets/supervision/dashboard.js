// The leadership dashboard: draws what the metrics API answers for the chosen month. Read-only;
// every figure comes from the same endpoints any other client calls, with the same checks.
'use strict';

(() => {
  const { api, download, t, element, formatTime, problemText } = window.casegrid;
  const form = document.getElementById('period-form');
  const month = document.getElementById('month');
  const problem = document.getElementById('dashboard-problem');
  const zone = form.dataset.zone;
  // Names of departments and districts by code, in the page's language.
  const names = JSON.parse(form.dataset.names || '{}');
  const RATES = ['signOnTime', 'onTimeClosure', 'closure', 'satisfaction', 'firstContactResolution'];
  const groupBy = document.getElementById('group-by');
  const groupStreet = document.getElementById('group-street');
  // Where the names of each grouping's codes are.
  const NAMES = { department: 'departments', district: 'districts', street: 'streets', grid: 'grids', category: 'categories' };
  // The groupings a street narrows down (the metrics API takes street with these only).
  const BY_AREA = ['department', 'street', 'grid'];
  // Days asked for at once while drawing the trend: the server is shared with everybody's work.
  const PARALLEL = 4;
  // How often the active campaigns are read again; intake reports their progress every 30 s.
  const CAMPAIGNS_EVERY_MS = 60000;
  let trendChart = null;

  function percent(value) {
    return value === null || value === undefined ? '–' : `${(Number(value) * 100).toFixed(1)}%`;
  }

  function number(value) {
    return value === null || value === undefined ? '–' : String(value);
  }

  /** Today in the city's zone, as YYYY-MM-DD. */
  function today() {
    return new Intl.DateTimeFormat('en-CA', { timeZone: zone }).format(new Date());
  }

  function daysOf(yearMonth) {
    const [year, m] = yearMonth.split('-').map(Number);
    const last = new Date(Date.UTC(year, m, 0)).getUTCDate();
    const until = today();
    const days = [];
    for (let d = 1; d <= last; d++) {
      const day = `${yearMonth}-${String(d).padStart(2, '0')}`;
      if (day <= until) {
        days.push(day);
      }
    }
    return days;
  }

  /** A row of cells, each a text or an element. */
  function row(cells) {
    const tr = document.createElement('tr');
    for (const cell of cells) {
      const td = document.createElement('td');
      td.append(cell instanceof Node ? cell : String(cell));
      tr.append(td);
    }
    return tr;
  }

  /** A row for the group with code {@code key}. */
  function keyed(key, cells) {
    const tr = row(cells);
    tr.dataset.key = key;
    return tr;
  }

  /** Fills a table's body, or says why it is empty. */
  function fill(table, rows, answer) {
    const body = table.tBodies[0];
    const columns = table.tHead.rows[0].cells.length;
    if (answer && !answer.ok) {
      const text = answer.status === 403 ? t('notForRole') : problemText(answer.problem);
      body.replaceChildren(note(text, columns));
    } else if (!rows.length) {
      body.replaceChildren(note(t('noData'), columns));
    } else {
      body.replaceChildren(...rows);
    }
  }

  function note(text, columns) {
    const tr = document.createElement('tr');
    const td = element('td', text, 'hint');
    td.colSpan = columns;
    tr.append(td);
    return tr;
  }

  async function headline(yearMonth) {
    const answer = await api('GET', `/api/metrics?period=month&date=${yearMonth}-01`);
    const total = answer.ok ? answer.data.total : null;
    for (const rate of RATES) {
      document.getElementById(`rate-${rate}`).textContent = percent(total?.rates?.[rate]);
    }
    document.getElementById('overdue-now').textContent = number(total?.overdueNow);
    document.getElementById('received').textContent = number(total?.counts?.received);
    document.getElementById('closed').textContent = number(total?.counts?.closed);
    return answer;
  }

  function movement(place) {
    if (place.movement === null || place.movement === undefined) {
      return element('span', place.rank === null ? '–' : t('movementNew'));
    }
    if (place.movement > 0) {
      return element('span', `▲ ${t('movementUp', { n: place.movement })}`, 'up');
    }
    if (place.movement < 0) {
      return element('span', `▼ ${t('movementDown', { n: -place.movement })}`, 'down');
    }
    return element('span', t('movementSame'));
  }

  async function ranking(of, yearMonth) {
    const answer = await api('GET', `/api/rankings/${of}?month=${yearMonth}`);
    const rows = answer.ok
      ? answer.data.places.map((p) =>
          keyed(p.key, [
            number(p.rank),
            names[of]?.[p.key] || p.key,
            p.score === null ? '–' : Number(p.score).toFixed(1),
            movement(p),
            percent(p.rates?.onTimeClosure),
            number(p.counts?.received),
          ]),
        )
      : [];
    fill(document.getElementById(`ranking-${of}`), rows, answer);
  }

  async function grouped(yearMonth) {
    const by = groupBy.value;
    const table = document.getElementById('groups-table');
    groupStreet.disabled = !BY_AREA.includes(by);
    const street = groupStreet.disabled ? '' : groupStreet.value;
    // A whole city's grids are thousands: a street's are a table to read.
    if (by === 'grid' && !street) {
      table.tBodies[0].replaceChildren(note(t('chooseStreet'), table.tHead.rows[0].cells.length));
      return null;
    }
    const filter = street ? `&street=${encodeURIComponent(street)}` : '';
    const answer = await api('GET', `/api/metrics?groupBy=${by}&period=month&date=${yearMonth}-01${filter}`);
    const rows = answer.ok
      ? [...answer.data.groups]
          .sort((a, b) => b.counts.received - a.counts.received)
          .map((g) =>
            keyed(g.key ?? '', [
              g.key === null ? t('unknown') : names[NAMES[by]]?.[g.key] || g.key,
              number(g.counts.received),
              percent(g.rates.closure),
              percent(g.rates.onTimeClosure),
              percent(g.rates.satisfaction),
              number(g.overdueNow),
              g.score.value === null ? '–' : Number(g.score.value).toFixed(1),
            ]),
          )
      : [];
    fill(table, rows, answer);
    return answer;
  }

  async function overdue() {
    const answer = await api('GET', '/api/supervision-orders');
    const rows = answer.ok
      ? answer.data.map((o) =>
          row([o.caseNumber, names.departments?.[o.departmentCode] || o.departmentCode, formatTime(o.issuedAt), formatTime(o.respondBy)]),
        )
      : [];
    fill(document.getElementById('overdue-table'), rows, answer);
  }

  async function campaigns() {
    const answer = await api('GET', '/api/active-campaigns');
    const rows = answer.ok
      ? answer.data.map((c) => {
          const p = c.progress;
          const share = p.inScope ? ` (${percent(p.inspected / p.inScope)})` : '';
          return keyed(c.campaignId, [
            c.name,
            `${c.startsOn} – ${c.rectifyBy}`,
            c.inspectBy,
            t('rectifyWithin', { n: c.rectificationWorkingDays, date: c.rectifyBy }),
            number(p.inScope),
            `${p.inspected}${share}`,
            number(p.defects),
            number(p.rectified),
            number(p.overdue),
            c.inspectionOver ? number(p.blindSpots) : t('notYet'),
          ]);
        })
      : [];
    fill(document.getElementById('campaigns-table'), rows, answer);
    return answer;
  }

  async function trend(yearMonth) {
    const days = daysOf(yearMonth);
    const figures = new Array(days.length);
    let next = 0;
    let refused = null;
    async function worker() {
      while (next < days.length && !refused) {
        const i = next++;
        const answer = await api('GET', `/api/metrics?groupBy=district&from=${days[i]}&to=${days[i]}`);
        if (!answer.ok) {
          refused = answer;
          return;
        }
        figures[i] = answer.data.total.counts;
      }
    }
    await Promise.all(Array.from({ length: PARALLEL }, worker));
    const table = document.getElementById('trend-table');
    if (refused) {
      fill(table, [], refused);
      document.getElementById('trend-chart').hidden = true;
      return;
    }
    fill(table, days.map((d, i) => row([d, figures[i].received, figures[i].closed])));
    drawTrend(days, figures);
  }

  function drawTrend(days, figures) {
    const box = document.getElementById('trend-chart');
    if (!window.echarts) {
      // Without the charting library the table says the same.
      box.hidden = true;
      document.getElementById('trend-alternative').open = true;
      return;
    }
    box.hidden = false;
    trendChart = trendChart || window.echarts.init(box, null, { renderer: 'svg' });
    trendChart.setOption({
      aria: { enabled: true },
      color: ['#1f5fa8', '#0f6a2f'],
      tooltip: { trigger: 'axis' },
      legend: { data: [t('received'), t('closed')] },
      grid: { left: 40, right: 16, top: 36, bottom: 28 },
      xAxis: { type: 'category', data: days.map((d) => d.slice(8)) },
      yAxis: { type: 'value', minInterval: 1 },
      series: [
        { name: t('received'), type: 'line', data: figures.map((f) => f.received) },
        { name: t('closed'), type: 'line', data: figures.map((f) => f.closed), lineStyle: { type: 'dashed' } },
      ],
    });
  }

  /** Every [longitude, latitude] of a Polygon or MultiPolygon, ring by ring. */
  function ringsOf(geometry) {
    if (!geometry) {
      return [];
    }
    if (geometry.type === 'Polygon') {
      return geometry.coordinates;
    }
    if (geometry.type === 'MultiPolygon') {
      return geometry.coordinates.flat();
    }
    return [];
  }

  const SVG = 'http://www.w3.org/2000/svg';
  const WIDTH = 1000;
  const PAD = 8;

  async function hotspots(yearMonth) {
    const answer = await api('GET', `/api/hotspots?period=month&date=${yearMonth}-01`);
    const map = document.getElementById('hotspot-map');
    const title = document.getElementById('hotspot-title');
    map.replaceChildren(title);
    const features = answer.ok ? answer.data.features : [];
    const rows = features
      .filter((f) => f.properties.total > 0)
      .sort((a, b) => b.properties.total - a.properties.total)
      .map((f) => row([`${f.properties.gridName || f.properties.gridCode}`, f.properties.total]));
    fill(document.getElementById('hotspot-table'), rows, answer);
    if (!features.length) {
      map.hidden = true;
      return;
    }
    map.hidden = false;
    // The same plain projection as the operator's map: longitude scaled by the cosine of the
    // middle latitude, exact enough at the size of a city.
    let minX = Infinity;
    let maxX = -Infinity;
    let minY = Infinity;
    let maxY = -Infinity;
    for (const f of features) {
      for (const ring of ringsOf(f.geometry)) {
        for (const [x, y] of ring) {
          minX = Math.min(minX, x);
          maxX = Math.max(maxX, x);
          minY = Math.min(minY, y);
          maxY = Math.max(maxY, y);
        }
      }
    }
    const perLongitude = WIDTH / (maxX - minX || 1);
    const perLatitude = perLongitude / Math.cos((((minY + maxY) / 2) * Math.PI) / 180);
    const height = (maxY - minY) * perLatitude + 2 * PAD;
    map.setAttribute('viewBox', `0 0 ${WIDTH + 2 * PAD} ${height.toFixed(1)}`);
    const most = Math.max(1, ...features.map((f) => f.properties.total));
    for (const f of features) {
      const d = ringsOf(f.geometry)
        .map(
          (ring) =>
            ring
              .map(([x, y], i) => {
                const px = (PAD + (x - minX) * perLongitude).toFixed(1);
                const py = (PAD + (maxY - y) * perLatitude).toFixed(1);
                return `${i === 0 ? 'M' : 'L'}${px} ${py}`;
              })
              .join(' ') + ' Z',
        )
        .join(' ');
      const path = document.createElementNS(SVG, 'path');
      path.setAttribute('d', d);
      const total = f.properties.total;
      path.setAttribute('class', `grid heat-${heat(total, most)}`);
      path.dataset.code = f.properties.gridCode;
      path.dataset.total = total;
      const label = document.createElementNS(SVG, 'title');
      label.textContent = `${f.properties.gridName || f.properties.gridCode}: ${total}`;
      path.append(label);
      map.append(path);
    }
    legend(most);
  }

  /** Five steps of colour from one case to the most any grid had; none is the palest. */
  function heat(total, most) {
    return total === 0 ? 0 : Math.min(5, Math.ceil((total / most) * 5));
  }

  function legend(most) {
    const box = document.getElementById('hotspot-legend');
    box.replaceChildren();
    for (let step = 0; step <= 5; step++) {
      const from = step === 0 ? 0 : Math.floor(((step - 1) * most) / 5) + 1;
      const to = step === 0 ? 0 : Math.floor((step * most) / 5);
      if (step > 0 && from > to) {
        continue;
      }
      box.append(element('span', '', `swatch heat-${step}`));
      box.append(from === to ? String(from) : `${from}–${to}`);
    }
  }

  async function show() {
    const yearMonth = month.value;
    problem.hidden = true;
    const answers = await Promise.all([
      headline(yearMonth),
      ranking('departments', yearMonth),
      ranking('districts', yearMonth),
      grouped(yearMonth),
      overdue(),
      campaigns(),
      hotspots(yearMonth),
      trend(yearMonth),
    ]);
    const failed = answers.find((a) => a && !a.ok && a.status !== 403);
    if (failed) {
      problem.replaceChildren(element('p', problemText(failed.problem)));
      problem.hidden = false;
    }
    document.body.dataset.loaded = yearMonth;
  }

  document.getElementById('bulletins').addEventListener('click', async (event) => {
    const button = event.target.closest('[data-bulletin]');
    if (!button) {
      return;
    }
    const kind = button.dataset.bulletin;
    const period = kind === 'monthly' ? `month=${month.value}&` : '';
    const lang = document.documentElement.lang === 'en' ? 'en' : 'zh';
    const answer = await download(
      `/api/bulletins/${kind}?${period}format=${button.dataset.format}&lang=${lang}`,
    );
    if (!answer.ok) {
      problem.replaceChildren(element('p', problemText(answer.problem)));
      problem.hidden = false;
    }
  });

  for (const [code, name] of Object.entries(names.streets || {}).sort((a, b) => a[1].localeCompare(b[1]))) {
    groupStreet.append(new Option(name, code));
  }
  groupBy.addEventListener('change', () => grouped(month.value));
  groupStreet.addEventListener('change', () => grouped(month.value));
  month.addEventListener('change', show);
  for (const f of [form, document.getElementById('groups-form')]) {
    f.addEventListener('submit', (event) => event.preventDefault());
  }
  window.addEventListener('resize', () => trendChart?.resize());
  // A campaign's progress moves while the page stays open: its table is read again every minute.
  setInterval(campaigns, CAMPAIGNS_EVERY_MS);
  show();
})();

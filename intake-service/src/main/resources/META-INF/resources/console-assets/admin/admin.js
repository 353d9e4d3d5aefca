// The administrator's console: loads a city package (check, read the report and diff, apply),
// draws what the three services have loaded, previews routing, and changes one routing rule or
// calendar day through the same check. Everything goes through intake's administration API.
'use strict';

(() => {
  const { api, t, element, showProblem, clearProblems } = window.casegrid;
  const english = document.documentElement.lang === 'en';
  const $ = (id) => document.getElementById(id);
  const SVG = 'http://www.w3.org/2000/svg';

  let city = null; // {intake, dispatch, supervision} as loaded
  let shownMonth = null; // {year, month} (month 0-11) of the calendar view

  const nameOf = (item) => (item ? (english && item.nameEn) || item.name || item.code : '');

  /** A name with its code small beside it. */
  function named(name, code) {
    const span = element('span');
    span.append(element('span', name || code));
    if (name && code && name !== code) {
      span.append(' ', element('span', code, 'code'));
    }
    return span;
  }

  function table(headings, rows) {
    const tableElement = element('table');
    const head = tableElement.createTHead().insertRow();
    headings.forEach((h) => head.append(element('th', h)));
    const body = tableElement.createTBody();
    for (const cells of rows) {
      const row = body.insertRow();
      for (const cell of cells) {
        const td = row.insertCell();
        td.append(cell instanceof Node ? cell : String(cell ?? ''));
      }
    }
    return tableElement;
  }

  // ---- Reports of a load, a package's or a single change's ----

  function showReport(target, report) {
    target.replaceChildren();
    const box = element('div', null, report.outcome === 'ACTIVATED' || report.outcome === 'CHECKED'
      ? 'alert ok' : report.outcome === 'UNCHANGED' ? 'alert note' : 'alert error');
    box.dataset.outcome = report.outcome;
    box.append(element('p', t('outcome.' + report.outcome), 'outcome'));
    if (report.problems && report.problems.length) {
      box.append(element('p', t('problemCount', { count: report.problemCount })));
      box.append(
        table(
          [t('problemFile'), t('problemPlace'), t('problemField'), t('problemMessage')],
          report.problems.map((p) => [p.file, p.line ?? p.feature ?? '', p.field ?? '', p.message]),
        ),
      );
      box.lastChild.id = target.id + '-problems';
    }
    const changes = (report.changes || []).filter((c) => c.added + c.changed + c.retired > 0);
    if (changes.length) {
      const changeTable = table(
        [t('changeKind'), t('added'), t('changed'), t('retired')],
        changes.map((c) => [t('changeKind.' + c.kind), c.added, c.changed, c.retired]),
      );
      changeTable.id = target.id + '-changes';
      changes.forEach((c, i) => (changeTable.tBodies[0].rows[i].dataset.kind = c.kind));
      box.append(changeTable);
    }
    const states = Object.entries(report.services || {});
    if (states.length) {
      const list = element('ul', null, 'plain services');
      states.forEach(([service, state]) =>
        list.append(element('li', t('serviceState', { service, state }))),
      );
      box.append(list);
    }
    target.append(box);
  }

  /** Sends a change (a package or an edit), shows its report, and reloads the city if applied. */
  async function send(path, body, apply, form, problem, report, applyButton) {
    clearProblems(form, problem);
    const answer = await api('POST', path + (path.includes('?') ? '&' : '?') + 'apply=' + apply, body);
    const data = answer.ok ? answer.data : answer.problem;
    if (data && data.outcome) {
      showReport(report, data);
      applyButton.disabled = apply || data.outcome !== 'CHECKED';
      if (apply && data.outcome === 'ACTIVATED') {
        await loadCity();
      }
    } else {
      report.replaceChildren();
      applyButton.disabled = true;
      showProblem(form, problem, answer.problem);
    }
  }

  // ---- The package ----

  function packageBody() {
    const chosen = $('package-file').files[0];
    // Sent as a zip whatever type the browser guessed for the file.
    return chosen ? new File([chosen], chosen.name, { type: 'application/zip' }) : null;
  }

  async function sendPackage(apply) {
    const body = packageBody();
    if (!body) {
      showProblem($('package-form'), $('package-problem'), { title: t('chooseFile') });
      return;
    }
    await send('/api/admin/city-packages', body, apply, $('package-form'), $('package-problem'),
      $('package-report'), $('apply-package'));
  }

  $('package-form').addEventListener('submit', (event) => {
    event.preventDefault();
    sendPackage(false);
  });
  $('apply-package').addEventListener('click', () => sendPackage(true));
  $('package-file').addEventListener('change', () => ($('apply-package').disabled = true));

  // ---- The city as loaded ----

  async function loadCity() {
    const answer = await api('GET', '/api/admin/city');
    if (!answer.ok) {
      $('loaded-summary').textContent = window.casegrid.problemText(answer.problem);
      return;
    }
    city = answer.data;
    const areas = city.intake.areas || [];
    const manifest = city.intake.manifest || {};
    $('loaded-summary').textContent = areas.length
      ? t('loadedSummary', {
        city: nameOf(manifest.city),
        version: manifest.version || '',
        areas: areas.length,
        assets: (city.intake.assets || []).length,
        departments: (city.dispatch.departments || []).length,
        rules: (city.dispatch.routingRules || []).length,
      })
      : t('nothingLoaded');
    document.body.dataset.loadedAreas = String(areas.length);
    drawMap();
    drawAreaTree();
    drawDepartments();
    drawRules();
    fillRuleChoices();
    drawCalendar();
    drawPolicies();
  }

  const areasAt = (level) => (city.intake.areas || []).filter((a) => a.level === level);
  const areaNamed = (code) => (city.intake.areas || []).find((a) => a.code === code);
  const departmentNamed = (code) => (city.dispatch.departments || []).find((d) => d.code === code);
  const categoryNamed = (code) => (city.intake.categories || []).find((c) => c.code === code);

  // The outline of the districts and grids from their GeoJSON, and the assets as dots, on a plane
  // that keeps the city's proportions at its latitude. No tiles, nothing from elsewhere.
  function drawMap() {
    const map = $('admin-map');
    map.replaceChildren();
    const shapes = [...areasAt('GRID'), ...areasAt('DISTRICT')].filter((a) => a.geometry);
    const rings = (g) =>
      g.type === 'Polygon' ? g.coordinates : g.type === 'MultiPolygon' ? g.coordinates.flat() : [];
    const points = shapes.flatMap((a) => rings(a.geometry).flat());
    if (!points.length) {
      $('map-legend').textContent = '';
      return;
    }
    const lons = points.map((p) => p[0]);
    const lats = points.map((p) => p[1]);
    const [minLon, maxLon, minLat, maxLat] =
      [Math.min(...lons), Math.max(...lons), Math.min(...lats), Math.max(...lats)];
    const squeeze = Math.cos((((minLat + maxLat) / 2) * Math.PI) / 180);
    const width = 1000;
    const pad = 8;
    const scale = (width - 2 * pad) / Math.max((maxLon - minLon) * squeeze, 1e-9);
    const height = Math.ceil((maxLat - minLat) * scale + 2 * pad);
    map.setAttribute('viewBox', `0 0 ${width} ${height}`);
    const x = (lon) => (pad + (lon - minLon) * squeeze * scale).toFixed(1);
    const y = (lat) => (pad + (maxLat - lat) * scale).toFixed(1);
    const path = (a) =>
      rings(a.geometry).map((ring) => 'M' + ring.map((p) => x(p[0]) + ',' + y(p[1])).join('L') + 'Z').join('');
    for (const area of shapes) {
      const shape = document.createElementNS(SVG, 'path');
      shape.setAttribute('d', path(area));
      shape.setAttribute('class', area.level === 'GRID' ? 'grid' : 'district');
      shape.dataset.code = area.code;
      const title = document.createElementNS(SVG, 'title');
      title.textContent = nameOf(area) + ' ' + area.code;
      shape.append(title);
      map.append(shape);
    }
    for (const asset of city.intake.assets || []) {
      const dot = document.createElementNS(SVG, 'circle');
      dot.setAttribute('class', 'asset');
      dot.setAttribute('cx', x(asset.longitude));
      dot.setAttribute('cy', y(asset.latitude));
      dot.setAttribute('r', '2');
      map.append(dot);
    }
    for (const district of areasAt('DISTRICT')) {
      const ring = rings(district.geometry)[0] || [];
      if (!ring.length) continue;
      const label = document.createElementNS(SVG, 'text');
      label.setAttribute('class', 'district-name');
      label.setAttribute('text-anchor', 'middle');
      label.setAttribute('x', x(ring.reduce((s, p) => s + p[0], 0) / ring.length));
      label.setAttribute('y', y(ring.reduce((s, p) => s + p[1], 0) / ring.length));
      label.textContent = nameOf(district);
      map.append(label);
    }
    $('map-legend').textContent = t('mapLegend', { assets: (city.intake.assets || []).length });
  }

  function drawAreaTree() {
    const children = (code) => (city.intake.areas || []).filter((a) => a.parentCode === code);
    const tree = element('ul', null, 'tree');
    for (const district of areasAt('DISTRICT')) {
      const item = element('li');
      item.append(named(nameOf(district), district.code));
      const streets = element('ul');
      for (const street of children(district.code)) {
        const streetItem = element('li');
        streetItem.append(named(nameOf(street), street.code));
        const communities = element('ul');
        for (const community of children(street.code)) {
          const c = element('li');
          c.append(named(nameOf(community), community.code), ' ',
            element('span', t('gridCount', { count: children(community.code).length }), 'muted'));
          communities.append(c);
        }
        streetItem.append(communities);
        streets.append(streetItem);
      }
      item.append(streets);
      tree.append(item);
    }
    $('area-tree').replaceChildren(tree);
  }

  function drawDepartments() {
    const departments = city.dispatch.departments || [];
    const territories = city.dispatch.territories || [];
    const known = new Set(departments.map((d) => d.code));
    const branch = (parent) => {
      const list = element('ul', null, 'tree');
      for (const d of departments.filter((x) => (x.parentCode && known.has(x.parentCode) ? x.parentCode : null) === parent)) {
        const item = element('li');
        item.dataset.code = d.code;
        item.append(named(nameOf(d), d.code), ' ', element('span', t('departmentKind.' + d.kind), 'muted'));
        const owned = territories
          .filter((x) => x.departmentCode === d.code)
          .map((x) => nameOf(areaNamed(x.streetCode || x.communityCode)) || x.streetCode || x.communityCode);
        if (owned.length) {
          item.append(' ', element('span', t('territoryOf', { areas: owned.join('、') }), 'muted'));
        }
        const below = branch(d.code);
        if (below.children.length) {
          item.append(below);
        }
        list.append(item);
      }
      return list;
    };
    $('department-tree').replaceChildren(branch(null));
  }

  function target(rule) {
    if (rule.departmentCode) {
      return named(nameOf(departmentNamed(rule.departmentCode)), rule.departmentCode);
    }
    return element('span', t('territorialOffice.' + rule.territorialOffice));
  }

  function drawRules() {
    const rules = city.dispatch.routingRules || [];
    const rows = rules.map((r) => {
      const lead = target(r);
      if ((r.coHandlerCodes || []).length) {
        lead.append(' ', element('span', t('coHandlers', {
          departments: r.coHandlerCodes.map((c) => nameOf(departmentNamed(c))).join('、'),
        }), 'muted'));
      }
      return [
        named(nameOf(categoryNamed(r.categoryCode)), r.categoryCode),
        r.districtCode ? named(nameOf(areaNamed(r.districtCode)), r.districtCode) : t('wholeCity'),
        lead,
        r.effectiveFrom ? window.casegrid.formatTime(r.effectiveFrom) : t('sinceEver'),
      ];
    });
    const rulesTable = table([t('category'), t('scope'), t('sendTo'), t('effectiveFrom')], rows);
    rulesTable.id = 'rules';
    $('rule-table').replaceChildren(rulesTable);
  }

  function options(select, choices) {
    select.replaceChildren(...choices.map(([value, label]) => {
      const option = element('option', label);
      option.value = value;
      return option;
    }));
  }

  function fillRuleChoices() {
    const categories = (city.intake.categories || []).map((c) => [c.code, c.code + ' ' + nameOf(c)]);
    options($('preview-category'), categories);
    options($('rule-category'), categories);
    const places = [];
    for (const street of areasAt('STREET')) {
      places.push([street.code, nameOf(areaNamed(street.parentCode)) + ' ' + nameOf(street)]);
      for (const community of areasAt('COMMUNITY').filter((c) => c.parentCode === street.code)) {
        places.push([community.code, '　' + nameOf(street) + ' ' + nameOf(community)]);
      }
    }
    options($('preview-area'), places);
    options($('rule-district'), [['', t('wholeCity')], ...areasAt('DISTRICT').map((d) => [d.code, nameOf(d)])]);
    options($('rule-target'), [
      ['office:STREET', t('territorialOffice.STREET')],
      ['office:COMMUNITY', t('territorialOffice.COMMUNITY')],
      ...(city.dispatch.departments || []).map((d) => [d.code, nameOf(d) + ' ' + d.code]),
    ]);
  }

  // ---- Routing preview and one rule ----

  $('preview-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const place = $('preview-area').value;
    const question = { categoryCode: $('preview-category').value, districtCode: place.slice(0, 6) };
    if (place.length >= 9) question.streetCode = place.slice(0, 9);
    if (place.length === 12) question.communityCode = place;
    clearProblems($('preview-form'), $('preview-problem'));
    const answer = await api('POST', '/api/admin/city/routing-preview', question);
    const result = $('preview-result');
    result.replaceChildren();
    if (!answer.ok) {
      showProblem($('preview-form'), $('preview-problem'), answer.problem);
      return;
    }
    const decided = answer.data.departmentCode;
    const heading = element('p', null, 'outcome');
    heading.id = 'preview-department';
    if (decided) {
      heading.append(t('previewGoesTo', { department: '' }),
        named(nameOf(departmentNamed(decided)), decided));
    } else {
      heading.textContent = t('previewArbitration');
    }
    const chain = element('ol', null, 'chain');
    (answer.data.chain || []).forEach((step) =>
      chain.append(element('li', step.step + ' · ' + step.outcome + ' · ' + step.note)));
    result.append(heading, chain);
  });

  function ruleBody() {
    const chosen = $('rule-target').value;
    const body = { categoryCode: $('rule-category').value };
    if ($('rule-district').value) body.districtCode = $('rule-district').value;
    if (chosen.startsWith('office:')) body.territorialOffice = chosen.slice(7);
    else body.departmentCode = chosen;
    if ($('rule-from').value) body.effectiveFrom = window.casegrid.cityTimeToIso($('rule-from').value);
    return body;
  }

  const sendRule = (apply) => send('/api/admin/city/routing-rules', ruleBody(), apply,
    $('rule-form'), $('rule-problem'), $('rule-report'), $('apply-rule'));
  $('rule-form').addEventListener('submit', (event) => {
    event.preventDefault();
    sendRule(false);
  });
  $('apply-rule').addEventListener('click', () => sendRule(true));
  $('rule-form').addEventListener('change', () => ($('apply-rule').disabled = true));

  // ---- The calendar, by month ----

  function drawCalendar() {
    const calendar = city.supervision.calendar || {};
    const names = ['MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY'];
    // 2024-01-01 was a Monday: the weekday's name in the page's language.
    const weekdayName = (day, style) => new Intl.DateTimeFormat(document.documentElement.lang, {
      weekday: style, timeZone: 'UTC',
    }).format(new Date(Date.UTC(2024, 0, 1 + day)));
    const periods = (calendar.workingPeriods || []).map((p) => p.start + '–' + p.end).join(', ');
    $('working-periods').textContent = t('workingPeriods', {
      periods,
      weekend: (calendar.weekend || []).map((d) => weekdayName(names.indexOf(d), 'long')).join(', '),
    });
    if (!shownMonth) {
      const today = new Intl.DateTimeFormat('en-CA', { timeZone: window.casegrid.zone }).format(new Date());
      shownMonth = { year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)) - 1 };
    }
    const holidays = new Map((calendar.holidays || []).map((d) => [d.date, d.name]));
    const makeUps = new Map((calendar.makeUpWorkdays || []).map((d) => [d.date, d.name]));
    const weekend = new Set(calendar.weekend || []);
    const { year, month } = shownMonth;
    $('month-name').textContent = new Intl.DateTimeFormat(document.documentElement.lang, {
      year: 'numeric', month: 'long', timeZone: 'UTC',
    }).format(new Date(Date.UTC(year, month, 1)));
    const monthTable = $('month');
    monthTable.replaceChildren();
    const head = monthTable.createTHead().insertRow();
    for (let d = 0; d < 7; d++) {
      head.append(element('th', weekdayName(d, 'short')));
    }
    const body = monthTable.createTBody();
    const first = (new Date(Date.UTC(year, month, 1)).getUTCDay() + 6) % 7;
    const days = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
    let row = body.insertRow();
    for (let i = 0; i < first; i++) row.insertCell();
    for (let day = 1; day <= days; day++) {
      if (row.cells.length === 7) row = body.insertRow();
      const date = `${year}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      const cell = row.insertCell();
      const button = element('button', String(day), 'day');
      button.type = 'button';
      button.dataset.date = date;
      const weekday = names[(first + day - 1) % 7];
      if (holidays.has(date)) {
        cell.className = 'holiday';
        button.append(element('span', holidays.get(date) || t('dayKind.HOLIDAY'), 'day-name'));
      } else if (makeUps.has(date)) {
        cell.className = 'make-up';
        button.append(element('span', makeUps.get(date) || t('dayKind.MAKE_UP_WORKDAY'), 'day-name'));
      } else if (weekend.has(weekday)) {
        cell.className = 'weekend';
      }
      cell.append(button);
    }
    while (row.cells.length < 7) row.insertCell();
  }

  function moveMonth(by) {
    const next = new Date(Date.UTC(shownMonth.year, shownMonth.month + by, 1));
    shownMonth = { year: next.getUTCFullYear(), month: next.getUTCMonth() };
    drawCalendar();
  }
  $('previous-month').addEventListener('click', () => moveMonth(-1));
  $('next-month').addEventListener('click', () => moveMonth(1));
  $('month').addEventListener('click', (event) => {
    const day = event.target.closest('button[data-date]');
    if (day) {
      $('day-date').value = day.dataset.date;
      $('day-date').focus();
    }
  });

  function dayBody() {
    const body = {
      date: $('day-date').value || null,
      kind: document.querySelector('input[name=day-kind]:checked').value,
    };
    if ($('day-name').value.trim()) body.name = $('day-name').value.trim();
    return body;
  }

  const sendDay = (apply) => send('/api/admin/city/calendar-days', dayBody(), apply,
    $('day-form'), $('day-problem'), $('day-report'), $('apply-day'));
  $('day-form').addEventListener('submit', (event) => {
    event.preventDefault();
    sendDay(false);
  });
  $('apply-day').addEventListener('click', () => sendDay(true));
  $('day-form').addEventListener('change', () => ($('apply-day').disabled = true));

  // ---- Policies and the ladder ----

  function limit(l) {
    return l ? t('unit.' + l.unit, { amount: l.amount }) : '';
  }

  function drawPolicies() {
    const policies = city.supervision.deadlinePolicies || [];
    const policyTable = table(
      [t('category'), t('urgency'), t('sign'), t('makeSafe'), t('resolve'), t('warningShare')],
      policies.map((p) => [
        p.categoryCode ? named(nameOf(categoryNamed(p.categoryCode)), p.categoryCode) : t('allCategories'),
        t('urgency.' + p.urgency),
        limit(p.sign),
        limit(p.makeSafe),
        limit(p.resolve),
        p.warningShare === undefined ? '' : Math.round(p.warningShare * 100) + '%',
      ]),
    );
    policyTable.id = 'policies';
    $('policy-table').replaceChildren(policyTable);
    const ladder = city.supervision.escalationLadder;
    const list = element('ol', null, 'ladder');
    for (const rung of (ladder && ladder.rungs) || []) {
      list.append(element('li', t('ladderRung', {
        count: rung.overdueCases,
        period: t('period.' + ladder.period),
        step: t('step.' + rung.step),
      })));
    }
    $('ladder').replaceChildren(list);
  }

  loadCity();
})();

// The hotline operator's console: the intake form for the call in progress, the grid map, and the
// look-up of earlier cases with their callbacks. Everything goes through intake's API (/api/cases).
'use strict';

(() => {
  const { api, t, showProblem, clearProblems, problemText, formatTime, element } = window.casegrid;
  const $ = (id) => document.getElementById(id);

  const form = $('intake-form');
  const problem = $('intake-problem');
  const category = $('category');
  const gridSelect = $('grid');
  const latitude = $('latitude');
  const longitude = $('longitude');
  const placeFound = $('place-found');
  const map = $('city-map');
  const marker = $('map-marker');
  const registered = $('registered');
  const registerButton = $('register');
  let urgencyChosen = false;

  // Categories by code, and grid names by code, from what the page was drawn with.
  const categories = new Map(
    [...document.querySelectorAll('#category-list option')].map((o) => [o.dataset.code, o]),
  );
  const gridNames = new Map(
    [...gridSelect.querySelectorAll('option[value]')]
      .filter((o) => o.value)
      .map((o) => [o.value, o.textContent]),
  );

  // --- Category: by name or code, from the list.

  /** The category the field names: an entry of the list, a code, or the one entry matching. */
  function chosenCategory() {
    const typed = category.value.trim();
    if (!typed) {
      return null;
    }
    for (const option of categories.values()) {
      if (option.value === typed) {
        return option;
      }
    }
    if (categories.has(typed)) {
      return categories.get(typed);
    }
    const lower = typed.toLowerCase();
    const matching = [...categories.values()].filter((o) => o.value.toLowerCase().includes(lower));
    return matching.length === 1 ? matching[0] : null;
  }

  category.addEventListener('change', () => {
    const option = chosenCategory();
    if (!option) {
      return;
    }
    category.value = option.value;
    if (!urgencyChosen) {
      const preset = form.querySelector(`input[name="urgency"][value="${option.dataset.urgency}"]`);
      if (preset) {
        preset.checked = true;
      }
    }
  });
  form.querySelectorAll('input[name="urgency"]').forEach((r) =>
    r.addEventListener('change', () => {
      urgencyChosen = true;
    }),
  );

  // --- Place: a click on the map, a grid from the list, coordinates, an asset code or an address.

  function showPlace(lat, lon, gridCode) {
    latitude.value = lat.toFixed(6);
    longitude.value = lon.toFixed(6);
    gridSelect.value = gridCode || '';
    if (map) {
      map.querySelectorAll('.grid.selected').forEach((g) => g.classList.remove('selected'));
      if (gridCode) {
        map.querySelector(`.grid[data-code="${gridCode}"]`)?.classList.add('selected');
      }
      const d = map.dataset;
      const pad = Number(d.pad);
      marker.setAttribute('cx', pad + (lon - Number(d.minLongitude)) * Number(d.unitsPerLongitude));
      marker.setAttribute('cy', pad + (Number(d.maxLatitude) - lat) * Number(d.unitsPerLatitude));
      marker.setAttribute('visibility', 'visible');
    }
    placeFound.textContent = gridCode
      ? t('placeFound', { grid: gridNames.get(gridCode) || gridCode })
      : t('placeOutside');
  }

  if (map) {
    map.addEventListener('click', (event) => {
      const point = map.createSVGPoint();
      point.x = event.clientX;
      point.y = event.clientY;
      const at = point.matrixTransform(map.getScreenCTM().inverse());
      const d = map.dataset;
      const pad = Number(d.pad);
      const lon = Number(d.minLongitude) + (at.x - pad) / Number(d.unitsPerLongitude);
      const lat = Number(d.maxLatitude) - (at.y - pad) / Number(d.unitsPerLatitude);
      showPlace(lat, lon, event.target.closest('.grid')?.dataset.code);
    });
  }

  gridSelect.addEventListener('change', () => {
    const option = gridSelect.selectedOptions[0];
    if (option && option.value) {
      showPlace(Number(option.dataset.latitude), Number(option.dataset.longitude), option.value);
    }
  });

  for (const input of [latitude, longitude]) {
    input.addEventListener('input', () => {
      gridSelect.value = '';
      placeFound.textContent = '';
      marker?.setAttribute('visibility', 'hidden');
      map?.querySelectorAll('.grid.selected').forEach((g) => g.classList.remove('selected'));
    });
  }

  // --- The caller.

  const anonymous = $('anonymous');
  anonymous.addEventListener('change', () => {
    for (const id of ['reporter-name', 'reporter-phone', 'callback-consent']) {
      const field = $(id);
      field.disabled = anonymous.checked;
      if (anonymous.checked) {
        field.value = '';
        field.checked = false;
      }
    }
  });

  const resolvedOnCall = $('resolved-on-call');
  resolvedOnCall.addEventListener('change', () => {
    $('answer-field').hidden = !resolvedOnCall.checked;
    if (resolvedOnCall.checked) {
      $('answer').focus();
    }
  });

  // --- Registering.

  function optional(value) {
    const text = value.trim();
    return text ? text : undefined;
  }

  function number(value) {
    const text = value.trim();
    return text !== '' && !Number.isNaN(Number(text)) ? Number(text) : text;
  }

  function requestFromForm() {
    const chosen = chosenCategory();
    const urgency = form.querySelector('input[name="urgency"]:checked');
    const request = {
      kind: form.querySelector('input[name="kind"]:checked')?.value,
      channel: 'HOTLINE',
      categoryCode: chosen ? chosen.dataset.code : optional(category.value),
      urgency: urgency ? urgency.value : undefined,
      description: $('description').value,
      addressText: optional($('address').value),
      assetCode: optional($('asset-code').value),
      reporter: anonymous.checked
        ? { anonymous: true, callbackConsent: false }
        : {
            name: optional($('reporter-name').value),
            phone: optional($('reporter-phone').value),
            anonymous: false,
            callbackConsent: $('callback-consent').checked,
          },
    };
    if (latitude.value.trim() || longitude.value.trim()) {
      request.position = { latitude: number(latitude.value), longitude: number(longitude.value) };
    }
    if (resolvedOnCall.checked) {
      request.resolvedOnCall = { answer: $('answer').value };
    }
    return request;
  }

  async function register() {
    if (registerButton.disabled) {
      return;
    }
    clearProblems(form, problem);
    if (category.value.trim() && !chosenCategory()) {
      showProblem(form, problem, {
        type: 'urn:casegrid:problem:validation',
        errors: [{ field: 'categoryCode', message: t('categoryUnknown') }],
      });
      return;
    }
    // Duplicate suggestions (POST /api/cases/duplicate-suggestions) are to be asked for and shown
    // in #duplicates at this point, before the case is saved, once that endpoint exists.
    registerButton.disabled = true;
    registerButton.textContent = t('registering');
    const answer = await api('POST', '/api/cases', requestFromForm());
    registerButton.textContent = t('register');
    if (!answer.ok) {
      registerButton.disabled = false;
      showProblem(form, problem, answer.problem);
      return;
    }
    const c = answer.data;
    $('registered-number').textContent = c.caseNumber;
    const where = c.location ? gridNames.get(c.location.gridCode) || c.location.gridCode : '';
    $('registered-status').textContent =
      `${t('fact.status')}: ${t('status.' + c.status)}` + (where ? ` · ${t('fact.grid')}: ${where}` : '');
    registered.hidden = false;
    registered.focus();
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    register();
  });

  function newCall() {
    form.reset();
    urgencyChosen = false;
    clearProblems(form, problem);
    anonymous.dispatchEvent(new Event('change'));
    $('answer-field').hidden = true;
    placeFound.textContent = '';
    marker?.setAttribute('visibility', 'hidden');
    map?.querySelectorAll('.grid.selected').forEach((g) => g.classList.remove('selected'));
    registered.hidden = true;
    registerButton.disabled = false;
    form.querySelector('input[name="kind"]:checked').focus();
  }

  $('new-call').addEventListener('click', newCall);

  document.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey) && form.contains(event.target)) {
      event.preventDefault();
      register();
    } else if (event.altKey && (event.key === 'n' || event.key === 'N')) {
      event.preventDefault();
      newCall();
    }
  });

  // --- Finding cases, by number or by the caller's phone.

  const lookupForm = $('lookup-form');
  const lookupQuery = $('lookup-query');
  const lookupProblem = $('lookup-problem');
  const results = $('lookup-results');
  const detail = $('case-detail');
  let shown = null;

  async function lookUp() {
    clearProblems(lookupForm, lookupProblem);
    const by = lookupForm.querySelector('input[name="lookup-by"]:checked').value;
    const query = lookupQuery.value.trim();
    if (by === 'number' ? !/^\d{8,20}$/.test(query) : !query) {
      showProblem(lookupForm, lookupProblem, {
        type: 'urn:casegrid:problem:validation',
        errors: [
          { field: 'lookup', message: t(by === 'number' ? 'lookupInvalidNumber' : 'lookupInvalidPhone') },
        ],
      });
      return;
    }
    results.replaceChildren(element('p', t('searching'), 'hint'));
    detail.hidden = true;
    const answer = await api('GET', `/api/cases?${by}=${encodeURIComponent(query)}`);
    results.replaceChildren();
    if (!answer.ok) {
      showProblem(lookupForm, lookupProblem, answer.problem);
      return;
    }
    showResults(answer.data);
  }

  function categoryName(code) {
    return categories.get(code)?.value || code;
  }

  function showResults(cases) {
    if (!cases.length) {
      results.replaceChildren(element('p', t('noCases')));
      return;
    }
    const table = element('table');
    table.id = 'lookup-table';
    const head = element('tr');
    for (const key of ['number', 'reportedAt', 'category', 'status', 'department']) {
      const th = element('th', t('column.' + key));
      th.scope = 'col';
      head.append(th);
    }
    table.append(element('caption', t('casesFound', { count: cases.length }), 'visually-hidden'));
    table.createTHead().append(head);
    const body = table.createTBody();
    for (const c of cases) {
      const row = element('tr');
      const open = element('button', c.caseNumber, 'link');
      open.type = 'button';
      open.dataset.caseNumber = c.caseNumber;
      open.addEventListener('click', () => showCase(c));
      const first = element('td');
      first.append(open);
      row.append(
        first,
        element('td', formatTime(c.reportedAt)),
        element('td', categoryName(c.categoryCode)),
        element('td', t('status.' + c.status)),
        element('td', c.departmentCode || '—'),
      );
      body.append(row);
    }
    results.replaceChildren(element('p', t('casesFound', { count: cases.length })), table);
  }

  lookupForm.addEventListener('submit', (event) => {
    event.preventDefault();
    lookUp();
  });

  $('cases-of-caller').addEventListener('click', () => {
    lookupForm.querySelector('input[name="lookup-by"][value="phone"]').checked = true;
    lookupQuery.value = $('reporter-phone').value;
    lookUp();
  });

  // --- One case, its callbacks, and recording a callback.

  const callbackForm = $('callback-form');
  const callbackProblem = $('callback-problem');

  function fact(list, key, value) {
    if (value === null || value === undefined || value === '') {
      return;
    }
    list.append(element('dt', t('fact.' + key)), element('dd', String(value)));
  }

  async function showCase(c) {
    shown = c;
    $('detail-number').textContent = c.caseNumber;
    const facts = $('detail-facts');
    facts.replaceChildren();
    fact(facts, 'status', t('status.' + c.status));
    fact(facts, 'kind', t('kind.' + c.kind));
    fact(facts, 'category', categoryName(c.categoryCode));
    fact(facts, 'urgency', t('urgency.' + c.urgency));
    fact(facts, 'description', c.description);
    fact(facts, 'grid', c.location ? gridNames.get(c.location.gridCode) || c.location.gridCode : null);
    fact(facts, 'asset', c.assetCode);
    fact(facts, 'address', c.addressText);
    if (c.reporterAnonymous) {
      fact(facts, 'reporter', t('fact.anonymous'));
    } else {
      fact(facts, 'reporter', c.reporterName);
      fact(facts, 'phone', c.reporterPhone || c.reporterPhoneMasked);
    }
    fact(facts, 'reportedAt', formatTime(c.reportedAt));
    fact(facts, 'department', c.departmentCode);
    fact(facts, 'answer', c.answerOnCall);
    fact(facts, 'answeredBy', c.answeredBy);
    const closed = c.status === 'CLOSED' || c.status === 'CLOSED_AT_FIRST_CONTACT';
    callbackForm.reset();
    $('callback-reached').hidden = true;
    clearProblems(callbackForm, callbackProblem);
    callbackForm.hidden = !closed || c.reporterAnonymous;
    detail.hidden = false;
    detail.focus();
    await showCallbacks(c);
  }

  async function showCallbacks(c) {
    const list = $('detail-callbacks');
    const answer = await api('GET', `/api/cases/${c.id}/callbacks`);
    if (!answer.ok) {
      list.replaceChildren(element('p', problemText(answer.problem), 'alert error'));
      return;
    }
    if (!answer.data.length) {
      const none = element('p', t('noCallbacks'));
      const closed = c.status === 'CLOSED' || c.status === 'CLOSED_AT_FIRST_CONTACT';
      list.replaceChildren(none, ...(closed ? [] : [element('p', t('callbackOnlyWhenClosed'), 'hint')]));
      return;
    }
    const items = element('ul');
    items.id = 'callback-list';
    for (const cb of answer.data) {
      const parts = [formatTime(cb.recordedAt), cb.recordedBy, t(cb.contacted ? 'callbackContacted' : 'callbackNotContacted')];
      if (cb.contacted) {
        parts.push(t(cb.resolved ? 'callbackResolved' : 'callbackUnresolved'), t('satisfaction.' + cb.satisfaction));
      }
      if (cb.comment) {
        parts.push(cb.comment);
      }
      items.append(element('li', parts.join(' · ')));
    }
    list.replaceChildren(items);
  }

  callbackForm.querySelectorAll('input[name="contacted"]').forEach((r) =>
    r.addEventListener('change', () => {
      $('callback-reached').hidden = r.value !== 'true';
    }),
  );

  callbackForm.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearProblems(callbackForm, callbackProblem);
    const checked = (name) => callbackForm.querySelector(`input[name="${name}"]:checked`)?.value;
    const contacted = checked('contacted');
    const request = {
      contacted: contacted === undefined ? undefined : contacted === 'true',
      comment: optional($('callback-comment').value),
    };
    if (contacted === 'true') {
      const resolved = checked('resolved');
      request.resolved = resolved === undefined ? undefined : resolved === 'true';
      request.satisfaction = checked('satisfaction');
    }
    const answer = await api('POST', `/api/cases/${shown.id}/callback`, request);
    if (!answer.ok) {
      showProblem(callbackForm, callbackProblem, answer.problem);
      return;
    }
    const refreshed = await api('GET', `/api/cases/${shown.id}`);
    await showCase(refreshed.ok ? refreshed.data : shown);
    $('detail-callbacks').prepend(element('p', t('callbackSaved'), 'alert ok'));
  });
})();

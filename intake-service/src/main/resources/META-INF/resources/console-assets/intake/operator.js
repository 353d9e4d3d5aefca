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
  const categoryList = $('category-list');
  const categories = new Map(
    [...categoryList.querySelectorAll('[role="option"]')].map((o) => [o.dataset.code, o]),
  );
  const gridNames = new Map(
    [...gridSelect.querySelectorAll('option[value]')]
      .filter((o) => o.value)
      .map((o) => [o.value, o.textContent]),
  );

  // --- Category: by name or code, from the list.

  const labelOf = (option) => option.textContent.trim();

  /** The category the field names: an entry of the list, a code, or the one entry matching. */
  function chosenCategory() {
    const typed = category.value.trim();
    if (!typed) {
      return null;
    }
    for (const option of categories.values()) {
      if (labelOf(option) === typed) {
        return option;
      }
    }
    if (categories.has(typed)) {
      return categories.get(typed);
    }
    const matching = matchingCategories(typed);
    return matching.length === 1 ? matching[0] : null;
  }

  function matchingCategories(typed) {
    const lower = typed.trim().toLowerCase();
    return [...categories.values()].filter((o) => labelOf(o).toLowerCase().includes(lower));
  }

  function takeCategory(option) {
    category.value = labelOf(option);
    if (!urgencyChosen) {
      const preset = form.querySelector(`input[name="urgency"][value="${option.dataset.urgency}"]`);
      if (preset) {
        preset.checked = true;
      }
    }
  }

  // The list under the field (an ARIA combobox): typing filters it, the arrow keys move through
  // it, Enter takes the entry, Escape closes it; focus stays in the field all along.
  let active = null;

  function showCategories() {
    const typed = category.value.trim();
    const matching = new Set(matchingCategories(typed));
    for (const option of categories.values()) {
      option.hidden = !matching.has(option);
    }
    categoryList.hidden = typed === '' || matching.size === 0;
    category.setAttribute('aria-expanded', String(!categoryList.hidden));
    activate(null);
  }

  function closeCategories() {
    categoryList.hidden = true;
    category.setAttribute('aria-expanded', 'false');
    activate(null);
  }

  function activate(option) {
    active?.setAttribute('aria-selected', 'false');
    active = option;
    if (option) {
      option.setAttribute('aria-selected', 'true');
      category.setAttribute('aria-activedescendant', option.id);
      option.scrollIntoView({ block: 'nearest' });
    } else {
      category.removeAttribute('aria-activedescendant');
    }
  }

  function move(step) {
    if (categoryList.hidden) {
      showCategories();
      categoryList.hidden = false;
      category.setAttribute('aria-expanded', 'true');
    }
    const visible = [...categories.values()].filter((o) => !o.hidden);
    if (!visible.length) {
      return;
    }
    const at = visible.indexOf(active);
    const next = at < 0 ? (step > 0 ? 0 : visible.length - 1) : at + step;
    activate(visible[(next + visible.length) % visible.length]);
  }

  category.addEventListener('input', showCategories);
  category.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      move(event.key === 'ArrowDown' ? 1 : -1);
    } else if (event.key === 'Enter' && !event.ctrlKey && !event.metaKey && active) {
      event.preventDefault();
      takeCategory(active);
      closeCategories();
    } else if (event.key === 'Escape' && !categoryList.hidden) {
      event.preventDefault();
      closeCategories();
    }
  });
  // A click on an entry takes it; mousedown would otherwise move focus away and close the list.
  categoryList.addEventListener('mousedown', (event) => event.preventDefault());
  categoryList.addEventListener('click', (event) => {
    const option = event.target.closest('[role="option"]');
    if (option) {
      takeCategory(option);
      closeCategories();
    }
  });
  category.addEventListener('blur', closeCategories);
  category.addEventListener('change', () => {
    const option = chosenCategory();
    if (option) {
      takeCategory(option);
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

  // --- Duplicates: before a new case is saved, the open cases it may repeat.

  const duplicates = $('duplicates');
  let duplicatesShownFor = null;

  /** What the suggestions depend on: asked again once one of them changes. */
  function suggestionKey(request) {
    return JSON.stringify([request.categoryCode, request.position, request.assetCode]);
  }

  function age(minutes) {
    return minutes < 60
      ? t('ageMinutes', { minutes })
      : t('ageHours', { hours: Math.round(minutes / 60) });
  }

  function showDuplicates(found, request) {
    const list = $('duplicate-list');
    list.replaceChildren();
    for (const s of found.suggestions) {
      const item = element('li');
      const facts = [
        s.sameAsset ? t('sameAsset') : t('distance', { metres: s.distanceMetres }),
        age(s.ageMinutes),
        t('status.' + s.status),
        t('reporterCount', { count: s.reporterCount }),
      ];
      item.append(
        element('strong', s.caseNumber),
        element('span', ' · ' + facts.join(' · ')),
        element('p', s.description),
      );
      const join = element('button', t('joinCase', { number: s.caseNumber }), 'primary');
      join.type = 'button';
      join.dataset.caseNumber = s.caseNumber;
      join.addEventListener('click', () => joinCase(s, request));
      item.append(join);
      list.append(item);
    }
    duplicatesShownFor = suggestionKey(request);
    duplicates.hidden = false;
    duplicates.focus();
  }

  function hideDuplicates() {
    duplicates.hidden = true;
    duplicatesShownFor = null;
  }

  // The caller joins the open case instead of opening another (POST /api/cases/{id}/reporters).
  async function joinCase(suggestion, request) {
    clearProblems(form, problem);
    const answer = await api('POST', `/api/cases/${suggestion.caseId}/reporters`, {
      channel: 'HOTLINE',
      note: optional(request.description || ''),
      reporter: request.reporter,
    });
    if (!answer.ok) {
      showProblem(form, problem, answer.problem);
      return;
    }
    hideDuplicates();
    showDone(t('joinedTitle'), answer.data.caseNumber, [
      `${t('fact.status')}: ${t('status.' + answer.data.status)}`,
      t('reporterCount', { count: answer.data.reporterCount }),
    ]);
  }

  function showDone(title, number, facts) {
    $('registered-heading').textContent = title;
    $('registered-number').textContent = number;
    $('registered-status').textContent = facts.filter((f) => f).join(' · ');
    registerButton.disabled = true;
    registered.hidden = false;
    registered.focus();
  }

  async function register(evenIfDuplicated) {
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
    const request = requestFromForm();
    // A case answered on the call repeats nothing; any other is first compared with the open
    // cases nearby, once for its category and place: registering again means "a new case".
    const comparable =
      !request.resolvedOnCall && request.categoryCode && (request.position || request.assetCode);
    if (!evenIfDuplicated && comparable && duplicatesShownFor !== suggestionKey(request)) {
      const found = await api('POST', '/api/cases/duplicate-suggestions', request);
      if (found.ok && found.data.suggestions.length) {
        showDuplicates(found.data, request);
        return;
      }
    }
    hideDuplicates();
    registerButton.disabled = true;
    registerButton.textContent = t('registering');
    const answer = await api('POST', '/api/cases', request);
    registerButton.textContent = t('register');
    registerButton.disabled = false;
    if (!answer.ok) {
      showProblem(form, problem, answer.problem);
      return;
    }
    const c = answer.data;
    const where = c.location ? gridNames.get(c.location.gridCode) || c.location.gridCode : '';
    showDone(t('registeredTitle'), c.caseNumber, [
      `${t('fact.status')}: ${t('status.' + c.status)}`,
      where ? `${t('fact.grid')}: ${where}` : '',
    ]);
  }

  $('register-anyway').addEventListener('click', () => register(true));

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
    hideDuplicates();
    closeCategories();
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
    const option = categories.get(code);
    return option ? labelOf(option) : code;
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
    if (c.mediaUrl) {
      // An http(s) link, as intake accepts no other; opened apart, without this page as opener.
      const link = element('a', c.mediaUrl);
      link.href = c.mediaUrl;
      link.rel = 'noopener noreferrer';
      link.target = '_blank';
      const value = element('dd');
      value.append(link);
      facts.append(element('dt', t('fact.media')), value);
    }
    if (c.reporterAnonymous) {
      fact(facts, 'reporter', t('fact.anonymous'));
    } else {
      fact(facts, 'reporter', c.reporterName);
      fact(facts, 'phone', c.reporterPhone || c.reporterPhoneMasked);
    }
    fact(facts, 'reportedAt', formatTime(c.reportedAt));
    fact(facts, 'department', c.departmentCode);
    if (c.reporterCount > 1) {
      fact(facts, 'reporters', c.reporterCount);
    }
    fact(facts, 'mergedInto', c.mergedIntoCaseNumber);
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

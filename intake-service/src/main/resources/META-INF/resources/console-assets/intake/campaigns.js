// The inspectors' campaign page (专项排查), for a phone: choose a campaign, see one's items the
// nearest first (the device's position, else the one typed, else the district's centre), open one
// and record it, record a cover the register lacks. Everything goes through the campaigns' API
// (/api/campaigns), which decides whose items each person sees; every submission carries an
// Idempotency-Key, kept until it is answered, so that sending it again records it once.
'use strict';

(() => {
  const { api, t, showProblem, clearProblems, formatTime, element, newRequestKey } =
    window.casegrid;
  const $ = (id) => document.getElementById(id);
  const PAGE_SIZE = 20;

  // The names of codes, as the page was rendered with them.
  const names = (select) => new Map([...select.options].map((o) => [o.value, o.textContent]));
  const categoryNames = names($('found-category'));
  const departmentNames = names($('owner-found'));
  const allCategories = [...$('found-category').options];

  let campaign = null;
  let position = null;
  let items = [];
  let page = 0;
  let current = null;
  // One key per submission, made when a form is opened and kept until the service answers it; a
  // photo keeps its own key and link once sent, so a retry neither sends nor stores it twice.
  let resultKey = null;
  let foundKey = null;
  const photoKeys = new WeakMap();
  const photoLinks = new WeakMap();

  function defectKindName(kind) {
    const name = t('defectKind.' + kind);
    return name === 'defectKind.' + kind ? kind : name;
  }

  function responsibleName(code) {
    if (code?.startsWith('TERRITORIAL:')) {
      return t('territorial', { street: code.slice('TERRITORIAL:'.length) });
    }
    return departmentNames.get(code) || code || '';
  }

  // ---- Where the inspector stands.

  function setPosition(latitude, longitude, source, accuracy) {
    position = { latitude, longitude, source };
    $('position-status').textContent =
      source === 'device'
        ? t('positionDevice', { accuracy: Math.round(accuracy || 0) })
        : source === 'typed'
          ? t('positionTyped', { latitude, longitude })
          : t('positionDistrict', { district: source.name });
  }

  /** The typed position, else the centre of the district chosen or of the campaign's first area. */
  function fallbackPosition() {
    const latitude = Number.parseFloat($('typed-latitude').value);
    const longitude = Number.parseFloat($('typed-longitude').value);
    if (Number.isFinite(latitude) && Number.isFinite(longitude)) {
      setPosition(latitude, longitude, 'typed');
      return;
    }
    const districts = [...$('district').options].filter((o) => o.value);
    const area = campaign?.scope?.areaCodes?.[0]?.slice(0, 6);
    const district =
      districts.find((o) => o.value === $('district').value) ||
      districts.find((o) => o.value === area) ||
      districts[0];
    if (district) {
      setPosition(
        Number(district.dataset.latitude),
        Number(district.dataset.longitude),
        { name: district.textContent },
      );
    } else {
      position = null;
      $('position-status').textContent = t('positionUnknown');
    }
  }

  /** Asks the device where it is; answers whether it said. */
  function locate(patience) {
    return new Promise((resolve) => {
      if (!navigator.geolocation) {
        resolve(false);
        return;
      }
      navigator.geolocation.getCurrentPosition(
        (p) => {
          setPosition(p.coords.latitude, p.coords.longitude, 'device', p.coords.accuracy);
          resolve(true);
        },
        () => resolve(false),
        { enableHighAccuracy: true, timeout: patience, maximumAge: 30_000 },
      );
    });
  }

  async function locateOrFallBack() {
    $('position-status').textContent = t('positionLocating');
    if (!(await locate(10_000))) {
      fallbackPosition();
    }
  }

  // ---- Campaigns and their items.

  async function loadCampaigns() {
    const answer = await api('GET', '/api/campaigns');
    const select = $('campaign');
    if (!answer.ok) {
      showProblem($('choose-form'), $('choose-problem'), answer.problem);
      return;
    }
    const active = answer.data.filter((c) => c.state === 'ACTIVE');
    select.replaceChildren(
      element('option', active.length ? t('chooseOne') : t('noCampaigns')),
      ...active.map((c) => {
        const option = element('option', c.name);
        option.value = c.id;
        return option;
      }),
    );
    select.options[0].value = '';
    if (active.length === 1) {
      select.value = active[0].id;
      await chooseCampaign(active[0]);
    }
  }

  async function chooseCampaign(chosen) {
    campaign = chosen;
    $('items-panel').hidden = !campaign;
    $('item-panel').hidden = true;
    $('found-panel').hidden = true;
    $('campaign-facts').textContent = campaign
      ? t('campaignFacts', {
          inspectBy: campaign.period.inspectBy,
          rectifyBy: campaign.period.rectifyBy,
          items: campaign.itemsInScope,
        })
      : '';
    if (!campaign) {
      return;
    }
    for (const select of document.querySelectorAll('[data-defect-kinds]')) {
      select.replaceChildren(
        ...campaign.defectKinds.map((kind) => {
          const option = element('option', defectKindName(kind));
          option.value = kind;
          return option;
        }),
      );
    }
    $('found-category').replaceChildren(
      ...allCategories.filter((o) => campaign.scope.categoryCodes.includes(o.value)),
    );
    if (!position || position.source !== 'device') {
      fallbackPosition();
    }
    await loadItems(true);
  }

  async function loadItems(fromStart) {
    if (fromStart) {
      page = 0;
      items = [];
    }
    const query = new URLSearchParams({ page, size: PAGE_SIZE });
    if ($('to-inspect').checked) {
      query.set('toInspect', 'true');
    }
    if (position) {
      query.set('latitude', position.latitude);
      query.set('longitude', position.longitude);
    }
    const answer = await api('GET', `/api/campaigns/${campaign.id}/items?${query}`);
    if (!answer.ok) {
      showProblem($('choose-form'), $('choose-problem'), answer.problem);
      return;
    }
    items = items.concat(answer.data);
    $('more-items').hidden = answer.data.length < PAGE_SIZE;
    $('items-summary').textContent = items.length
      ? t(position ? 'itemsNearest' : 'itemsByCode', { count: items.length })
      : t('noItems');
    $('items').replaceChildren(...items.map(itemEntry));
  }

  function stateOf(item) {
    if (!item.inspectedAt) {
      return { text: t('stateToInspect'), level: 'todo' };
    }
    return item.condition === 'DEFECT'
      ? { text: t('stateDefect', { kind: defectKindName(item.defectKind) }), level: 'defect' }
      : { text: t('stateOk'), level: 'ok' };
  }

  function itemEntry(item) {
    const entry = element('li');
    const open = element('button', undefined, 'item');
    open.type = 'button';
    open.dataset.assetCode = item.assetCode;
    const state = stateOf(item);
    open.append(
      element('span', categoryNames.get(item.categoryCode) || item.categoryCode, 'item-kind'),
      element('span', item.assetCode, 'code'),
      element(
        'span',
        item.distanceMetres === null || item.distanceMetres === undefined
          ? ''
          : t('distance', { metres: item.distanceMetres }),
        'item-distance',
      ),
      element('span', state.text, `item-state ${state.level}`),
    );
    open.addEventListener('click', () => openItem(item));
    entry.append(open);
    return entry;
  }

  // ---- One item.

  function openItem(item) {
    current = item;
    resultKey = newRequestKey();
    const form = $('result-form');
    form.reset();
    clearProblems(form, $('result-problem'));
    showDefectFields(form);
    $('owner-found-field').hidden = true;
    $('item-done').hidden = true;
    $('item-heading').textContent = t('itemHeading', {
      kind: categoryNames.get(item.categoryCode) || item.categoryCode,
    });
    fillFacts(item);
    form.hidden = Boolean(item.inspectedAt);
    $('items-panel').hidden = true;
    $('found-panel').hidden = true;
    $('item-panel').hidden = false;
    $('item-panel').focus();
  }

  function fillFacts(item) {
    const facts = [
      ['assetCode', item.assetCode],
      ['responsible', responsibleName(item.responsibleCode)],
      ['grid', item.gridCode],
      ['itemPosition', `${item.latitude}, ${item.longitude}`],
      [
        'distanceFact',
        item.distanceMetres === null || item.distanceMetres === undefined
          ? ''
          : t('distance', { metres: item.distanceMetres }),
      ],
      ['stateFact', stateOf(item).text],
      ['inspectedBy', item.inspectedBy && `${item.inspectedBy} · ${formatTime(item.inspectedAt)}`],
      ['ownerFoundFact', item.ownerFound && responsibleName(item.ownerFound)],
    ];
    const list = $('item-facts');
    list.replaceChildren();
    for (const [key, value] of facts) {
      if (value) {
        const dd = element('dd', value);
        dd.dataset.fact = key;
        list.append(element('dt', t(key)), dd);
      }
    }
  }

  /** The defect's fields show while DEFECT is chosen. */
  function showDefectFields(form) {
    const defect = form.condition.value === 'DEFECT';
    form.querySelectorAll('[data-defect-only]').forEach((f) => {
      f.hidden = !defect;
    });
  }

  function closeItem() {
    $('item-panel').hidden = true;
    $('found-panel').hidden = true;
    $('items-panel').hidden = false;
    const back = current && $('items').querySelector(`[data-asset-code="${current.assetCode}"]`);
    (back || $('items-heading')).focus();
  }

  /** Where the inspector stands now: the device asked again briefly, else the last known. */
  async function standingAt() {
    if (position?.source === 'device') {
      await locate(5_000);
    }
    return position && { latitude: position.latitude, longitude: position.longitude };
  }

  /**
   * Sends the photos chosen in {@code input}, each once: answers their links, or null when one
   * was refused (its problem then shown in {@code summary}).
   */
  async function sendPhotos(form, summary, input) {
    const links = [];
    for (const file of input.files) {
      if (!photoLinks.has(file)) {
        if (!photoKeys.has(file)) {
          photoKeys.set(file, newRequestKey());
        }
        const sent = await api('POST', `/api/campaigns/${campaign.id}/photos`, file, {
          idempotencyKey: photoKeys.get(file),
        });
        if (!sent.ok) {
          showAnswer(form, summary, {
            ...sent.problem,
            errors: sent.problem.errors || [
              { field: 'photos', message: sent.problem.detail || t('photoRefused') },
            ],
          });
          return null;
        }
        photoLinks.set(file, sent.data.link);
      }
      links.push(photoLinks.get(file));
    }
    return links;
  }

  /** A refusal, with the service's own words when it explains a conflict (who recorded it, when). */
  function showAnswer(form, summary, problem) {
    showProblem(form, summary, problem);
    if (problem.detail && (problem.status === 409 || !problem.errors?.length)) {
      summary.append(element('p', problem.detail, 'detail'));
    }
  }

  /** Runs {@code send} with the form's button disabled; answers its answer. */
  async function whileSending(form, send) {
    const button = form.querySelector('button[type=submit]');
    button.disabled = true;
    button.setAttribute('aria-busy', 'true');
    try {
      return await send();
    } finally {
      button.disabled = false;
      button.removeAttribute('aria-busy');
    }
  }

  function resultBody(form, photos, standing) {
    const body = { condition: form.condition.value || null, photos, position: standing };
    if (body.condition === 'DEFECT') {
      body.defectKind = form.defectKind.value;
    }
    if (form.note.value.trim()) {
      body.note = form.note.value.trim();
    }
    if ($('wrong-owner').checked) {
      body.ownerFound = form.ownerFound.value;
    }
    return body;
  }

  $('result-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target;
    const summary = $('result-problem');
    clearProblems(form, summary);
    const item = current;
    const answer = await whileSending(form, async () => {
      const photos = await sendPhotos(form, summary, form.photos);
      if (!photos) {
        return null;
      }
      return api(
        'POST',
        `/api/campaigns/${campaign.id}/items/${item.assetCode}/result`,
        resultBody(form, photos, await standingAt()),
        { idempotencyKey: resultKey },
      );
    });
    if (!answer) {
      return;
    }
    if (!answer.ok) {
      showAnswer(form, summary, answer.problem);
      if (answer.status === 409) {
        // Someone else recorded it, or the campaign ended meanwhile: the list shows it as it is.
        loadItems(true);
      }
      return;
    }
    resultKey = newRequestKey();
    const recorded = answer.data;
    Object.assign(item, {
      condition: recorded.result.condition,
      defectKind: recorded.result.defectKind,
      inspectedAt: recorded.at,
      inspectedBy: t('me'),
      caseId: recorded.caseId,
      ownerFound: recorded.result.ownerFound,
    });
    fillFacts(item);
    form.hidden = true;
    const done = $('item-done');
    done.textContent = recorded.caseId ? t('recordedWithCase') : t('recorded');
    done.hidden = false;
    done.focus();
    $('items').replaceChildren(...items.map(itemEntry));
  });

  // ---- A cover the register lacks.

  function openFound() {
    foundKey = newRequestKey();
    const form = $('found-form');
    form.reset();
    clearProblems(form, $('found-problem'));
    showDefectFields(form);
    $('found-done').hidden = true;
    form.hidden = false;
    if (position) {
      $('found-latitude').value = String(position.latitude);
      $('found-longitude').value = String(position.longitude);
    }
    $('items-panel').hidden = true;
    $('found-panel').hidden = false;
    $('found-panel').focus();
  }

  /** A number typed, or the text as typed (the service then names the field). */
  function numberOrText(value) {
    const n = Number(value);
    return value.trim() !== '' && Number.isFinite(n) ? n : value.trim() || null;
  }

  $('found-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target;
    const summary = $('found-problem');
    clearProblems(form, summary);
    const answer = await whileSending(form, async () => {
      const photos = await sendPhotos(form, summary, form.photos);
      if (!photos) {
        return null;
      }
      const body = {
        categoryCode: form.categoryCode.value,
        condition: form.condition.value || null,
        photos,
        position: {
          latitude: numberOrText(form.latitude.value),
          longitude: numberOrText(form.longitude.value),
        },
      };
      if (body.condition === 'DEFECT') {
        body.defectKind = form.defectKind.value;
      }
      if (form.ownerCode.value) {
        body.ownerCode = form.ownerCode.value;
      }
      if (form.note.value.trim()) {
        body.note = form.note.value.trim();
      }
      return api('POST', `/api/campaigns/${campaign.id}/found-assets`, body, {
        idempotencyKey: foundKey,
      });
    });
    if (!answer) {
      return;
    }
    if (!answer.ok) {
      showAnswer(form, summary, answer.problem);
      return;
    }
    foundKey = newRequestKey();
    form.hidden = true;
    const done = $('found-done');
    done.textContent = t('foundRecorded');
    done.hidden = false;
    done.focus();
  });

  // ---- Wiring.

  for (const form of [$('result-form'), $('found-form')]) {
    form.addEventListener('change', (event) => {
      if (event.target.name === 'condition') {
        showDefectFields(form);
      }
    });
  }
  $('wrong-owner').addEventListener('change', (event) => {
    $('owner-found-field').hidden = !event.target.checked;
  });
  $('campaign').addEventListener('change', async (event) => {
    const answer = event.target.value
      ? await api('GET', `/api/campaigns/${event.target.value}`)
      : { ok: true, data: null };
    if (answer.ok) {
      await chooseCampaign(answer.data);
    } else {
      showProblem($('choose-form'), $('choose-problem'), answer.problem);
    }
  });
  $('to-inspect').addEventListener('change', () => loadItems(true));
  $('more-items').addEventListener('click', () => {
    page += 1;
    loadItems(false);
  });
  $('item-back').addEventListener('click', closeItem);
  $('found-back').addEventListener('click', closeItem);
  $('found-open').addEventListener('click', openFound);
  $('position-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    fallbackPosition();
    $('where').open = false;
    if (campaign) {
      await loadItems(true);
    }
  });
  $('locate-me').addEventListener('click', async () => {
    await locateOrFallBack();
    if (campaign) {
      await loadItems(true);
    }
  });

  (async () => {
    await locateOrFallBack();
    await loadCampaigns();
  })();
})();

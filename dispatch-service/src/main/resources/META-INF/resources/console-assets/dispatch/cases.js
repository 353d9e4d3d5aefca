// What dispatch's consoles share: a list of cases with the countdown to each deadline, the case's
// detail with its supervision order, photos and timeline, and the forms that call an action of the
// API and show its problems next to the fields. Everything goes through dispatch's API.
'use strict';

window.casegridCases = (() => {
  const { api, t, showProblem, clearProblems, problemText, formatTime, element } =
    window.casegrid;
  const $ = (id) => document.getElementById(id);
  const MINUTE = 60_000;

  const english = document.documentElement.lang === 'en';

  /** The name people read for a code ({code, name, nameEn}), in the page's language. */
  function nameOf(named) {
    return named ? (english && named.nameEn) || named.name || named.code : '';
  }

  /** A name with its code small beside it; only the code when the city gave no name. */
  function named(item, code) {
    const span = element('span');
    const name = item && ((english && item.nameEn) || item.name);
    if (name) {
      span.append(element('span', name, 'name'), ' ', element('span', code, 'code'));
    } else if (code) {
      span.append(element('span', code, 'code'));
    }
    return span;
  }

  /**
   * How routing placed the case, in words: which rule, for which category, sent it to which
   * department (or why no rule did); null when the entry says nothing of it.
   */
  function routedText(routed, department) {
    if (!routed) {
      return null;
    }
    const since = routed.effectiveFrom ? t('routed.since', { time: formatTime(routed.effectiveFrom) }) : '';
    const values = {
      category: nameOf(routed.category),
      scope: routed.district ? nameOf(routed.district) : t('routed.city'),
      since,
      area: nameOf(routed.area),
      department: nameOf(department),
      named: nameOf(routed.department),
      dispatcher: routed.dispatcher || '',
    };
    const key = routed.kind === 'CATALOGUE' && routed.area ? 'CATALOGUE_TERRITORY' : routed.kind;
    return t('routed.' + key, values);
  }

  /** A table cell holding {@code content}. */
  function cell(content) {
    const td = element('td');
    td.append(content);
    return td;
  }

  /** When the case is due: an approved extension moves the deadline. */
  function deadlineOf(item) {
    return item.extendedUntil || item.resolveDueAt;
  }

  /**
   * How near the deadline is: 'overdue' (red) after it, 'warning' (yellow) once the warning share
   * of the time from dispatch to deadline has passed, else 'ok', or 'paused' while parked; with
   * the time left or over.
   */
  function countdown(item, warningShare, now) {
    if (item.state === 'PARKED') {
      // Parking stops the clock: supervision gives the time back on resuming.
      return { level: 'paused', text: t('clockStopped') };
    }
    const due = deadlineOf(item);
    if (!due) {
      return { level: 'none', text: t('noDeadline') };
    }
    const dueAt = new Date(due).getTime();
    const start = new Date(item.dispatchedAt || item.reportedAt).getTime();
    const left = dueAt - now;
    if (left <= 0 || item.overdueSince) {
      return { level: 'overdue', text: t('overdueBy', { time: duration(now - dueAt) }) };
    }
    const warning = now - start >= warningShare * (dueAt - start);
    return { level: warning ? 'warning' : 'ok', text: t('timeLeft', { time: duration(left) }) };
  }

  function duration(ms) {
    const minutes = Math.max(0, Math.floor(ms / MINUTE));
    const d = Math.floor(minutes / 1440);
    const h = Math.floor((minutes % 1440) / 60);
    const m = minutes % 60;
    if (d > 0) {
      return t('duration.dh', { d, h });
    }
    return h > 0 ? t('duration.hm', { h, m }) : t('duration.m', { m });
  }

  /**
   * Fills the table's rows (tbody#case-rows) with {@code items}; the case number opens the case.
   * With a warning share the first column counts down to the deadline, else it shows the time.
   */
  function fillRows(items, { warningShare, onOpen, timeOf }) {
    const rows = $('case-rows');
    rows.replaceChildren(
      ...items.map((item) => {
        const row = element('tr');
        row.dataset.caseId = item.caseId;
        const first = element('td');
        if (warningShare === undefined) {
          first.textContent = formatTime(timeOf(item));
        } else {
          const c = countdown(item, warningShare, Date.now());
          first.append(element('span', c.text, `countdown ${c.level}`));
          first.dataset.level = c.level;
        }
        const open = element('button', item.caseNumber, 'link case-link');
        open.type = 'button';
        open.addEventListener('click', () => onOpen(item.caseId));
        const number = element('td');
        number.append(open);
        if (item.supervisionOrderId) {
          number.append(' ', element('span', t('orderBadge'), 'badge order'));
        }
        row.append(
          first,
          number,
          cell(named(item.category, item.categoryCode)),
          element('td', t('urgency.' + item.urgency)),
          element('td', t('state.' + item.state)),
          element('td', item.description, 'description'),
        );
        return row;
      }),
    );
  }

  /** Shows a case: facts, supervision order, photos and timeline. Answers the case. */
  async function showCase(caseId, warningShare) {
    const [item, timeline, photos] = await Promise.all([
      api('GET', `/api/cases/${caseId}`),
      api('GET', `/api/cases/${caseId}/timeline`),
      api('GET', `/api/cases/${caseId}/photos`),
    ]);
    $('detail-empty').hidden = item.ok;
    $('detail-body').hidden = !item.ok;
    if (!item.ok) {
      // Gone from the department's sight: returned or referred elsewhere.
      return null;
    }
    const c = item.data;
    $('detail-number').textContent = c.caseNumber;
    const order = $('detail-order');
    order.hidden = !c.supervisionOrderId;
    order.textContent = c.supervisionOrderId
      ? t('orderOnCase', { by: formatTime(c.orderRespondBy) })
      : '';
    const facts = [
      ['state', t('state.' + c.state)],
      ['urgency', t('urgency.' + c.urgency)],
      ['category', c.categoryCode && named(c.category, c.categoryCode)],
      ['grid', c.gridCode && named(c.place, c.gridCode)],
      ['department', c.departmentCode && named(c.department, c.departmentCode)],
      ['description', c.description],
      ['reportedAt', formatTime(c.reportedAt)],
      ['dispatchedAt', formatTime(c.dispatchedAt)],
      ['signedAt', formatTime(c.signedAt)],
      ['deadline', formatTime(deadlineOf(c))],
      ['result', c.result],
      ['returnCount', c.returnCount ? String(c.returnCount) : ''],
    ];
    const list = $('detail-facts');
    list.replaceChildren();
    for (const [key, value] of facts) {
      if (value) {
        const dd = element('dd');
        dd.dataset.fact = key;
        dd.append(value);
        list.append(element('dt', t(key)), dd);
      }
    }
    if (warningShare !== undefined && deadlineOf(c)) {
      const left = countdown(c, warningShare, Date.now());
      const value = element('dd');
      value.append(element('span', left.text, `countdown ${left.level}`));
      list.append(element('dt', t('countdown')), value);
    }
    fillTimeline(timeline.ok ? timeline.data : []);
    fillPhotos(caseId, photos.ok ? photos.data : []);
    return c;
  }

  function fillTimeline(entries) {
    $('detail-timeline').replaceChildren(
      ...entries.map((e) => {
        const entry = element('li');
        entry.append(
          element('time', formatTime(e.at)),
          ' ',
          element('strong', t('action.' + e.action)),
          ' ',
          element('span', [e.actor, nameOf(e.department)].filter(Boolean).join(' · '), 'muted'),
        );
        const reason = routedText(e.routed, e.department) || e.reason;
        if (reason) {
          entry.append(element('p', reason, 'reason'));
        }
        return entry;
      }),
    );
  }

  async function fillPhotos(caseId, photos) {
    const list = $('detail-photos');
    list.replaceChildren(...(photos.length ? [] : [element('li', t('noPhotos'), 'muted')]));
    for (const photo of photos) {
      const answer = await api('GET', `/api/cases/${caseId}/photos/${photo.id}`);
      if (answer.ok) {
        const figure = element('li');
        const image = element('img');
        image.src = answer.data;
        image.alt = t('photoOf', { name: photo.fileName || '', purpose: t('purpose.' + photo.purpose) });
        figure.append(image, element('span', t('purpose.' + photo.purpose), 'hint'));
        list.append(figure);
      }
    }
  }

  /** The form's named fields as a JSON body; empty fields left out. */
  function bodyOf(form) {
    const body = {};
    for (const [name, value] of new FormData(form)) {
      if (typeof value === 'string' && value.trim()) {
        body[name] = value.trim();
      }
    }
    return body;
  }

  /**
   * Runs {@code send} (which answers an api() result) for a form: the button is disabled
   * meanwhile, a problem is shown in the form's alert and next to its fields. Answers whether it
   * went through.
   */
  async function submit(form, send) {
    const summary = form.querySelector('[role="alert"]');
    const button = form.querySelector('button[type="submit"]');
    clearProblems(form, summary);
    button.disabled = true;
    try {
      const answer = await send();
      if (!answer.ok) {
        showProblem(form, summary, answer.problem);
      }
      return answer.ok;
    } finally {
      button.disabled = false;
    }
  }

  /**
   * Sends the photos to {@code path} one by one, then answers {@code then()}; a refused photo stops
   * there, its problem shown on the photos field.
   */
  async function withPhotos(files, path, then) {
    for (const file of files) {
      const stored = await api('POST', path, file);
      if (!stored.ok) {
        const why = stored.problem.detail || problemText(stored.problem);
        const errors = [{ field: 'photos', message: `${file.name}: ${why}` }];
        return { ok: false, problem: { ...stored.problem, errors } };
      }
    }
    return then();
  }

  /** Says what was done, where a screen reader reads it. */
  function done(message) {
    const box = $('action-done');
    box.textContent = message;
    box.hidden = false;
    box.focus();
  }

  return { countdown, fillRows, showCase, bodyOf, submit, withPhotos, done, deadlineOf };
})();

// What every casegrid console page uses: calls to the service's API with the session's request
// token, the page's texts in the person's language, problem+json answers shown in that language next
// to the fields they concern, and the language switch. Plain browser JavaScript, nothing fetched
// from elsewhere.
'use strict';

window.casegrid = (() => {
  const texts = JSON.parse(document.body.dataset.texts || '{}');
  const csrfToken = document.querySelector('meta[name="csrf-token"]')?.content || '';
  const language = document.documentElement.lang;
  // The city's zone (casegrid.city.zone): deadlines, bulletins and the dashboard count days in it,
  // so every time is shown in it, whatever zone the browser is in; the page names it once.
  const zone = document.body.dataset.zone || 'UTC';

  /** The text of {@code key}, with {name} placeholders filled from {@code values}. */
  function t(key, values) {
    let text = texts[key] ?? key;
    for (const [name, value] of Object.entries(values || {})) {
      text = text.replaceAll('{' + name + '}', value);
    }
    return text;
  }

  /**
   * Calls the service's API on the strength of the console session: the cookie goes along by
   * itself, the request token must be sent. A file (a photo) is sent as it is, under its own type
   * and name; any other body as JSON. With {@code options.idempotencyKey} the request carries it
   * as its Idempotency-Key: sent again with the same key, a change is made once and its first
   * answer comes back. Answers {ok, status, data, problem}; data is a data: URL for an image, so
   * that the page's policy (img-src 'self' data:) shows photos only the session reads.
   */
  async function api(method, path, body, options) {
    const headers = {
      Accept: 'application/json, application/problem+json, image/*',
      'Accept-Language': language,
      'X-CSRF-Token': csrfToken,
    };
    if (options?.idempotencyKey) {
      headers['Idempotency-Key'] = options.idempotencyKey;
    }
    const init = { method, headers, credentials: 'same-origin' };
    if (body instanceof File) {
      headers['Content-Type'] = body.type || 'application/octet-stream';
      headers['Content-Disposition'] = `attachment; filename*=UTF-8''${encodeURIComponent(body.name)}`;
      init.body = body;
    } else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(path, init);
    } catch (e) {
      return { ok: false, status: 0, data: null, problem: { title: t('networkError') } };
    }
    const type = response.headers.get('Content-Type') || '';
    const data = type.includes('json')
      ? await response.json()
      : type.startsWith('image/')
        ? await dataUrl(await response.blob())
        : null;
    if (response.status === 401) {
      sessionExpired();
    }
    return {
      ok: response.ok,
      status: response.status,
      data: response.ok ? data : null,
      problem: response.ok ? null : data || { status: response.status },
    };
  }

  /**
   * Fetches a document of the API (a bulletin, a spreadsheet) with the request token and saves it
   * under the name the service gives: a plain link could not send the token. Answers {ok, status,
   * problem}.
   */
  async function download(path) {
    let response;
    try {
      response = await fetch(path, {
        headers: { 'Accept-Language': language, 'X-CSRF-Token': csrfToken },
        credentials: 'same-origin',
      });
    } catch (e) {
      return { ok: false, status: 0, problem: { title: t('networkError') } };
    }
    if (!response.ok) {
      if (response.status === 401) {
        sessionExpired();
      }
      const type = response.headers.get('Content-Type') || '';
      const problem = type.includes('json') ? await response.json() : { status: response.status };
      return { ok: false, status: response.status, problem };
    }
    const named = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') || '');
    const link = document.createElement('a');
    link.href = URL.createObjectURL(await response.blob());
    link.download = named ? named[1] : path.split('?')[0].split('/').pop();
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60000);
    return { ok: true, status: response.status, problem: null };
  }

  function dataUrl(blob) {
    return new Promise((resolve) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result);
      reader.readAsDataURL(blob);
    });
  }

  function sessionExpired() {
    if (document.getElementById('session-expired')) {
      return;
    }
    const box = document.createElement('div');
    box.id = 'session-expired';
    box.className = 'alert error';
    box.setAttribute('role', 'alert');
    const text = document.createElement('p');
    text.textContent = t('sessionExpired');
    const again = document.createElement('button');
    again.type = 'button';
    again.className = 'primary';
    again.textContent = t('reload');
    again.addEventListener('click', () => location.reload());
    box.append(text, again);
    document.getElementById('main').prepend(box);
    again.focus();
  }

  /** The sentence for a problem+json answer, by its type. */
  function problemText(problem) {
    const type = (problem.type || '').replace('urn:casegrid:problem:', '');
    const known = texts['problem.' + type];
    if (known) {
      return known;
    }
    if (problem.status === 409) {
      return t('problem.conflict');
    }
    return problem.title && !problem.status ? problem.title : t('problem.other', { status: problem.status });
  }

  /**
   * A field's error in the page's language. The services explain in English; the console's texts
   * translate a message under the key "fieldError." + its words (lower case, numbers as #, quoted
   * parts such as a pattern left out, the rest joined by -), the numbers going to {0}, {1}…: "size
   * must be between 0 and 200" is fieldError.size-must-be-between-#-and-# with {0}=0, {1}=200. A
   * message the console does not know is shown as the service wrote it.
   */
  function fieldErrorText(message) {
    const words = String(message ?? '').replace(/"[^"]*"/g, '');
    const numbers = words.match(/\d+/g) || [];
    const key = words
      .toLowerCase()
      .replace(/\d+/g, '#')
      .replace(/[^a-z#]+/g, '-')
      .replace(/^-+|-+$/g, '');
    const known = key ? texts['fieldError.' + key] : undefined;
    if (!known) {
      return String(message ?? '');
    }
    return numbers.reduce((text, n, i) => text.replaceAll(`{${i}}`, n), known);
  }

  /**
   * Shows a problem in {@code summary} (a container with role="alert") and marks each field it
   * names: the element with data-field equal to the field's path gets aria-invalid and a message.
   */
  function showProblem(form, summary, problem) {
    clearProblems(form, summary);
    const heading = document.createElement('p');
    heading.textContent = problemText(problem);
    summary.append(heading);
    const errors = problem.errors || [];
    if (errors.length) {
      const list = document.createElement('ul');
      for (const error of errors) {
        const field = form.querySelector(`[data-field="${CSS.escape(error.field)}"]`);
        const item = document.createElement('li');
        const label = field ? labelOf(field) : error.field;
        const message = fieldErrorText(error.message);
        item.textContent = t('fieldErrorItem', { field: label, message });
        list.append(item);
        if (field) {
          field.setAttribute('aria-invalid', 'true');
          const shown = document.createElement('span');
          shown.className = 'field-error';
          shown.id = `${field.id || field.name}-error`;
          shown.textContent = message;
          // The error joins the field's hint, if it has one, and leaves it again when cleared.
          const hint = field.getAttribute('aria-describedby');
          if (hint !== null) {
            field.dataset.hint = hint;
          }
          field.setAttribute('aria-describedby', hint ? `${shown.id} ${hint}` : shown.id);
          (field.closest('.field, fieldset') || field).append(shown);
        }
      }
      summary.append(list);
    }
    summary.hidden = false;
    summary.focus();
  }

  function clearProblems(form, summary) {
    summary.replaceChildren();
    summary.hidden = true;
    form.querySelectorAll('[aria-invalid]').forEach((f) => {
      f.removeAttribute('aria-invalid');
      if (f.dataset.hint !== undefined) {
        f.setAttribute('aria-describedby', f.dataset.hint);
      } else {
        f.removeAttribute('aria-describedby');
      }
    });
    form.querySelectorAll('.field-error').forEach((e) => e.remove());
  }

  function labelOf(field) {
    if (field.labels && field.labels.length) {
      return field.labels[0].textContent.trim();
    }
    const legend = field.closest('fieldset')?.querySelector('legend');
    return legend ? legend.textContent.trim() : field.getAttribute('aria-label') || field.name;
  }

  /** An instant (ISO-8601) as a date and time in the city's zone. */
  function formatTime(iso) {
    if (!iso) {
      return '';
    }
    return new Intl.DateTimeFormat(language, {
      dateStyle: 'short',
      timeStyle: 'short',
      timeZone: zone,
    }).format(new Date(iso));
  }

  /** The wall-clock fields of {@code instant} (milliseconds) in the city's zone, as UTC millis. */
  function cityWallClock(instant) {
    const parts = {};
    for (const p of new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    }).formatToParts(new Date(instant))) {
      parts[p.type] = Number(p.value);
    }
    return Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour, parts.minute, parts.second);
  }

  /**
   * A date and time a person entered (a datetime-local field, "2026-11-23T09:30") read in the
   * city's zone, as the instant the API takes (ISO-8601 in UTC).
   */
  function cityTimeToIso(local) {
    const [date, time = '00:00'] = local.split('T');
    const [year, month, day] = date.split('-').map(Number);
    const [hour, minute, second = 0] = time.split(':').map(Number);
    const wanted = Date.UTC(year, month - 1, day, hour, minute, second);
    // The zone's offset at that moment; asked twice, for a moment next to a change of offset.
    let instant = wanted - (cityWallClock(wanted) - wanted);
    instant = wanted - (cityWallClock(instant) - instant);
    return new Date(instant).toISOString();
  }

  /**
   * A new Idempotency-Key: 128 random bits. Not crypto.randomUUID, which a page served over plain
   * HTTP (an intranet's) does not have.
   */
  function newRequestKey() {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  }

  /** An element with text content: no markup from data ever reaches the page as HTML. */
  function element(tag, text, className) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) {
      e.textContent = text;
    }
    if (className) {
      e.className = className;
    }
    return e;
  }

  document.addEventListener('click', (event) => {
    const choice = event.target.closest('[data-language]');
    if (choice) {
      document.cookie = `casegrid-lang=${choice.dataset.language}; Path=/; Max-Age=31536000; SameSite=Lax`;
      location.reload();
    }
  });

  return {
    api,
    download,
    t,
    showProblem,
    clearProblems,
    problemText,
    fieldErrorText,
    formatTime,
    cityTimeToIso,
    zone,
    element,
    newRequestKey,
  };
})();

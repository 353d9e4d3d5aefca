// The department workbench: the department's queue with the countdown to each deadline, the
// supervision orders on top, the case with its timeline, and the department's actions on it.
// Everything goes through dispatch's API (/api/departments/{department}/...).
'use strict';

(() => {
  const { api, t, showProblem, clearProblems, formatTime, cityTimeToIso, element } =
    window.casegrid;
  const { fillRows, showCase, bodyOf, submit, withPhotos, done } = window.casegridCases;
  const $ = (id) => document.getElementById(id);

  const root = $('workbench');
  const department = root.dataset.department;
  const warningShare = Number(root.dataset.warningShare);
  const filter = $('queue-filter');
  const departmentApi = `/api/departments/${encodeURIComponent(department)}`;
  let current = null;

  async function loadQueue() {
    const query = new URLSearchParams({ size: '100' });
    for (const [name, value] of Object.entries(bodyOf(filter))) {
      query.set(name, value);
    }
    const answer = await api('GET', `${departmentApi}/queue?${query}`);
    const summary = $('queue-problem');
    if (!answer.ok) {
      showProblem(filter, summary, answer.problem);
      return;
    }
    clearProblems(filter, summary);
    const items = answer.data.items;
    fillRows(items, { warningShare, onOpen: openCase });
    $('queue-summary').textContent = t('queueCount', { count: answer.data.total });
    showOrders(items.filter((i) => i.supervisionOrderId));
  }

  /** Supervision orders (督办单) on top of the page: each names its case and when to answer. */
  function showOrders(ordered) {
    $('orders').hidden = ordered.length === 0;
    $('order-list').replaceChildren(
      ...ordered.map((item) => {
        const entry = element('li');
        const open = element('button', item.caseNumber, 'link');
        open.type = 'button';
        open.addEventListener('click', () => openCase(item.caseId));
        entry.append(
          open,
          ' ',
          element('span', t('orderRespondBy', { by: formatTime(item.orderRespondBy) })),
        );
        return entry;
      }),
    );
  }

  async function openCase(caseId) {
    $('action-done').hidden = true;
    current = await showCase(caseId, warningShare);
    if (!current) {
      return;
    }
    const open = current.state === 'DISPATCHED' || current.state === 'SIGNED';
    $('sign-form').hidden = current.state !== 'DISPATCHED';
    $('resume-form').hidden = current.state !== 'PARKED';
    $('resolve-panel').hidden = current.state !== 'SIGNED';
    $('approval-panel').hidden = current.state !== 'SIGNED';
    $('return-panel').hidden = !open;
    $('referral-panel').hidden = !open;
    $('answer-panel').hidden = !current.supervisionOrderId;
    for (const details of document.querySelectorAll('details.action')) {
      details.open = false;
    }
    for (const form of document.querySelectorAll('#detail form')) {
      form.reset();
      clearProblems(form, form.querySelector('[role="alert"]'));
    }
    $('detail').focus();
  }

  /** After an action: the queue again, the case as it is now, and a word on what was done. */
  async function after(message) {
    const caseId = current.caseId;
    await loadQueue();
    await openCase(caseId);
    done(message);
  }

  const caseApi = () => `${departmentApi}/cases/${current.caseId}`;

  filter.addEventListener('submit', (event) => {
    event.preventDefault();
    loadQueue();
  });

  // Report back (处理反馈): the photos first, as evidence, then the result.
  $('resolve-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target;
    const files = [...$('resolve-photos').files];
    const ok = await submit(form, () =>
      withPhotos(files, `${caseApi()}/photos`, () =>
        api('POST', `${caseApi()}/resolve`, { result: form.result.value.trim() }),
      ),
    );
    if (ok) {
      await after(t('resolved'));
    }
  });

  $('approval-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const body = bodyOf(event.target);
    if (body.until) {
      // The field is in the city's time, as every time on the page; the API takes an instant.
      body.until = cityTimeToIso(body.until);
    }
    if (await submit(event.target, () => api('POST', `${caseApi()}/approval-requests`, body))) {
      await after(t('approvalAsked'));
    }
  });

  // The actions whose form, as it stands, is the body of their call.
  for (const [form, action, message] of [
    ['sign-form', 'sign', 'signed'],
    ['resume-form', 'resume', 'resumed'],
    ['return-form', 'return', 'returned'],
    ['referral-form', 'referral', 'referred'],
    ['answer-form', 'supervision-order/answer', 'orderAnswered'],
  ]) {
    $(form).addEventListener('submit', async (event) => {
      event.preventDefault();
      const body = bodyOf(event.target);
      if (await submit(event.target, () => api('POST', `${caseApi()}/${action}`, body))) {
        await after(t(message));
      }
    });
  }

  loadQueue();
  // The countdowns move on by themselves; the queue is read again every minute.
  setInterval(loadQueue, 60_000);
})();

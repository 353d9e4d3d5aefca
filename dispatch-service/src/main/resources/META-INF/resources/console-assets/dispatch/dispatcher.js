// The dispatcher's console: the cases no rule could place (arbitration), placed by hand with a
// reason, and the departments' requests for extensions and parking to approve or refuse.
// Everything goes through dispatch's API (/api/arbitration, /api/approval-requests).
'use strict';

(() => {
  const { api, t, formatTime, element } = window.casegrid;
  const { fillRows, showCase, bodyOf, submit, done } = window.casegridCases;
  const $ = (id) => document.getElementById(id);
  let current = null;

  async function loadArbitration() {
    const answer = await api('GET', '/api/arbitration?size=100');
    if (answer.ok) {
      fillRows(answer.data.items, { onOpen: openCase, timeOf: (item) => item.reportedAt });
      $('queue-summary').textContent = t('arbitrationCount', { count: answer.data.total });
    }
  }

  async function openCase(caseId) {
    $('action-done').hidden = true;
    current = await showCase(caseId);
    const form = $('assign-form');
    form.reset();
    form.hidden = !current || current.state !== 'AWAITING_ARBITRATION';
    $('detail').focus();
  }

  $('assign-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const caseId = current.caseId;
    const body = bodyOf(event.target);
    if (await submit(event.target, () => api('POST', `/api/arbitration/${caseId}/assignment`, body))) {
      await loadArbitration();
      await openCase(caseId);
      done(t('assigned'));
    }
  });

  async function loadApprovals() {
    const answer = await api('GET', '/api/approval-requests?status=PENDING');
    const requests = answer.ok ? answer.data : [];
    $('approvals-empty').hidden = requests.length > 0;
    $('approval-list').replaceChildren(...requests.map(approvalItem));
  }

  /** A request with its case, reason and date, and a form to decide it with a reason. */
  function approvalItem(request) {
    const item = element('li', undefined, 'approval');
    item.dataset.requestId = request.id;
    const heading = element('p');
    const open = element('button', request.caseNumber, 'link');
    open.type = 'button';
    open.addEventListener('click', () => openCase(request.caseId));
    heading.append(
      element('strong', t('requestKind.' + request.kind)),
      ' · ',
      open,
      ' · ',
      element('span', request.departmentCode),
      request.until ? ` · ${t('until')} ${formatTime(request.until)}` : '',
    );
    const who = element(
      'p',
      `${t('requestedBy')}: ${request.requestedBy} · ${formatTime(request.requestedAt)}`,
      'hint',
    );
    const form = element('form');
    form.noValidate = true;
    const summary = element('div', undefined, 'alert error');
    summary.setAttribute('role', 'alert');
    summary.tabIndex = -1;
    summary.hidden = true;
    const field = element('div', undefined, 'field');
    const label = element('label', t('decisionReason'));
    const reason = element('textarea');
    reason.id = `decision-${request.id}`;
    reason.name = 'reason';
    reason.dataset.field = 'reason';
    reason.maxLength = 2000;
    label.htmlFor = reason.id;
    field.append(label, reason);
    const approve = element('button', t('approve'), 'primary');
    approve.type = 'submit';
    approve.value = 'true';
    const refuse = element('button', t('refuse'), 'secondary');
    refuse.type = 'submit';
    refuse.value = 'false';
    const buttons = element('div', undefined, 'actions');
    buttons.append(approve, refuse);
    form.append(summary, field, buttons);
    form.addEventListener('submit', async (event) => {
      event.preventDefault();
      const body = { approved: event.submitter.value === 'true', reason: reason.value.trim() };
      const path = `/api/approval-requests/${request.id}/decision`;
      if (await submit(form, () => api('POST', path, body))) {
        // The request leaves the list; the case shows the decision in its timeline.
        await loadApprovals();
        await openCase(request.caseId);
        done(t('decided'));
      }
    });
    item.append(heading, element('p', request.reason), who, form);
    return item;
  }

  $('approvals-heading').tabIndex = -1;
  loadArbitration();
  loadApprovals();
  setInterval(() => {
    loadArbitration();
    loadApprovals();
  }, 60_000);
})();

// Verification (核查): the repairs waiting for this person's verdict, oldest first; the verdict
// with its reason and a photo. Grid inspectors verify the grid's cases, operators the citizens'
// (the API decides). Everything goes through dispatch's API (/api/verification-tasks, /api/cases).
'use strict';

(() => {
  const { api, t } = window.casegrid;
  const { fillRows, showCase, submit, withPhotos, done } = window.casegridCases;
  const $ = (id) => document.getElementById(id);
  const verifier = $('verification').dataset.verifier;
  let current = null;

  async function loadTasks() {
    const answer = await api('GET', `/api/verification-tasks?verifier=${verifier}&size=100`);
    if (answer.ok) {
      fillRows(answer.data.items, { onOpen: openCase, timeOf: (item) => item.resolvedAt });
      $('queue-summary').textContent = t('taskCount', { count: answer.data.total });
    }
  }

  async function openCase(caseId) {
    $('action-done').hidden = true;
    current = await showCase(caseId);
    const form = $('verify-form');
    form.reset();
    form.hidden = !current || current.state !== 'RESOLVED';
    $('detail').focus();
  }

  $('verify-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const form = event.target;
    const caseId = current.caseId;
    const body = { passed: form.passed.value === 'true' };
    if (form.reason.value.trim()) {
      body.reason = form.reason.value.trim();
    }
    const sent = await submit(form, () =>
      withPhotos([...form.photos.files], `/api/cases/${caseId}/photos`, () =>
        api('POST', `/api/cases/${caseId}/verification`, body),
      ),
    );
    if (sent) {
      await loadTasks();
      await openCase(caseId);
      done(t('verified'));
    }
  });

  loadTasks();
  setInterval(loadTasks, 60_000);
})();

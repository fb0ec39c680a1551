// Progressive enhancement only: every page works without this file.
import { initAll } from '/public/govuk-frontend.min.js';

initAll();

// The time-out warning: a dialog shortly before the idle time-out, as on GOV.UK services.
const dialog = document.getElementById('timeout-warning');
if (dialog && typeof dialog.showModal === 'function') {
  const idleMs = Number(dialog.dataset.idleMs);
  const warningMs = Number(dialog.dataset.warningMs);
  const countdown = dialog.querySelector('.hearth-timeout__countdown');
  let deadline = 0;
  let warnTimer;
  let tickTimer;

  const describe = (ms) => {
    const s = Math.max(0, Math.ceil(ms / 1000));
    if (s >= 60) {
      const m = Math.ceil(s / 60);
      return `${m} minute${m === 1 ? '' : 's'}`;
    }
    return `${s} second${s === 1 ? '' : 's'}`;
  };

  const tick = () => {
    const left = deadline - Date.now();
    if (left <= 0) {
      window.location.href = '/sign-in?timedout=1';
      return;
    }
    countdown.textContent = describe(left);
    tickTimer = setTimeout(tick, left > 60_000 ? 10_000 : 1_000);
  };

  const start = () => {
    clearTimeout(warnTimer);
    clearTimeout(tickTimer);
    deadline = Date.now() + idleMs;
    warnTimer = setTimeout(() => {
      dialog.showModal();
      tick();
    }, idleMs - warningMs);
  };

  document.getElementById('timeout-stay').addEventListener('click', async () => {
    const response = await fetch('/session/keep-alive', {
      method: 'POST',
      headers: { 'x-csrf-token': dialog.dataset.csrf, accept: 'application/json' },
      credentials: 'same-origin',
    });
    if (!response.ok) {
      window.location.href = '/sign-in?timedout=1';
      return;
    }
    dialog.close();
    start();
  });
  // Escape must not dismiss the warning silently: treat it as "stay signed in".
  dialog.addEventListener('cancel', (event) => {
    event.preventDefault();
    document.getElementById('timeout-stay').click();
  });
  start();
}

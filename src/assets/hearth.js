// Progressive enhancement only: every page works without this file.
import { initAll } from '/public/govuk-frontend.min.js';

initAll();

// Radios marked data-hearth-reveal keep GOV.UK's conditional reveal markup and CSS but not its
// script, which sets aria-expanded on each radio (ARIA does not allow it there; axe's
// aria-allowed-attr): shown and hidden here instead. With every answer on the one page, fields
// that ask the server for a second page (data-hearth-without-js) go, and buttons say so.
const reveals = document.querySelectorAll('[data-hearth-reveal] input[type="radio"][data-aria-controls]');
const syncReveals = () => {
  for (const input of reveals)
    document
      .getElementById(input.dataset.ariaControls)
      ?.classList.toggle('govuk-radios__conditional--hidden', !input.checked);
};
if (reveals.length) {
  document.addEventListener('change', syncReveals);
  window.addEventListener('pageshow', syncReveals);
  syncReveals();
}
for (const field of document.querySelectorAll('[data-hearth-without-js]')) field.remove();
for (const button of document.querySelectorAll('[data-hearth-with-js-text]'))
  button.textContent = button.dataset.hearthWithJsText;

// Signed out, or timed out: the browser forgets everything Hearth kept in it (the drafts'
// backstop copies). The server's drafts are the ones that survive.
if (document.querySelector('[data-hearth-signed-out]')) {
  try {
    for (const storage of [localStorage, sessionStorage]) {
      for (const key of Object.keys(storage)) if (key.startsWith('hearth-')) storage.removeItem(key);
    }
  } catch {
    // Storage switched off: nothing was kept.
  }
}

// Hearth confirmed a save: the browser copy of that draft is no longer needed. (Not before:
// a save the server refuses, or that never arrives, keeps it.)
for (const saved of document.querySelectorAll('[data-hearth-finished-draft]')) {
  try {
    localStorage.removeItem(`hearth-draft:${saved.dataset.hearthFinishedDraft}`);
  } catch {
    // Storage switched off: nothing was kept.
  }
}

// The time-out warning: a dialog shortly before the idle time-out, as on GOV.UK services.
const dialog = document.getElementById('timeout-warning');
if (dialog && typeof dialog.showModal === 'function') {
  const idleMs = Number(dialog.dataset.idleMs);
  const warningMs = Number(dialog.dataset.warningMs);
  const countdown = dialog.querySelector('.hearth-timeout__countdown');
  let deadline = 0;
  let warnTimer;
  let tickTimer;

  // A form with text the server has not got yet sends it first (see the autosave below); otherwise, to sign-in.
  const timedOut = () => {
    if (document.dispatchEvent(new CustomEvent('hearth:timed-out', { cancelable: true })))
      window.location.href = '/sign-in?timedout=1';
  };

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
      timedOut();
      return;
    }
    countdown.textContent = describe(left);
    tickTimer = setTimeout(tick, left > 60_000 ? 10_000 : 1_000);
  };

  const start = () => {
    if (dialog.open) dialog.close();
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
      timedOut();
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
  // Saving a draft counts as using Hearth: the server renewed the session, so the warning waits again.
  document.addEventListener('hearth:activity', start);
  start();
}

// Autosave: a form with data-autosave keeps what is typed on the server as a draft, a few
// seconds after typing stops, and in this browser as a backstop if the server cannot be reached.
const autosaveForm = document.querySelector('form[data-autosave]');
if (autosaveForm) {
  const status = autosaveForm.querySelector('.hearth-autosave-status');
  const key = `hearth-draft:${autosaveForm.dataset.autosave}`;
  let timer;
  // Once the form is sent for good, nothing more is saved: no autosave can bring the draft back.
  let finished = false;

  const collect = () => {
    const data = {};
    for (const [name, value] of new FormData(autosaveForm)) {
      if (name !== '_csrf' && name !== 'action' && typeof value === 'string') data[name] = value;
    }
    return data;
  };
  // The page came from the server, so the server has what it shows.
  let lastSent = JSON.stringify(collect());
  const unsent = () => !finished && JSON.stringify(collect()) !== lastSent;

  const save = async () => {
    if (finished) return;
    const data = collect();
    const body = JSON.stringify(data);
    if (body === lastSent) return;
    try {
      localStorage.setItem(key, body);
    } catch {
      // Storage full or switched off: the server copy is what matters.
    }
    try {
      const response = await fetch(autosaveForm.dataset.autosave, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'x-csrf-token': autosaveForm.dataset.csrf,
          accept: 'application/json',
        },
        credentials: 'same-origin',
        body,
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) throw new Error(String(response.status));
      lastSent = body;
      const { savedAt } = await response.json();
      status.textContent = `Draft saved at ${new Date(savedAt).toLocaleTimeString('en-GB', { hour: '2-digit', minute: '2-digit' })}.`;
      document.dispatchEvent(new CustomEvent('hearth:activity'));
    } catch {
      status.textContent =
        'Your draft could not be saved to Hearth just now. It is kept in this browser; sign in again to carry on.';
    }
  };

  autosaveForm.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(save, 2000);
  });
  // Leaving the page (or the time-out sending the browser to sign-in) saves first.
  window.addEventListener('pagehide', () => {
    if (finished) return;
    const body = JSON.stringify(collect());
    if (body !== lastSent) {
      try {
        localStorage.setItem(key, body);
      } catch {
        // Nothing more can be done as the page closes.
      }
    }
  });
  autosaveForm.addEventListener('submit', (event) => {
    const action = event.submitter?.value;
    if (action !== 'save' && action !== 'discard') return;
    finished = true;
    clearTimeout(timer);
    try {
      // Thrown away: the copy goes now. Saved: the copy is kept, as sent, until Hearth confirms
      // the save (data-hearth-finished-draft), so a refused or failed save loses nothing.
      if (action === 'discard') localStorage.removeItem(key);
      else localStorage.setItem(key, JSON.stringify(collect()));
    } catch {
      // Storage full or switched off: the server copy is what matters.
    }
  });
  // Signing out clears the browser copy, so what the server has not got yet is sent first.
  for (const signOut of document.querySelectorAll('form[action="/sign-out"]')) {
    signOut.addEventListener('submit', async (event) => {
      if (!unsent()) return;
      event.preventDefault();
      clearTimeout(timer);
      await save();
      finished = true;
      signOut.submit();
    });
  }
  // At the time-out, text the server has not got yet is sent with the form as a draft: Hearth
  // keeps it or, if the session has already ended, carries it through signing in again.
  document.addEventListener('hearth:timed-out', (event) => {
    const draftButton = autosaveForm.querySelector('button[value="draft"]');
    if (!unsent() || !draftButton) return;
    event.preventDefault();
    finished = true;
    clearTimeout(timer);
    autosaveForm.requestSubmit(draftButton);
  });
  // A browser copy newer than the page (typed after the server last saved) is offered back.
  try {
    const kept = JSON.parse(localStorage.getItem(key) ?? 'null');
    const current = collect();
    // Each page brings a new one-time submission key: a different one is not typed text. (Put
    // back, the kept key makes a save whose answer was lost find that save, not make another.)
    if (kept && Object.keys(kept).some((k) => k !== 'submissionKey' && kept[k] && kept[k] !== current[k])) {
      const restore = document.createElement('div');
      restore.className = 'govuk-inset-text';
      restore.innerHTML = '<p class="govuk-body">This browser kept text you typed that is not in the draft below. </p>';
      const button = document.createElement('button');
      button.type = 'button';
      button.className = 'govuk-button govuk-button--secondary govuk-!-margin-bottom-0';
      button.textContent = 'Put back what I typed';
      button.addEventListener('click', () => {
        for (const [name, value] of Object.entries(kept)) {
          const fields = autosaveForm.querySelectorAll(`[name="${CSS.escape(name)}"]`);
          fields.forEach((field) => {
            if (field.type === 'radio' || field.type === 'checkbox') field.checked = field.value === value;
            else field.value = value;
          });
        }
        restore.remove();
        autosaveForm.dispatchEvent(new Event('change', { bubbles: true }));
        save();
      });
      restore.appendChild(button);
      autosaveForm.prepend(restore);
    }
  } catch {
    // A damaged browser copy is ignored.
  }
}

// Plain-language hints as people type: jargon from the administrators' list, with plainer words.
const plainFields = document.querySelectorAll('[data-plain-language]');
const hints = document.querySelector('.hearth-plain-language');
if (plainFields.length && hints) {
  fetch('/plain-language/terms', { credentials: 'same-origin', headers: { accept: 'application/json' } })
    .then((r) => (r.ok ? r.json() : []))
    .then((terms) => {
      const patterns = terms.map((t) => {
        const acronym = t.term === t.term.toUpperCase() && /[A-Z]/.test(t.term);
        const escaped = t.term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        return { ...t, re: new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, acronym ? 'u' : 'iu') };
      });
      let timer;
      const check = () => {
        const text = [...plainFields].map((f) => f.value).join('\n');
        const found = patterns.filter((p) => p.re.test(text));
        hints.innerHTML = '';
        if (!found.length) return;
        const box = document.createElement('div');
        box.className = 'govuk-inset-text';
        const intro = document.createElement('p');
        intro.className = 'govuk-body';
        intro.textContent = 'Plain language: the person may not understand these words.';
        const list = document.createElement('ul');
        list.className = 'govuk-list govuk-list--bullet';
        for (const f of found) {
          const li = document.createElement('li');
          li.textContent = `“${f.term}”: ${f.plainer}`;
          list.appendChild(li);
        }
        box.append(intro, list);
        hints.appendChild(box);
      };
      plainFields.forEach((f) =>
        f.addEventListener('input', () => {
          clearTimeout(timer);
          timer = setTimeout(check, 600);
        }),
      );
      check();
    })
    .catch(() => {});
}

// Page-side probe, inlined into every bench page (classic script, runs before the renderer).
// `__bench.ready` resolves once the first page is interactive: every question of page 1 is in
// the DOM and the first radio takes focus, then one frame has been produced. The widget opens
// on its start page, so its time includes one click on Start (made here, as soon as it shows).
(() => {
  const kind = document.documentElement.dataset.kind;
  const B = (window.__bench = {kind, marks: {}, keydowns: []});
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  async function until(check, what, timeoutMs = 60000) {
    const start = performance.now();
    for (;;) {
      const found = check();
      if (found) return found;
      if (performance.now() - start > timeoutMs)
        throw new Error(`${kind}: timed out waiting for ${what}`);
      await sleep(4);
    }
  }
  const deepActive = () => {
    let a = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    return a;
  };
  const takesFocus = (input) => {
    input.focus({preventScroll: true});
    return deepActive() === input;
  };

  // What each page holds: page 1, 20 Likert items; page 2, 14 Likert, 4 choices, 2 reflections.
  const adapters = {
    widget: {
      root: () => document.querySelector('rs-survey')?.shadowRoot,
      primary() {
        return this.root()?.querySelector('.actions .primary');
      },
      firstRadio(page) {
        const root = this.root();
        if (!root) return null;
        // Every question is a fieldset in the survey's own shadow root.
        const likert = root.querySelectorAll('fieldset.likert');
        const reflection = root.querySelectorAll('fieldset.reflection textarea');
        if (likert.length !== (page === 1 ? 20 : 14)) return null;
        if (reflection.length !== (page === 1 ? 0 : 2)) return null;
        const radios = [...likert].map((l) => l.querySelector('input[type=radio]'));
        if (!radios.every(Boolean)) return null;
        return radios[0];
      },
      textarea(i) {
        return this.root()?.querySelectorAll('fieldset.reflection textarea')[i];
      },
    },
    surveyjs: {
      root: () => document.getElementById('survey'),
      primary() {
        return this.root()?.querySelector('.sd-navigation__next-btn, .sd-navigation__complete-btn');
      },
      firstRadio(page) {
        const root = this.root();
        if (!root) return null;
        const rows = root.querySelectorAll('.sd-table__row');
        if (rows.length !== (page === 1 ? 20 : 14)) return null;
        if (root.querySelectorAll('textarea').length !== (page === 1 ? 0 : 2)) return null;
        return root.querySelector('input[type=radio]');
      },
      textarea(i) {
        return this.root().querySelectorAll('textarea')[i];
      },
    },
    // bench/pages/floor.js: every question in one shadow root, no start page.
    floor: {
      root: () => document.querySelector('bench-floor')?.shadowRoot,
      primary() {
        return this.root()?.querySelector('button.next');
      },
      firstRadio(page) {
        const root = this.root();
        if (!root) return null;
        if (root.querySelectorAll('fieldset.likert').length !== (page === 1 ? 20 : 14)) return null;
        if (root.querySelectorAll('textarea').length !== (page === 1 ? 0 : 2)) return null;
        return root.querySelector('input[type=radio]');
      },
      textarea(i) {
        return this.root().querySelectorAll('textarea')[i];
      },
    },
  };
  const ui = adapters[kind];

  async function interactive(page) {
    const radio = await until(() => ui.firstRadio(page), `page ${page}`);
    if (!takesFocus(radio))
      throw new Error(`${kind}: the first radio of page ${page} does not take focus`);
    await frame();
    return performance.now();
  }

  B.ready = (async () => {
    if (kind === 'widget') {
      await new Promise((resolve, reject) => {
        document.addEventListener('rs-ready', resolve, {once: true});
        document.addEventListener(
          'rs-error',
          (e) => reject(new Error(`rs-error: ${e.detail.message}`)),
          {once: true},
        );
        setTimeout(() => reject(new Error('widget: no rs-ready within 60 s')), 60000);
      });
      B.marks.rsReady = performance.now();
      (await until(() => ui.primary(), 'the Start button')).click();
    }
    B.marks.firstInteractive = await interactive(1);
    return B.marks.firstInteractive;
  })();
  B.ready.catch(() => {});

  /** Clicks Next on page 1; the time until page 2 is interactive. */
  B.nextPage = async () => {
    const button = ui.primary();
    const start = performance.now();
    button.click();
    return (await interactive(2)) - start;
  };

  B.focusReflection = (i) => {
    const t = ui.textarea(i);
    t.scrollIntoView({block: 'center'});
    return takesFocus(t);
  };
  B.textLength = (i) => ui.textarea(i).value.length;
  addEventListener('keydown', () => B.keydowns.push(performance.now()), true);

  // The widget's stored draft, read with a connection of our own.
  let db;
  const openDb = () =>
    (db ??= new Promise((resolve, reject) => {
      const req = indexedDB.open('resilience-survey');
      req.onsuccess = () => {
        req.result.onversionchange = () => req.result.close();
        resolve(req.result);
      };
      req.onerror = () => reject(req.error);
    }));
  B.storedText = async (key) => {
    const conn = await openDb();
    const drafts = await new Promise((resolve, reject) => {
      const req = conn.transaction('drafts').objectStore('drafts').getAll();
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    for (const d of drafts) if (typeof d.answers?.[key] === 'string') return d.answers[key];
    return '';
  };
  /** Waits until the draft holds `length` characters under `key`; ms since the last keydown. */
  B.waitStored = async (key, length, timeoutMs = 10000) => {
    const start = performance.now();
    for (;;) {
      if ((await B.storedText(key)).length >= length) return performance.now() - B.keydowns.at(-1);
      if (performance.now() - start > timeoutMs) return null;
      await sleep(1);
    }
  };
})();

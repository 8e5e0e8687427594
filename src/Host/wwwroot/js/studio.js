// The Studio page. The Host renders the definitions list; Elsa Studio's custom elements are loaded behind it.
// While the list is read, the editor is built once, hidden, for the definition most likely opened (the one this
// browser opened last, else the first row), so picking it shows it at once and picking another one only loads that
// definition into the editor already built. Elsa Studio's own list (create, import, delete) is the "definitions" view.
// Only one Studio element lives at a time: each brings its own MudBlazor popover provider, and two of them collide.
(() => {
  const config = JSON.parse(document.getElementById('studio-config').textContent);
  const studio = document.getElementById('studio');
  const bar = document.getElementById('studio-bar');
  const title = document.getElementById('studio-title');
  const state = document.getElementById('studio-state');
  const list = document.getElementById('studio-list');
  const EDITOR = 'elsa-workflow-definition-editor';
  const STUDIO_LIST = 'elsa-workflow-definition-list';
  const LAST_OPENED = 'exporttaxcheck.studio.lastOpened';
  let editor = null; // { element, definitionId, ready }

  // The browser may refuse storage (private windows, policies): the first row is prepared then.
  const remember = definitionId => {
    try { localStorage.setItem(LAST_OPENED, definitionId); } catch { /* not kept */ }
  };
  const recall = () => {
    try { return localStorage.getItem(LAST_OPENED); } catch { return null; }
  };

  const setState = (value, text) => {
    document.body.dataset.studio = value;
    state.textContent = text;
  };

  const studioElement = tag => {
    const element = document.createElement(tag);
    element.setAttribute('remote-endpoint', config.remoteEndpoint);
    element.setAttribute('api-key', config.apiKey);
    return element;
  };

  const dispose = async element => {
    element.remove();
    clearTimeout(element._disposalTimeoutHandle);
    element._isDisposed = true;
    await (await element._addRootComponentPromise).dispose();
  };

  // Resolves once the editor has drawn its canvas and the canvas has stopped changing (or after 20 s); marks the
  // first activity drawn and the moment it settled on the page's performance timeline.
  const settled = element => new Promise(resolve => {
    let quiet, drawn = false;
    const done = () => {
      observer.disconnect();
      clearTimeout(quiet);
      clearTimeout(limit);
      resolve();
    };
    const observer = new MutationObserver(() => {
      if (!element.querySelector('.x6-graph-svg'))
        return;
      if (!drawn && element.querySelector("g[data-shape='elsa-activity']")) {
        drawn = true;
        performance.mark('studio-editor-drawn');
      }
      clearTimeout(quiet);
      quiet = setTimeout(done, 300);
    });
    observer.observe(element, { childList: true, subtree: true, attributes: true });
    const limit = setTimeout(done, 20000);
  });

  const activityIds = element =>
    [...element.querySelectorAll("g[data-shape='elsa-activity']")].map(node => node.getAttribute('data-cell-id')).sort().join('\n');

  // Resolves once the canvas shows other activities than before (or after 5 s: a definition may have the same ones).
  const redrawn = (element, before) => new Promise(resolve => {
    const done = () => {
      observer.disconnect();
      clearTimeout(limit);
      resolve();
    };
    const observer = new MutationObserver(() => {
      if (activityIds(element) !== before)
        done();
    });
    observer.observe(element, { childList: true, subtree: true });
    const limit = setTimeout(done, 5000);
  });

  const mountEditor = (definitionId, prepared) => {
    const element = studioElement(EDITOR);
    element.setAttribute('definition-id', definitionId);
    element.classList.toggle('studio-prepared', prepared);
    studio.append(element);
    editor = { element, definitionId, ready: settled(element) };
    editor.ready.then(() => performance.mark('studio-editor-settled'));
    return editor;
  };

  const showTitle = (definitionId, name) => {
    bar.dataset.view = 'editor';
    title.textContent = name || definitionId;
    document.title = `${name || definitionId} · ExportTaxCheck Studio`;
  };

  const open = async (definitionId, name) => {
    showTitle(definitionId, name);
    if (list)
      list.hidden = true;
    setState('opening', 'Opening…');
    await customElements.whenDefined(EDITOR);
    if (!editor) {
      mountEditor(definitionId, false);
    } else if (editor.definitionId !== definitionId) {
      // The editor prepared for another definition loads this one once it has finished building, and shows once the
      // canvas no longer holds the other definition's activities.
      await editor.ready;
      const before = activityIds(editor.element);
      editor.element.setAttribute('definition-id', definitionId);
      editor.definitionId = definitionId;
      await redrawn(editor.element, before);
    }
    editor.element.classList.remove('studio-prepared');
    remember(definitionId);
    setState('open', '');
  };

  // Back and Forward load the page for the address afresh.
  addEventListener('popstate', () => location.reload());

  // Keys typed on the list stay away from the editor prepared behind it.
  for (const type of ['keydown', 'keypress', 'keyup'])
    addEventListener(type, event => {
      if (editor?.element.classList.contains('studio-prepared'))
        event.stopImmediatePropagation();
    }, true);

  customElements.whenDefined(EDITOR).then(() => performance.mark('studio-runtime-ready'));

  if (config.view === 'editor') {
    open(config.definitionId, config.name);
    return;
  }

  if (config.view === 'definitions') {
    bar.dataset.view = 'definitions';
    setState('starting', 'Starting Studio…');
    customElements.whenDefined(STUDIO_LIST).then(() => {
      const element = studioElement(STUDIO_LIST);
      element.editWorkflowDefinition = async definitionId => {
        history.pushState({ definitionId }, '', `${config.mount}?definitionId=${encodeURIComponent(definitionId)}`);
        await dispose(element);
        open(definitionId, null);
      };
      studio.append(element);
      setState('ready', '');
    });
    return;
  }

  // The list.
  const rows = [...list.querySelectorAll('tr[data-definition-id]')];
  list.addEventListener('click', event => {
    const row = event.target.closest('tr[data-definition-id]');
    if (!row || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)
      return;
    event.preventDefault();
    history.pushState({ definitionId: row.dataset.definitionId }, '', row.querySelector('a').href);
    open(row.dataset.definitionId, row.dataset.name);
  });

  setState('starting', 'Starting Studio…');
  const ids = rows.map(row => row.dataset.definitionId);
  const lastOpened = recall();
  const likely = ids.includes(lastOpened) ? lastOpened : ids[0];
  customElements.whenDefined(EDITOR).then(async () => {
    // A row picked before the runtime loaded gets the editor for itself; until then no editor exists.
    if (bar.dataset.view !== 'list')
      return;
    if (!likely) {
      setState('ready', 'Studio ready');
      return;
    }
    setState('preparing', 'Preparing the editor…');
    await mountEditor(likely, true).ready;
    if (document.body.dataset.studio === 'preparing')
      setState('ready', 'Studio ready');
  });
})();

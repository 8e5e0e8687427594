// The Studio page. The Host renders the definitions list; Elsa Studio's custom elements are loaded behind it.
// While the list is read, the editor is built once, hidden, for the definition most likely opened (the one this
// browser opened last, else the first row), so picking it shows it at once and picking another one only loads that
// definition into the editor already built. Elsa Studio's own list (create, import, delete) is the "definitions" view;
// its list of workflow instances (bulk cancel and delete) is the "instances" view, and its viewer of one instance (the
// path taken, the journal, each activity's details) the "instance" view.
// Only one Studio element lives at a time: each brings its own MudBlazor popover provider, and two of them collide.
// Studio's instance list and viewer define window.editorHotkeys in an inline script of their own markup, which this
// page's content security policy (no inline script) does not run; they then call it. The same hotkey is defined here:
// Ctrl+R / Cmd+R asks the component to run its action (OnHotKeysCtrlR), registered and disposed as the component asks.
window.editorHotkeys = window.editorHotkeys || {
  handler: null,
  register(component) {
    this.dispose();
    this.handler = e => {
      if ((e.ctrlKey || e.metaKey) && e.key === 'r') {
        e.preventDefault();
        component.invokeMethodAsync('OnHotKeysCtrlR');
      }
    };
    window.addEventListener('keydown', this.handler);
  },
  dispose() {
    if (this.handler) window.removeEventListener('keydown', this.handler);
    this.handler = null;
  },
};

(() => {
  const config = JSON.parse(document.getElementById('studio-config').textContent);
  const studio = document.getElementById('studio');
  const bar = document.getElementById('studio-bar');
  const title = document.getElementById('studio-title');
  const state = document.getElementById('studio-state');
  const list = document.getElementById('studio-list');
  const EDITOR = 'elsa-workflow-definition-editor';
  const STUDIO_LIST = 'elsa-workflow-definition-list';
  const INSTANCE_LIST = 'elsa-workflow-instance-list';
  const INSTANCE_VIEWER = 'elsa-workflow-instance-viewer';
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

  const NODE = "g[data-shape='elsa-activity']";
  const nodesOf = element => [...element.querySelectorAll(NODE)];
  const key = ids => [...ids].sort().join('\n');
  const drawnIds = nodes => key(nodes.map(node => node.getAttribute('data-cell-id')));

  // The ids of the activities the editor draws for a definition (its latest version, the one the editor opens, is a
  // flowchart: one node per activity), read while the runtime loads; null when they cannot be known.
  const expectedActivities = async definitionId => {
    try {
      const response = await fetch(
        `${config.remoteEndpoint}/workflow-definitions/by-definition-id/${encodeURIComponent(definitionId)}?versionOptions=Latest`,
        { headers: { Authorization: `ApiKey ${config.apiKey}` } });
      const activities = response.ok ? (await response.json())?.root?.activities : null;
      return Array.isArray(activities) ? key(activities.map(activity => activity.id)) : null;
    } catch {
      return null;
    }
  };

  // Resolves once the canvas holds exactly the definition's activities, none of them a node of the definition drawn
  // before (definitions often share activity ids). A canvas that exists but is still empty is not drawn: on a busy CPU
  // Studio shows it long before the flow is on it. When the activities cannot be known, the first new one counts.
  const drawn = (element, expected, before = []) => new Promise(resolve => {
    const stale = new Set(before);
    const check = () => {
      if (!element.querySelector('.x6-graph-svg'))
        return;
      const nodes = nodesOf(element);
      if (nodes.some(node => stale.has(node)) || (expected === null ? nodes.length === 0 : drawnIds(nodes) !== expected))
        return;
      observer.disconnect();
      resolve();
    };
    const observer = new MutationObserver(check);
    observer.observe(element, { childList: true, subtree: true, attributes: true });
    check();
  });

  // Stops waiting on an editor that never draws (its definition removed meanwhile, an error shown instead), so a click
  // still gets the editor rather than "Opening…" for ever.
  // After the frame that shows a change has been painted.
  const painted = () => new Promise(resolve => requestAnimationFrame(() => setTimeout(resolve)));

  const atMost = (promise, ms) => Promise.race([promise, new Promise(resolve => setTimeout(resolve, ms))]);

  const mountEditor = (definitionId, prepared, expected = expectedActivities(definitionId)) => {
    const element = studioElement(EDITOR);
    element.setAttribute('definition-id', definitionId);
    element.classList.toggle('studio-prepared', prepared);
    studio.append(element);
    const ready = expected.then(ids => drawn(element, ids)).then(() => { performance.mark('studio-editor-drawn'); });
    editor = { element, definitionId, ready };
    return editor;
  };

  const showTitle = (definitionId, name) => {
    bar.dataset.view = 'editor';
    title.textContent = name || definitionId;
    document.title = `${name || definitionId} · ExportTaxCheck Studio`;
  };

  const open = async (definitionId, name) => {
    performance.mark('studio-open');
    showTitle(definitionId, name);
    if (list)
      list.hidden = true;
    setState('opening', 'Opening…');
    const expected = editor && editor.definitionId === definitionId ? null : expectedActivities(definitionId);
    await customElements.whenDefined(EDITOR);
    if (!editor) {
      mountEditor(definitionId, false, expected);
    } else if (editor.definitionId !== definitionId) {
      // The editor prepared for another definition loads this one once it has drawn that one, and shows once the
      // canvas holds this definition's activities.
      await atMost(editor.ready, 30000);
      const before = nodesOf(editor.element);
      editor.element.setAttribute('definition-id', definitionId);
      editor.definitionId = definitionId;
      editor.ready = expected.then(ids => drawn(editor.element, ids, before));
      await atMost(editor.ready, 30000);
    }
    editor.element.classList.remove('studio-prepared');
    remember(definitionId);
    setState('open', '');
    // An editor still building is shown as it builds; the mark is when this definition's activities are on screen.
    await editor.ready;
    await painted();
    performance.mark('studio-editor-shown');
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

  // The viewer of one instance; "edit" on it opens the definition's editor.
  const view = instanceId => {
    bar.dataset.view = 'instance';
    title.textContent = `Instance ${instanceId}`;
    document.title = `Instance ${instanceId} · ExportTaxCheck Studio`;
    setState('starting', 'Starting Studio…');
    customElements.whenDefined(INSTANCE_VIEWER).then(() => {
      const element = studioElement(INSTANCE_VIEWER);
      element.setAttribute('instance-id', instanceId);
      element.editWorkflowDefinition = async definitionId => {
        history.pushState({ definitionId }, '', `${config.mount}?definitionId=${encodeURIComponent(definitionId)}`);
        await dispose(element);
        open(definitionId, null);
      };
      studio.append(element);
      setState('ready', '');
    });
  };

  if (config.view === 'instance') {
    view(config.instanceId);
    return;
  }

  if (config.view === 'instances') {
    bar.dataset.view = 'instances';
    setState('starting', 'Starting Studio…');
    customElements.whenDefined(INSTANCE_LIST).then(() => {
      const element = studioElement(INSTANCE_LIST);
      element.viewWorkflowInstance = async instanceId => {
        history.pushState({ instanceId }, '', `${config.mount}?instanceId=${encodeURIComponent(instanceId)}`);
        await dispose(element);
        view(instanceId);
      };
      studio.append(element);
      setState('ready', '');
    });
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
  const likelyActivities = likely ? expectedActivities(likely) : null;
  customElements.whenDefined(EDITOR).then(async () => {
    // A row picked before the runtime loaded gets the editor for itself; until then no editor exists.
    if (bar.dataset.view !== 'list')
      return;
    if (!likely) {
      setState('ready', 'Studio ready');
      return;
    }
    // Ready means the prepared definition's activities are on the (hidden) canvas.
    setState('preparing', 'Preparing the editor…');
    await mountEditor(likely, true, likelyActivities).ready;
    if (document.body.dataset.studio === 'preparing')
      setState('ready', 'Studio ready');
  });
})();

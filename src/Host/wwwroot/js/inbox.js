// The inbox asks now and then how many tasks its view and filter hold (GET /api/tasks, one item) and, when that
// changed, says so with a link that reloads the list: officers see new tasks without reloading by hand.
(function () {
  'use strict';
  var live = document.getElementById('inbox-live');
  if (!live || !window.fetch) {
    return;
  }
  var url = live.getAttribute('data-poll-url');
  var shown = parseInt(live.getAttribute('data-count'), 10) || 0;
  var seconds = Math.max(1, parseInt(live.getAttribute('data-poll-seconds'), 10) || 15);
  var text = live.querySelector('span');

  function say(count) {
    var added = count - shown;
    if (added === 0) {
      live.hidden = true;
      return;
    }
    text.textContent = added === 1 ? live.getAttribute('data-one')
      : added > 1 ? live.getAttribute('data-many').replace('{0}', String(added))
      : live.getAttribute('data-changed');
    live.hidden = false;
  }

  function poll() {
    if (document.hidden) {
      return;
    }
    fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (page) {
        if (page && typeof page.totalCount === 'number') {
          say(page.totalCount);
        }
      })
      .catch(function () { /* offline for a moment: the next poll tries again */ });
  }

  window.setInterval(poll, seconds * 1000);
})();

// Live updates: one EventSource on the URL in #mail-app[data-events-url]; each `changed` event fires
// `pec-refresh` on <body>, which the message list and the folder tree answer with their own hx-get.
// EventSource reconnects by itself; bursts are coalesced so a flood of receipts costs one refresh.
(function () {
  'use strict';

  var COALESCE_MS = 400;

  function start() {
    var app = document.getElementById('mail-app');
    var url = app && app.getAttribute('data-events-url');
    if (!url || !window.EventSource || !window.htmx) return;
    var source = new EventSource(url, { withCredentials: true });
    var pending = null;
    source.addEventListener('changed', function () {
      if (pending) return;
      pending = setTimeout(function () {
        pending = null;
        window.htmx.trigger(document.body, 'pec-refresh');
      }, COALESCE_MS);
    });
    window.addEventListener('pagehide', function () { source.close(); });
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start); else start();
})();

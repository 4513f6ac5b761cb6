// Keyboard shortcuts (templates/components/keyboard-help.tsx lists them): j/k move in the list and load the
// preview, Enter opens the focused row, c r a f # act through the toolbar's [data-key] controls, / search, ? help.
(function () {
  'use strict';

  var KEYS = ['j', 'k', 'c', 'r', 'a', 'f', '#', '/', '?'];

  function typing(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }

  function rows() {
    return Array.prototype.slice.call(document.querySelectorAll('#message-grid tbody tr[role="row"][data-message-id]'));
  }

  // Moves the selection by `delta` rows, focuses it and loads its preview (the row's own hx-get on click).
  function move(delta) {
    var all = rows();
    if (!all.length) return;
    var current = all.indexOf(document.activeElement);
    if (current < 0) current = all.findIndex(function (r) { return r.getAttribute('aria-selected') === 'true'; });
    var next = current < 0 ? 0 : Math.min(all.length - 1, Math.max(0, current + delta));
    var row = all[next];
    row.focus();
    row.click();
  }

  function activate(key) {
    var el = document.querySelector('#toolbar [data-key="' + key + '"]');
    if (!el || el.disabled) return false;
    el.click();
    return true;
  }

  document.addEventListener('keydown', function (evt) {
    if (evt.ctrlKey || evt.metaKey || evt.altKey) return;
    var t = evt.target;
    // Treegrid navigation with arrows too (W3C treegrid example: Down/Up move between rows).
    if (t && t.getAttribute && t.getAttribute('role') === 'row') {
      if (evt.key === 'ArrowDown') { move(1); evt.preventDefault(); return; }
      if (evt.key === 'ArrowUp') { move(-1); evt.preventDefault(); return; }
      if (evt.key === 'Enter') { t.click(); evt.preventDefault(); return; }
    }
    if (typing(t) || KEYS.indexOf(evt.key) < 0) return;
    if (document.querySelector('dialog[open]')) return;
    var handled = true;
    switch (evt.key) {
      case 'j': move(1); break;
      case 'k': move(-1); break;
      case 'c': handled = activate('c'); break;
      case 'r': handled = activate('r'); break;
      case 'a': handled = activate('a'); break;
      case 'f': handled = activate('f'); break;
      case '#': handled = activate('#'); break;
      case '/': {
        var search = document.querySelector('[data-key-focus="/"]');
        if (search) search.focus(); else handled = false;
        break;
      }
      case '?': {
        var help = document.getElementById('keyboard-help');
        if (help && help.showModal) help.showModal(); else handled = false;
        break;
      }
    }
    if (handled) evt.preventDefault();
  });
})();

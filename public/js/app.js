// Page behaviour shared by every screen: shared confirm dialog, dialog openers, treegrid row clicks, toolbar arrows.
(function () {
  'use strict';

  var dialog = function () { return document.getElementById('confirm-dialog'); };

  // Shows the shared <dialog> with `question`; calls onOk when the user confirms.
  function ask(question, onOk) {
    var d = dialog();
    if (!d || typeof d.showModal !== 'function') { if (window.confirm(question)) onOk(); return; }
    d.querySelector('#confirm-dialog-text').textContent = question;
    d.returnValue = '';
    d.addEventListener('close', function handler() {
      d.removeEventListener('close', handler);
      if (d.returnValue === 'confirm') onOk();
    });
    d.showModal();
    var ok = d.querySelector('[data-confirm-ok]');
    if (ok) ok.focus();
  }

  // htmx: hx-confirm goes through our dialog instead of window.confirm.
  document.addEventListener('htmx:confirm', function (evt) {
    if (!evt.detail || !evt.detail.question) return;
    evt.preventDefault();
    ask(evt.detail.question, function () { evt.detail.issueRequest(true); });
  });

  // Plain forms: <form data-confirm="…"> or a submit button with data-confirm.
  document.addEventListener('submit', function (evt) {
    var form = evt.target;
    var submitter = evt.submitter;
    var question = (submitter && submitter.getAttribute('data-confirm')) || form.getAttribute('data-confirm');
    if (!question || form.dataset.confirmed === '1') return;
    evt.preventDefault();
    ask(question, function () {
      form.dataset.confirmed = '1';
      if (submitter && form.requestSubmit) form.requestSubmit(submitter); else form.submit();
      delete form.dataset.confirmed;
    });
  }, true);

  // <button data-open-dialog="id"> opens that dialog.
  document.addEventListener('click', function (evt) {
    var opener = evt.target.closest && evt.target.closest('[data-open-dialog]');
    if (opener) {
      var d = document.getElementById(opener.getAttribute('data-open-dialog'));
      if (d && typeof d.showModal === 'function') d.showModal();
      return;
    }
    // A plain click on the subject link inside a list row loads the preview (the row's hx-get), not a new page.
    var link = evt.target.closest && evt.target.closest('[role="treegrid"] .subject-link');
    if (link && evt.button === 0 && !evt.ctrlKey && !evt.metaKey && !evt.shiftKey && window.htmx) evt.preventDefault();
    // Clicking a folder marks it current.
    var folder = evt.target.closest && evt.target.closest('.folder-tree a.folder');
    if (folder) {
      document.querySelectorAll('.folder-tree a.folder[aria-current]').forEach(function (a) { a.removeAttribute('aria-current'); });
      folder.setAttribute('aria-current', 'page');
    }
  });

  // Selecting a row marks it (aria-selected) and makes it the treegrid's single tab stop.
  document.addEventListener('htmx:beforeRequest', function (evt) {
    var row = evt.detail.elt;
    if (!row || row.getAttribute('role') !== 'row') return;
    selectRow(row);
  });

  function selectRow(row) {
    var grid = row.closest('[role="treegrid"]');
    if (!grid) return;
    grid.querySelectorAll('tr[role="row"][aria-selected="true"]').forEach(function (r) {
      r.setAttribute('aria-selected', 'false');
      r.setAttribute('tabindex', '-1');
    });
    row.setAttribute('aria-selected', 'true');
    row.setAttribute('tabindex', '0');
    row.classList.remove('unread');
    var mark = row.querySelector('.mark-unread');
    if (mark) mark.remove();
  }
  window.pecSelectRow = selectRow;

  // WAI-ARIA toolbar: Left/Right/Home/End move between its controls.
  document.addEventListener('keydown', function (evt) {
    var bar = evt.target.closest && evt.target.closest('[role="toolbar"]');
    if (!bar || ['ArrowLeft', 'ArrowRight', 'Home', 'End'].indexOf(evt.key) < 0) return;
    if (evt.target.matches('select, input')) return;
    var items = Array.prototype.filter.call(bar.querySelectorAll(':scope > .btn, :scope > details > summary'), function (el) { return !el.disabled; });
    var i = items.indexOf(evt.target);
    if (i < 0) return;
    var next = evt.key === 'Home' ? 0 : evt.key === 'End' ? items.length - 1 : (i + (evt.key === 'ArrowRight' ? 1 : -1) + items.length) % items.length;
    items[next].focus();
    evt.preventDefault();
  });

  // Search results (seed 000 §2.4): the selection menu ticks this page, the unread ones, all or none.
  // "Tutti (tutte le pagine)" also ticks this page; the server reads selection=all and applies the criteria.
  document.addEventListener('change', function (evt) {
    if (evt.target.id !== 'search-selection-mode') return;
    var mode = evt.target.value;
    document.querySelectorAll('#search-selection input[name="ids"]').forEach(function (box) {
      box.checked = mode === 'all' || mode === 'page' || (mode === 'unread' && box.getAttribute('data-unread') === '1');
    });
  });

  // Close an open Azioni menu on Escape or on a click outside it.
  document.addEventListener('keydown', function (evt) {
    if (evt.key !== 'Escape') return;
    document.querySelectorAll('details.menu[open]').forEach(function (d) { d.open = false; d.querySelector('summary').focus(); });
  });
  document.addEventListener('click', function (evt) {
    document.querySelectorAll('details.menu[open]').forEach(function (d) { if (!d.contains(evt.target)) d.open = false; });
  });

  // A live refresh of the list keeps the row of the message shown in the preview selected.
  document.addEventListener('htmx:afterSwap', function (evt) {
    var shown = document.querySelector('#preview [data-message-id]');
    if (!shown || !evt.detail || !evt.detail.elt) return;
    var row = document.getElementById('msg-' + shown.getAttribute('data-message-id'));
    if (row && row.getAttribute('aria-selected') !== 'true') selectRow(row);
  });

  // The print page (templates/webmail/print.tsx) opens the print dialog by itself.
  window.addEventListener('load', function () {
    if (document.body && document.body.getAttribute('data-auto-print') === '1') window.print();
  });
})();

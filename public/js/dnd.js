// Drag a list row onto a folder to move it: POSTs the row's data-move-url with the folder id via htmx.ajax,
// and the answer (the updated list) replaces #message-list. Rows are draggable only when moving is allowed.
(function () {
  'use strict';

  var TYPE = 'application/x-pec-message';

  function csrf() {
    var h = document.body.getAttribute('hx-headers');
    try { return h ? JSON.parse(h) : {}; } catch (e) { return {}; }
  }

  document.addEventListener('dragstart', function (evt) {
    var row = evt.target.closest && evt.target.closest('tr[data-move-url]');
    if (!row) return;
    evt.dataTransfer.effectAllowed = 'move';
    evt.dataTransfer.setData(TYPE, row.getAttribute('data-move-url'));
    evt.dataTransfer.setData('text/plain', row.getAttribute('data-message-id'));
    row.classList.add('dragging');
  });

  document.addEventListener('dragend', function (evt) {
    var row = evt.target.closest && evt.target.closest('tr[data-move-url]');
    if (row) row.classList.remove('dragging');
  });

  function folderOf(evt) {
    return evt.target.closest && evt.target.closest('[data-drop-folder]');
  }

  document.addEventListener('dragover', function (evt) {
    var folder = folderOf(evt);
    if (!folder || evt.dataTransfer.types.indexOf(TYPE) < 0) return;
    evt.preventDefault();
    evt.dataTransfer.dropEffect = 'move';
    folder.classList.add('drop-target');
  });

  document.addEventListener('dragleave', function (evt) {
    var folder = folderOf(evt);
    if (folder) folder.classList.remove('drop-target');
  });

  document.addEventListener('drop', function (evt) {
    var folder = folderOf(evt);
    if (!folder) return;
    var url = evt.dataTransfer.getData(TYPE);
    folder.classList.remove('drop-target');
    if (!url || !window.htmx) return;
    evt.preventDefault();
    window.htmx.ajax('POST', url, {
      target: '#message-list',
      swap: 'outerHTML',
      values: { folder: folder.getAttribute('data-drop-folder') },
      headers: csrf(),
    });
  });
})();

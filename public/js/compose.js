// Compose size check before upload (seed 000 §2.3, SPEC D15): total size × number of recipients must not exceed
// the limit in data-max-bytes; the server checks again, this only spares a long upload that would be refused.
(function () {
  'use strict';

  function recipients(form) {
    var n = 0;
    ['to', 'cc'].forEach(function (name) {
      var el = form.elements.namedItem(name);
      if (!el || !el.value) return;
      n += el.value.split(/[,;]/).filter(function (s) { return s.trim() !== ''; }).length;
    });
    return Math.max(1, n);
  }

  function size(form) {
    var total = 0;
    var files = form.querySelector('input[type="file"][data-max-bytes]');
    if (files && files.files) for (var i = 0; i < files.files.length; i++) total += files.files[i].size;
    var kept = form.querySelectorAll('input[data-kept-size]:checked');
    for (var j = 0; j < kept.length; j++) total += Number(kept[j].getAttribute('data-kept-size')) || 0;
    var body = form.elements.namedItem('body');
    if (body && body.value) total += new Blob([body.value]).size;
    return total;
  }

  function check(form) {
    var input = form.querySelector('input[type="file"][data-max-bytes]');
    if (!input) return true;
    var max = Number(input.getAttribute('data-max-bytes'));
    var over = size(form) * recipients(form) > max;
    var msg = over ? input.getAttribute('data-too-big') || 'Too big' : '';
    input.setCustomValidity(msg);
    var out = document.getElementById(input.id + '-status');
    if (out) out.textContent = msg;
    return !over;
  }

  document.addEventListener('change', function (evt) {
    var form = evt.target.form;
    if (form && form.querySelector('input[data-max-bytes]')) check(form);
  });
  document.addEventListener('input', function (evt) {
    var form = evt.target.form;
    if (form && (evt.target.name === 'to' || evt.target.name === 'cc') && form.querySelector('input[data-max-bytes]')) check(form);
  });
  document.addEventListener('submit', function (evt) {
    var form = evt.target;
    if (!form.querySelector('input[data-max-bytes]')) return;
    var draft = evt.submitter && evt.submitter.value === 'draft';
    if (!draft && !check(form)) { evt.preventDefault(); form.reportValidity(); }
  });
})();

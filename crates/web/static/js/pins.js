// Pinned «اقرأ أيضا» links in the editor: a title search box (the site's
// own suggestions, /api/v1/search/suggest) that adds the chosen article's
// address as a line of the pins field. Without it, ids or addresses typed
// in the field work the same.
(function () {
  "use strict";
  var field = document.getElementById("f-pins");
  var box = document.querySelector(".nr-pin-search");
  var input = document.getElementById("pin-search");
  var list = document.getElementById("pin-suggestions");
  if (!field || !box || !input || !list || !window.fetch) return;
  box.hidden = false;
  var max = parseInt(field.dataset.max || "3", 10);
  var found = {};
  var timer = 0;
  input.addEventListener("input", function () {
    var q = input.value.trim();
    if (found[q]) {
      var lines = field.value.split("\n").map(function (l) { return l.trim(); }).filter(Boolean);
      if (lines.indexOf(found[q]) < 0 && lines.length < max) lines.push(found[q]);
      field.value = lines.join("\n");
      field.dispatchEvent(new Event("input", { bubbles: true }));
      input.value = "";
      return;
    }
    clearTimeout(timer);
    timer = setTimeout(function () {
      if (q.length < 2) return;
      fetch("/api/v1/search/suggest?q=" + encodeURIComponent(q))
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (items) {
          list.textContent = "";
          items.forEach(function (item) {
            // The address as readers see it, Arabic slug unencoded.
            try { found[item.title] = decodeURIComponent(item.url); } catch (e) { found[item.title] = item.url; }
            var option = document.createElement("option");
            option.value = item.title;
            list.appendChild(option);
          });
        })
        .catch(function () {});
    }, 200);
  });
})();

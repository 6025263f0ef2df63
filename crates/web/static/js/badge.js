// Khabar's visitor badge («زوار الموقع»): fills the header badge from
// /api/v1/stats/visitors (cached for 30 s), so pages stay cacheable. The
// labels come from the server in the site's language, plural forms and
// digits. Without JavaScript, or if the request fails, the badge stays hidden.
(function () {
  "use strict";
  var badge = document.getElementById("visitor-badge");
  if (!badge || !window.fetch) return;
  fetch("/api/v1/stats/visitors", { credentials: "omit" })
    .then(function (r) { return r.ok ? r.json() : null; })
    .then(function (j) {
      if (!j || !j.labels) return;
      ["today", "total", "online"].forEach(function (k) {
        var el = badge.querySelector("[data-badge='" + k + "']");
        if (el) el.textContent = j.labels[k];
      });
      badge.hidden = false;
    })
    .catch(function () {});
})();

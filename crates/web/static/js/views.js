// Khabar view counting: one beacon per page view, then the fresh count.
// The page works without this script (the count is rendered on the server
// and a <noscript> pixel counts the view); no cookie, no storage.
(function () {
  "use strict";
  var article = document.querySelector("[data-article-id]");
  if (!article) return;
  var id = Number(article.getAttribute("data-article-id"));
  if (!(id > 0)) return;

  function refresh() {
    if (!window.fetch) return;
    fetch("/api/v1/articles/" + id + "/views", { credentials: "omit" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (j) {
        if (!j) return;
        var el = document.querySelector("[data-views-for='" + id + "']");
        if (el) el.textContent = j.label;
      })
      .catch(function () {});
  }

  function send() {
    var body = JSON.stringify({ article_id: id, referrer: document.referrer || "" });
    var sent = false;
    if (navigator.sendBeacon) {
      try { sent = navigator.sendBeacon("/api/v1/hits", body); } catch (e) { sent = false; }
    }
    if (!sent && window.fetch) {
      fetch("/api/v1/hits", { method: "POST", body: body, keepalive: true, credentials: "omit" })
        .catch(function () {});
    }
    // Counts are written about once a second; show the new figure after that.
    setTimeout(refresh, 2500);
  }

  // A prerendered page is not a view until the reader actually opens it.
  if (document.prerendering) {
    document.addEventListener("prerenderingchange", send, { once: true });
  } else {
    send();
  }
})();

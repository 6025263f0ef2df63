// «اترك تعليقاً» with JavaScript: the form posts to the JSON API and the
// result appears in place, without a reload. Without this file the form is a
// plain POST answered by a redirect with a message, so nothing here is needed
// for commenting; it only makes it smoother.
(function () {
  "use strict";
  var form = document.querySelector("[data-comment-form]");
  var section = document.getElementById("comments");
  if (!form || !section || !window.fetch || !window.JSON) return;
  var api = section.getAttribute("data-comments-api");
  var list = section.querySelector("[data-comment-list]");
  var status = form.querySelector(".comment-status");
  var button = form.querySelector("button[type=submit]");
  var messages = {};
  try {
    messages = JSON.parse(document.getElementById("comment-messages").textContent);
  } catch (e) { /* messages stay empty; codes are shown instead */ }
  var refreshed = false;

  function show(code, kind) {
    status.hidden = false;
    status.className = "comment-status comment-message comment-message-" + kind;
    // textContent, never innerHTML: messages are text.
    status.textContent = messages[code] || code;
  }

  // A page may come from a cache with a token another reader used: fetch a
  // fresh one as soon as the reader starts writing (the clock starts there).
  function refreshToken() {
    if (refreshed) return;
    refreshed = true;
    fetch(api, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (data && data.token) form.elements.token.value = data.token;
      })
      .catch(function () { /* keep the token the page came with */ });
  }
  form.addEventListener("focusin", refreshToken);

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var parent = form.elements.parent ? parseInt(form.elements.parent.value, 10) : NaN;
    var payload = {
      token: form.elements.token.value,
      name: form.elements.name.value,
      email: form.elements.email.value,
      body: form.elements.body.value,
      website: form.elements.website.value,
      parent_id: isNaN(parent) ? null : parent
    };
    var label = button.textContent;
    button.disabled = true;
    button.textContent = button.getAttribute("data-sending") || label;
    fetch(api, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(payload)
    })
      .then(function (r) {
        return r.json().then(function (data) { return { ok: r.ok, data: data }; },
          function () { return { ok: r.ok, data: {} }; });
      })
      .then(function (res) {
        if (res.ok && res.data.status === "approved" && res.data.html) {
          // Server-rendered and escaped: the same markup as the page's.
          var item = document.createElement("li");
          item.innerHTML = res.data.html;
          var target = list;
          if (res.data.parent_id) {
            var parentNode = document.getElementById("comment-" + res.data.parent_id);
            if (parentNode) {
              var holder = parentNode.parentNode;
              target = holder.querySelector(".comment-replies");
              if (!target) {
                target = document.createElement("ol");
                target.className = "comment-replies";
                holder.appendChild(target);
              }
            }
          }
          target.appendChild(item);
          var empty = section.querySelector(".comments-empty");
          if (empty) empty.remove();
          form.elements.body.value = "";
          show("published", "ok");
        } else if (res.ok) {
          form.elements.body.value = "";
          show("held", "held");
        } else {
          show(res.data.error || "error", "error");
        }
        // Every token is single use: get the next one for another comment.
        refreshed = false;
        refreshToken();
      })
      .catch(function () { form.submit(); })
      .then(function () {
        button.disabled = false;
        button.textContent = label;
      });
  });
})();

// «اترك تعليقاً» with JavaScript: the form posts to the JSON API and the
// result appears in place, without a reload. Without this file the form is a
// plain POST answered by a redirect with a message, so nothing here is needed
// for commenting; it only makes it smoother.
//
// Deleting one's own comment: each post answers with a secret deletion key
// (`ID.KEY`), kept here in localStorage; comments whose key this browser
// holds get a «احذف تعليقي» button (two clicks: no dialog box).
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
  var STORE = "khabar-comment-keys";

  function loadKeys() {
    try { return JSON.parse(window.localStorage.getItem(STORE) || "{}") || {}; }
    catch (e) { return {}; }
  }
  function saveKey(id, key) {
    var keys = loadKeys();
    if (key) keys[id] = key; else delete keys[id];
    try { window.localStorage.setItem(STORE, JSON.stringify(keys)); } catch (e) { /* private mode */ }
  }

  function refreshCount() {
    fetch(api, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        var count = section.querySelector(".comments-count");
        if (data && count) count.textContent = "(" + data.count_text + ")";
      })
      .catch(function () { /* the count is refreshed on the next visit */ });
  }

  // Two clicks, so a stray one deletes nothing; then the comment goes, or,
  // when replies hang from it, a line says its writer deleted it.
  function deleteButton(id, onDeleted) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "comment-delete";
    b.textContent = section.getAttribute("data-delete-label");
    b.addEventListener("click", function () {
      if (!b.getAttribute("data-armed")) {
        b.setAttribute("data-armed", "1");
        b.textContent = section.getAttribute("data-delete-confirm");
        return;
      }
      b.disabled = true;
      fetch(api + "/" + id + "/delete", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ key: loadKeys()[id] || "" })
      })
        .then(function (r) {
          return r.json().then(function (d) { return { ok: r.ok, data: d }; },
            function () { return { ok: r.ok, data: {} }; });
        })
        .then(function (res) {
          if (res.ok) {
            saveKey(id, null);
            onDeleted();
            show("deleted", "ok");
            refreshCount();
          } else {
            b.disabled = false;
            show(res.data.error || "error", "error");
          }
        })
        .catch(function () { b.disabled = false; });
    });
    return b;
  }

  function removeShown(node) {
    var holder = node.parentNode;
    var replies = holder && holder.querySelector(".comment-replies li");
    if (replies) {
      var gone = document.createElement("p");
      gone.className = "comment-gone-text";
      gone.textContent = section.getAttribute("data-deleted-text");
      node.className = "comment comment-gone comment-deleted";
      while (node.firstChild) node.removeChild(node.firstChild);
      node.appendChild(gone);
    } else if (holder) {
      holder.parentNode.removeChild(holder);
    }
  }

  function offerDelete(node) {
    var id = node.getAttribute("data-comment-id");
    if (!loadKeys()[id] || node.querySelector(".comment-delete")) return;
    node.appendChild(deleteButton(id, function () { removeShown(node); }));
  }

  // A key that came in the address (after a post without JavaScript).
  var fromUrl = /[?&]delete=(\d+)\.([0-9a-f]{64})(?:&|#|$)/.exec(window.location.search + "#");
  if (fromUrl) saveKey(fromUrl[1], fromUrl[1] + "." + fromUrl[2]);
  Array.prototype.forEach.call(
    section.querySelectorAll(".comment[data-comment-id]:not(.comment-gone)"), offerDelete);

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
          if (res.data.delete_key && res.data.id) {
            saveKey(String(res.data.id), res.data.delete_key);
            var shown = item.querySelector(".comment[data-comment-id]");
            if (shown) offerDelete(shown);
          }
        } else if (res.ok) {
          form.elements.body.value = "";
          show("held", "held");
          if (res.data.delete_key && res.data.id) {
            // A held comment is not on the page: its button sits by the message.
            var id = String(res.data.id);
            saveKey(id, res.data.delete_key);
            status.appendChild(document.createTextNode(" "));
            status.appendChild(deleteButton(id, function () { }));
          }
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

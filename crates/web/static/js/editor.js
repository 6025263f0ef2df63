// The newsroom editor, progressively: a Markdown toolbar, a live preview
// rendered by the server exactly as the site renders bodies, slug
// suggestions from the title, tag suggestions, the cover uploaded as soon as
// it is chosen, an autosave to the server every 20 seconds while the text
// changes (and when the page is left), and a copy kept in this browser for
// when the server cannot be reached. Without this script the form still
// saves, uploads its cover and opens the full preview.
(function () {
  "use strict";
  var form = document.getElementById("editor");
  if (!form) return;
  var body = form.querySelector("#f-body");
  var title = form.querySelector("#f-title");
  var slug = form.querySelector("#f-slug");
  var tags = form.querySelector("#f-tags");
  var csrf = form.querySelector("input[name=csrf]").value;
  var preview = document.getElementById("preview");
  var status = form.querySelector(".nr-autosave");
  var key = "khabar-draft:" + (form.dataset.article || "new");
  var AUTOSAVE_MS = 20000;

  // The form's text fields (the file input is left out), as sent.
  function fields() {
    var data = new URLSearchParams();
    new FormData(form).forEach(function (v, k) {
      if (typeof v === "string") data.append(k, v);
    });
    return data;
  }

  // Toolbar.
  var toolbar = form.querySelector(".nr-md-toolbar");
  toolbar.hidden = false;
  var wrap = {
    heading: ["\n## ", ""], bold: ["**", "**"], italic: ["_", "_"],
    quote: ["\n> ", ""], list: ["\n- ", ""], link: ["[", "](https://)"]
  };
  toolbar.addEventListener("click", function (e) {
    var b = e.target.closest("button[data-md]");
    if (!b) return;
    var w = wrap[b.dataset.md];
    var s = body.selectionStart, t = body.selectionEnd, v = body.value;
    body.value = v.slice(0, s) + w[0] + v.slice(s, t) + w[1] + v.slice(t);
    body.focus();
    body.selectionStart = s + w[0].length;
    body.selectionEnd = t + w[0].length;
    schedule();
  });

  // Live preview.
  var section = preview.closest(".nr-preview");
  section.hidden = false;
  var timer = null;
  function renderPreview() {
    var data = new URLSearchParams();
    data.set("csrf", csrf);
    data.set("body", body.value);
    fetch("/newsroom/preview", { method: "POST", body: data, credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.text() : null; })
      .then(function (html) {
        if (html === null) return;
        preview.innerHTML = html;
        // Each paragraph takes its own direction: Latin names and numbers
        // inside Arabic read correctly.
        preview.querySelectorAll("p, li, blockquote, h2, h3, h4").forEach(function (el) {
          el.setAttribute("dir", "auto");
        });
      })
      .catch(function () {});
  }
  // The browser's copy: the fallback when the server cannot be reached.
  // `synced` marks a copy the server's autosave already holds, which is
  // then not offered again (the server offers its own).
  function keepCopy(synced) {
    try {
      var copy = {};
      fields().forEach(function (v, k) { if (k !== "csrf") copy[k] = v; });
      copy.savedAt = Date.now();
      copy.synced = !!synced;
      localStorage.setItem(key, JSON.stringify(copy));
    } catch (e) { /* storage full or disabled */ }
  }
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(function () { renderPreview(); keepCopy(false); }, 600);
  }
  form.addEventListener("input", schedule);
  renderPreview();

  // Autosave to the server: a slot per account and article, never a
  // revision. Sent every AUTOSAVE_MS while the form differs from what was
  // last sent (or saved), and once more when the page is hidden or left.
  var lastSent = fields().toString();
  var submitting = false;
  function autosave(leaving) {
    if (submitting) return;
    var data = fields();
    var text = data.toString();
    if (text === lastSent) return;
    fetch(form.dataset.autosaveUrl, {
      method: "POST", body: data, credentials: "same-origin", keepalive: !!leaving
    })
      .then(function (r) {
        // 409: this page was saved meanwhile; it has nothing left to keep.
        if (r.status === 409) submitting = true;
        return r.ok ? r.json() : null;
      })
      .then(function (j) {
        if (!j) return;
        lastSent = text;
        if (fields().toString() === text) keepCopy(true);
        if (status) status.textContent = j.label;
      })
      .catch(function () { /* offline: the browser's copy remains */ });
  }
  setInterval(function () { autosave(false); }, AUTOSAVE_MS);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") autosave(true);
  });
  window.addEventListener("pagehide", function () { autosave(true); });
  form.addEventListener("submit", function (e) {
    // The preview button opens a new tab; only a save leaves the editor.
    if (!e.submitter || !e.submitter.hasAttribute("formaction")) submitting = true;
  });
  // Restoring or discarding the server's autosave must not be raced by one
  // more autosave of this page on the way out.
  var offer = document.getElementById("autosave-offer");
  if (offer) {
    offer.querySelector("a").addEventListener("click", function () { submitting = true; });
    offer.querySelector("form").addEventListener("submit", function () { submitting = true; });
  }

  // Offer the copy kept in this browser when it differs from the page.
  try {
    var kept = JSON.parse(localStorage.getItem(key) || "null");
    if (kept && !kept.synced && kept.body !== body.value && kept.revision === form.querySelector("input[name=revision]").value) {
      var bar = document.createElement("p");
      bar.className = "nr-notice";
      var btn = document.createElement("button");
      btn.type = "button";
      btn.textContent = document.documentElement.lang === "ar" ? "استعادة المسودة المحفوظة على هذا الجهاز" : "Restore the draft kept on this device";
      btn.addEventListener("click", function () {
        Object.keys(kept).forEach(function (k) {
          var el = form.elements[k];
          if (el && el.type !== "hidden" && el.type !== "file" && typeof kept[k] === "string") el.value = kept[k];
        });
        bar.remove();
        renderPreview();
      });
      bar.appendChild(btn);
      form.parentNode.insertBefore(bar, form);
    }
  } catch (e) { /* ignore */ }
  // The copy is dropped only once the server confirms a save: a save refused
  // because the session ended must not lose it.
  if (/[?&]saved=1/.test(location.search)) {
    try {
      localStorage.removeItem(key);
      localStorage.removeItem("khabar-draft:new");
    } catch (e) { /* ignore */ }
  }

  // Cover upload: the server checks, re-encodes and names the file; the
  // address it answers goes into the cover field.
  var file = document.getElementById("cover-file");
  var uploadError = document.getElementById("e-upload");
  var coverPreview = form.querySelector(".nr-cover-preview");
  var uploadHint = form.querySelector(".nr-upload-hint");
  if (uploadHint) uploadHint.hidden = true;
  file.addEventListener("change", function () {
    if (!file.files.length) return;
    var data = new FormData();
    data.append("csrf", csrf);
    data.append("file", file.files[0]);
    uploadError.hidden = true;
    fetch("/newsroom/media", { method: "POST", body: data, credentials: "same-origin" })
      .then(function (r) {
        if (r.status === 413) return { error: "too_large" };
        return r.json().catch(function () { return { error: "media_broken" }; });
      })
      .then(function (j) {
        if (j.url) {
          form.elements.cover_url.value = j.url;
          coverPreview.src = j.url;
          coverPreview.hidden = false;
          // Uploaded: the save must not send the file a second time.
          file.value = "";
          form.elements.cover_alt.focus();
          keepCopy(false);
        } else {
          uploadError.textContent = file.dataset[j.error] || file.dataset.media_broken;
          uploadError.hidden = false;
          file.value = "";
        }
      })
      .catch(function () {
        uploadError.textContent = file.dataset.media_broken;
        uploadError.hidden = false;
      });
  });

  // Slug suggestion while the slug is untouched.
  var slugTouched = slug.value !== "";
  slug.addEventListener("input", function () { slugTouched = true; });
  title.addEventListener("change", function () {
    if (slugTouched) return;
    fetch("/newsroom/slug?title=" + encodeURIComponent(title.value), { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (j) { if (j && !slugTouched) slug.value = j.slug; })
      .catch(function () {});
  });

  // Tag suggestions for the word being typed.
  var list = document.getElementById("tag-suggestions");
  tags.addEventListener("input", function () {
    var parts = tags.value.split(/[,،]/);
    var last = parts[parts.length - 1].trim();
    if (last.length < 1) return;
    fetch("/newsroom/tags/suggest?q=" + encodeURIComponent(last), { credentials: "same-origin" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (j) {
        if (!j) return;
        var prefix = parts.slice(0, -1).join("، ");
        list.innerHTML = "";
        j.tags.forEach(function (t) {
          var o = document.createElement("option");
          o.value = (prefix ? prefix + "، " : "") + t;
          list.appendChild(o);
        });
      })
      .catch(function () {});
  });
})();

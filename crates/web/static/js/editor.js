// The newsroom editor, progressively: a Markdown toolbar, a live preview
// rendered by the server exactly as the site renders bodies, slug
// suggestions from the title, tag suggestions, and a copy of the draft kept
// in this browser so nothing typed is lost to a closed tab or a lost session.
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
  function keepCopy() {
    try {
      var copy = {};
      new FormData(form).forEach(function (v, k) { if (k !== "csrf") copy[k] = v; });
      copy.savedAt = Date.now();
      localStorage.setItem(key, JSON.stringify(copy));
      if (status) status.textContent = form.dataset.autosaved || "✓";
    } catch (e) { /* storage full or disabled */ }
  }
  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(function () { renderPreview(); keepCopy(); }, 600);
  }
  form.addEventListener("input", schedule);
  renderPreview();

  // Offer the copy kept in this browser when it differs from the page.
  try {
    var kept = JSON.parse(localStorage.getItem(key) || "null");
    if (kept && kept.body !== body.value && kept.revision === form.querySelector("input[name=revision]").value) {
      var bar = document.createElement("p");
      bar.className = "nr-notice";
      var btn = document.createElement("button");
      btn.type = "button";
      btn.textContent = document.documentElement.lang === "ar" ? "استعادة المسودة المحفوظة على هذا الجهاز" : "Restore the draft kept on this device";
      btn.addEventListener("click", function () {
        Object.keys(kept).forEach(function (k) {
          var el = form.elements[k];
          if (el && el.type !== "hidden") el.value = kept[k];
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
  var upload = form.querySelector(".nr-upload");
  var file = document.getElementById("cover-file");
  var uploadError = document.getElementById("e-upload");
  var coverPreview = form.querySelector(".nr-cover-preview");
  upload.hidden = false;
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
          form.elements.cover_alt.focus();
          keepCopy();
        } else {
          uploadError.textContent = file.dataset[j.error] || file.dataset.media_broken;
          uploadError.hidden = false;
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
    fetch("/newsroom/tags?q=" + encodeURIComponent(last), { credentials: "same-origin" })
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

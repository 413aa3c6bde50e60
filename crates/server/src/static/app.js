// Report page: show a finding's details when its cell is clicked.
// Library page: upload a file as the raw request body (chosen or dropped).
(function () {
  "use strict";
  var panel = document.getElementById("panel");
  if (panel) {
    var body = panel.querySelector(".body");
    var selected = null;
    function show(el) {
      var ids = (el.getAttribute("data-findings") || "").split(" ");
      body.textContent = "";
      ids.forEach(function (id) {
        var item = document.getElementById(id);
        if (item) {
          var copy = item.cloneNode(true);
          copy.removeAttribute("id");
          body.appendChild(copy);
        }
      });
      if (selected) selected.classList.remove("selected");
      selected = el;
      el.classList.add("selected");
      panel.hidden = false;
    }
    document.addEventListener("click", function (e) {
      var el = e.target.closest("[data-findings]");
      if (el) show(el);
    });
    document.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && e.target.matches && e.target.matches("[data-findings]")) show(e.target);
      if (e.key === "Escape") panel.hidden = true;
    });
    panel.querySelector(".close").addEventListener("click", function () { panel.hidden = true; });
    // Parts of the page fetched later: `el`'s data-src replaces its .loading.
    function fill(el) {
      return fetch(el.getAttribute("data-src"))
        .then(function (r) { if (!r.ok) throw new Error(r.status); return r.text(); })
        .then(function (html) {
          var hold = el.querySelector(".loading");
          if (hold) hold.remove();
          el.insertAdjacentHTML("beforeend", html);
        });
    }
    // The narrative follows the tables: fetched as soon as the page is there.
    Array.prototype.forEach.call(document.querySelectorAll("section[data-src]"), function (sec) {
      fill(sec).catch(function () {});
    });
    // Self-evaluation tables without findings are fetched when opened.
    document.addEventListener("toggle", function (e) {
      var d = e.target;
      if (!d.open || !d.getAttribute || !d.getAttribute("data-src") || d.getAttribute("data-loaded")) return;
      d.setAttribute("data-loaded", "1");
      fill(d).catch(function () { d.removeAttribute("data-loaded"); });
    }, true);
  }
  var form = document.getElementById("upload");
  if (form) {
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      var file = form.elements.file.files[0];
      var status = document.getElementById("upload-status");
      if (!file) return;
      // The server decides the format by content; a fixed type spares it
      // whatever type the browser guesses from the file name.
      var headers = { "Content-Type": "application/octet-stream" };
      if (form.elements.token.value) headers["Authorization"] = "Bearer " + form.elements.token.value;
      status.textContent = "正在上传并审核…";
      // The upload's name for its progress: a scanned PDF is read by OCR,
      // about a second a page, and the page says how far it has come.
      var job = "u" + Date.now().toString(36) + Math.random().toString(36).slice(2, 10);
      var finished = false;
      var poll = setInterval(function () {
        fetch("/api/uploads/" + job)
          .then(function (r) { return r.ok ? r.json() : null; })
          .then(function (p) { if (p && !finished) status.textContent = p.message; })
          .catch(function () {});
      }, 700);
      var stop = function () { finished = true; clearInterval(poll); };
      fetch("/api/reports?name=" + encodeURIComponent(file.name) + "&job=" + job,
            { method: "POST", body: file, headers: headers })
        .then(function (r) { return r.json().then(function (j) { return [r, j]; }); })
        .then(function (rj) {
          stop();
          if (rj[0].ok) { window.location = rj[1].url; }
          else { status.textContent = "上传失败：" + (rj[1].error || rj[0].status); }
        })
        .catch(function (err) { stop(); status.textContent = "上传失败：" + err; });
    });
    // Drop a file anywhere on the upload section: it is uploaded at once.
    var zone = form.closest(".upload") || form;
    zone.addEventListener("dragover", function (e) { e.preventDefault(); zone.classList.add("dragging"); });
    zone.addEventListener("dragleave", function () { zone.classList.remove("dragging"); });
    zone.addEventListener("drop", function (e) {
      e.preventDefault();
      zone.classList.remove("dragging");
      if (!e.dataTransfer || !e.dataTransfer.files.length) return;
      form.elements.file.files = e.dataTransfer.files;
      if (form.requestSubmit) form.requestSubmit(); else form.dispatchEvent(new Event("submit", { cancelable: true }));
    });
  }
})();

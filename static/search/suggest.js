/* Suggestions as you type for every search box: an ARIA 1.2 combobox with a listbox popup.
   Arrow keys move, Enter opens the chosen matter, Escape closes; without JavaScript the form still works. */
(function () {
  "use strict";
  function setup(form) {
    if (form.dataset.suggestReady) return;
    form.dataset.suggestReady = "1";
    var input = form.querySelector("[role=combobox]");
    var list = form.querySelector("[role=listbox]");
    if (!input || !list) return;
    var url = form.getAttribute("data-suggest-url");
    var status = form.querySelector("[role=status]");  /* says how many suggestions came, for screen readers */
    function announce(count) {
      if (status) status.textContent = count ? status.getAttribute("data-count-text").replace("{n}", count) : "";
    }
    var items = [], active = -1, timer = null, last = "";

    function close() {
      list.hidden = true; list.innerHTML = ""; items = []; active = -1;
      input.setAttribute("aria-expanded", "false"); input.removeAttribute("aria-activedescendant");
      announce(0);
    }
    function mark(index) {
      items.forEach(function (li, i) { li.setAttribute("aria-selected", i === index ? "true" : "false"); });
      active = index;
      if (index >= 0) input.setAttribute("aria-activedescendant", items[index].id);
      else input.removeAttribute("aria-activedescendant");
    }
    function render(suggestions) {
      list.innerHTML = ""; items = []; active = -1;
      suggestions.forEach(function (s, i) {
        var li = document.createElement("li");
        li.id = list.id + "-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.dataset.url = s.url;
        var name = document.createElement("span");
        name.textContent = s.name;  /* text, never HTML */
        var dept = document.createElement("small");
        dept.textContent = " " + (s.department || "");
        li.appendChild(name); li.appendChild(dept);
        li.addEventListener("mousedown", function (e) { e.preventDefault(); window.location.href = s.url; });
        list.appendChild(li); items.push(li);
      });
      var open = items.length > 0;
      list.hidden = !open;
      input.setAttribute("aria-expanded", open ? "true" : "false");
      announce(items.length);
    }
    function fetchSuggestions() {
      var q = input.value.trim();
      if (q === last) return;
      last = q;
      if (!q) { close(); return; }
      fetch(url + "?q=" + encodeURIComponent(q), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
        .then(function (data) { if (input.value.trim() === q) render(data.suggestions || []); })
        .catch(close);
    }
    input.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(fetchSuggestions, 150); });
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" && items.length) { e.preventDefault(); mark((active + 1) % items.length); }
      else if (e.key === "ArrowUp" && items.length) { e.preventDefault(); mark(active <= 0 ? items.length - 1 : active - 1); }
      else if (e.key === "Enter" && active >= 0) { e.preventDefault(); window.location.href = items[active].dataset.url; }
      else if (e.key === "Escape") { close(); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 100); });
  }
  function init() { document.querySelectorAll("form.search-box[data-suggest-url]").forEach(setup); }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();

/* The claims ledger: filter by text or column value, sort by clicking a column header. */
(function () {
  "use strict";
  function setUp(table) {
    var headers = Array.prototype.slice.call(table.querySelectorAll("thead th"));
    var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr"));
    var controls = document.createElement("div");
    controls.className = "ledger-controls";
    var search = document.createElement("input");
    search.type = "search";
    search.placeholder = "Search claims…";
    search.setAttribute("aria-label", "Search claims");
    controls.appendChild(search);
    var selects = [];
    ["Article", "Theme", "Type", "Verdict"].forEach(function (name) {
      var index = headers.findIndex(function (h) { return h.textContent.trim() === name; });
      if (index < 0) { return; }
      var select = document.createElement("select");
      select.setAttribute("aria-label", "Filter by " + name.toLowerCase());
      var values = Array.from(new Set(rows.map(function (r) { return r.cells[index].textContent.trim(); }))).sort();
      select.appendChild(new Option("All " + name.toLowerCase() + "s", ""));
      values.forEach(function (v) { select.appendChild(new Option(v, v)); });
      select.dataset.column = index;
      controls.appendChild(select);
      selects.push(select);
    });
    var count = document.createElement("span");
    count.className = "ledger-count";
    controls.appendChild(count);
    table.parentNode.insertBefore(controls, table);

    function apply() {
      var text = search.value.toLowerCase();
      var shown = 0;
      rows.forEach(function (row) {
        var ok = row.textContent.toLowerCase().indexOf(text) >= 0;
        selects.forEach(function (s) {
          if (s.value && row.cells[+s.dataset.column].textContent.trim() !== s.value) { ok = false; }
        });
        row.style.display = ok ? "" : "none";
        if (ok) { shown += 1; }
      });
      count.textContent = shown + " of " + rows.length + " claims";
    }
    search.addEventListener("input", apply);
    selects.forEach(function (s) { s.addEventListener("change", apply); });

    headers.forEach(function (header, index) {
      header.style.cursor = "pointer";
      header.title = "Sort by this column";
      header.addEventListener("click", function () {
        var ascending = header.dataset.sort !== "asc";
        headers.forEach(function (h) { delete h.dataset.sort; });
        header.dataset.sort = ascending ? "asc" : "desc";
        rows.sort(function (a, b) {
          var x = a.cells[index].textContent.trim(), y = b.cells[index].textContent.trim();
          return (ascending ? 1 : -1) * x.localeCompare(y, undefined, { numeric: true });
        });
        var body = table.tBodies[0];
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
    apply();
  }
  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("table.claims-ledger"), setUp);
  });
})();

// The report page: clicking a marked finding shows its key, value, score and extractor and selects its row;
// clicking a row's number scrolls to its mark. The pages work without this script (marks carry a title).
(function () {
  "use strict";
  var detail = document.getElementById("finding-detail");
  if (!detail) { return; }
  function select(ref) {
    var row = document.getElementById(ref);
    document.querySelectorAll("tr.finding.active, mark.active").forEach(function (el) { el.classList.remove("active"); });
    document.querySelectorAll('mark[data-ref="' + ref + '"]').forEach(function (el) { el.classList.add("active"); });
    if (!row) { return; }
    row.classList.add("active");
    var meta = row.querySelector(".meta");
    detail.textContent = "#" + ref.slice(1) + " " + (meta ? meta.textContent : "");
    detail.hidden = false;
    row.scrollIntoView({ block: "nearest" });
  }
  document.addEventListener("click", function (event) {
    var mark = event.target.closest("mark[data-ref]");
    if (mark && mark.dataset.ref) { select(mark.dataset.ref); return; }
    var jump = event.target.closest("a.jump");
    if (jump) {
      event.preventDefault();
      select(jump.dataset.ref);
      var first = document.querySelector('mark[data-ref="' + jump.dataset.ref + '"]');
      if (first) { first.scrollIntoView({ block: "center" }); }
    }
  });
  if (/^#f\d+$/.test(location.hash)) { select(location.hash.slice(1)); }
  if (/^#fid-[0-9a-z]+$/.test(location.hash)) {  // from a theme page: the finding's stable id
    var row = document.querySelector('tr.finding[data-finding="' + location.hash.slice(5) + '"]');
    if (row) {
      select(row.id);
      var mark = document.querySelector('mark[data-ref="' + row.id + '"]');
      if (mark) { mark.scrollIntoView({ block: "center" }); }
    }
  }
})();

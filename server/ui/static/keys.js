// quotewire keyboard shortcuts: "/" goes to the search box; "j" and "k"
// move to the next and previous quote of an article. The pages work
// without this file; it only adds shortcuts.
(function () {
  "use strict";
  function typing(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }
  function quotes() {
    return Array.prototype.slice.call(document.querySelectorAll("mark.q-content[id]"));
  }
  function current(list) {
    var a = document.activeElement;
    var i = list.indexOf(a);
    if (i >= 0) { return i; }
    var h = location.hash.slice(1);
    for (var k = 0; k < list.length; k++) {
      if (list[k].id === h) { return k; }
    }
    return -1;
  }
  function go(el) {
    el.focus({ preventScroll: true });
    el.scrollIntoView({ block: "center" });
    if (history.replaceState) { history.replaceState(null, "", "#" + el.id); }
  }
  document.addEventListener("keydown", function (e) {
    if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) { return; }
    if (e.key === "/") {
      var box = document.querySelector("input[data-search]");
      if (box) { e.preventDefault(); box.focus(); box.select(); }
      return;
    }
    if (e.key !== "j" && e.key !== "k") { return; }
    var list = quotes();
    if (!list.length) { return; }
    var i = current(list);
    var next = e.key === "j" ? i + 1 : (i < 0 ? list.length - 1 : i - 1);
    if (next >= 0 && next < list.length) { e.preventDefault(); go(list[next]); }
  });
})();

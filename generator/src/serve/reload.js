// bangchim serve: reload the page after a good build; show a failed
// build's error over the page (which keeps the last good build).
(function () {
  var seen = null;
  var box = null;
  function show(error) {
    if (!error) {
      if (box) { box.remove(); box = null; }
      return;
    }
    if (!box) {
      box = document.createElement("div");
      box.setAttribute("role", "alert");
      box.id = "bangchim-build-error";
      var s = box.style;
      s.position = "fixed"; s.inset = "auto 0 0 0"; s.zIndex = "2147483647";
      s.maxHeight = "50vh"; s.overflow = "auto"; s.margin = "0"; s.padding = "16px 24px";
      s.background = "#1e2124"; s.color = "#fff"; s.font = "15px/1.5 monospace";
      s.whiteSpace = "pre-wrap"; s.borderTop = "4px solid #bd2c0f";
      document.body.appendChild(box);
    }
    box.textContent = "빌드 실패 (마지막으로 성공한 빌드를 보여 주는 중):\n" + error;
  }
  function poll() {
    fetch("/__bangchim/status", { cache: "no-store" })
      .then(function (r) { return r.json(); })
      .then(function (status) {
        if (seen !== null && status.version !== seen) { location.reload(); return; }
        seen = status.version;
        show(status.error);
      })
      .catch(function () {})
      .finally(function () { setTimeout(poll, 700); });
  }
  poll();
})();

// The Wegwijzer in the browser's history: each step gets its own entry, so Back shows the question
// before and Forward the one after, instead of leaving the page.
//
// The page (mantelzorg_app/pages/help/wegwijzer.py) marks its wrapper #wegwijzer with the step on
// screen (data-step: "intro", a question key or "uitkomst"), its number (data-position), the step its
// "Terug" goes to (data-before), a counter of history moves (data-moves) and data-loaded. An entry
// holds only the step and the step of the entry before it, never an answer; its address ends in
// "#vraag-3" (no answer in it either). On Back or Forward the step of the entry is submitted with
// the hidden form #wegwijzer-ga; the server opens it when the walk has come that far.
(function () {
  var pending = 0; // Back or Forward steps sent to the server and not answered yet
  var seenMoves = null; // data-moves when last looked: the server counts each answered step
  var replaceNext = false; // the page's own "Terug" went back on the server, not in the history

  function box() {
    return document.getElementById("wegwijzer");
  }

  function address(el) {
    var step = el.dataset.step;
    var hash = step === "intro" ? "" : step === "uitkomst" ? "#uitkomst" : "#vraag-" + el.dataset.position;
    return location.pathname + location.search + hash;
  }

  function entry(el, before) {
    // Keep the router's own fields (its key and index) so it still knows this entry.
    return Object.assign({}, history.state, { mzStep: el.dataset.step, mzBefore: before || null });
  }

  // A new step on screen: a new entry after a tap, the same entry after Back or Forward (once the
  // last of them is answered: the browser is on the entry it asked for) or after the page's Terug.
  function mark() {
    var el = box();
    if (!el || el.dataset.loaded !== "true") return;
    var moves = Number(el.dataset.moves);
    var answered = seenMoves !== null && moves !== seenMoves;
    if (answered) pending = Math.max(0, pending - Math.max(1, moves - seenMoves));
    seenMoves = moves;
    if (pending > 0) return;
    var here = history.state || {};
    if (answered || replaceNext || !here.mzStep) {
      history.replaceState(entry(el, here.mzStep ? here.mzBefore : null), "", address(el));
    } else if (here.mzStep !== el.dataset.step) {
      history.pushState(entry(el, here.mzStep), "", address(el));
    }
    replaceNext = false;
  }

  // An entry the walk has not marked yet (the page just opened, or the script came after the
  // page's first answer from the server) takes the step on screen.
  function adopt() {
    var el = box();
    if (!el || el.dataset.loaded !== "true" || pending > 0 || (history.state && history.state.mzStep)) return;
    if (seenMoves === null) seenMoves = Number(el.dataset.moves);
    history.replaceState(entry(el, null), "", address(el));
  }

  new MutationObserver(mark).observe(document.documentElement, {
    attributes: true,
    attributeFilter: ["data-step", "data-moves", "data-loaded"],
    subtree: true,
  });
  new MutationObserver(adopt).observe(document.documentElement, { childList: true, subtree: true });
  adopt();

  window.addEventListener("popstate", function (event) {
    var el = box();
    var step = event.state && event.state.mzStep;
    var input = document.getElementById("wegwijzer-stap");
    var form = document.getElementById("wegwijzer-ga");
    if (!el || !step || !input || !form) return;
    if (pending === 0 && step === el.dataset.step) return;
    if (seenMoves === null) seenMoves = Number(el.dataset.moves);
    pending += 1;
    input.value = step;
    form.requestSubmit();
  });

  // The page's "Terug": the browser's Back when the entry before is that same step, so Back and
  // "Terug" walk one history; else the server's own step back, which then takes this entry's place.
  window.addEventListener(
    "click",
    function (event) {
      var button = event.target.closest && event.target.closest("[data-wegwijzer-terug]");
      var el = box();
      if (!button || !el) return;
      var here = history.state || {};
      if (pending === 0 && here.mzStep === el.dataset.step && here.mzBefore && here.mzBefore === el.dataset.before) {
        event.preventDefault();
        event.stopPropagation(); // before React sees it: the popstate does the step
        history.back();
      } else {
        replaceNext = true;
      }
    },
    true,
  );
})();

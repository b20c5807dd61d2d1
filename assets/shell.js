// The shell's keyboard and screen-reader help, for every page (components/form.py, choices.py):
// - the error summary takes focus when it appears, and again after a submit that still has problems;
//   a tap on one of its links focuses that field;
// - a focused control is never left under the fixed bottom bar (WCAG 2.4.11); --bar-height on <html>
//   is the bar's height, for the room app.css leaves under the page;
// - a radio group of answer buttons is one Tab stop: the arrow keys, Home and End move inside it.
(function () {
  var FOCUSABLE = 'input:not([type="hidden"]), select, textarea, button, a[href], [tabindex]';
  var seen = new WeakSet(); // the summaries that already took focus once
  var pending = null; // the last submit: {form, text of its summary then, time}

  function bar() { return document.querySelector(".bottom-nav"); }

  // --- The error summary ---
  function summaryOf(form) { return form && form.querySelector("[data-summary]"); }

  function focusSummary(summary) {
    seen.add(summary);
    summary.focus({ preventScroll: true });
    summary.scrollIntoView({ block: "start" });
  }

  document.addEventListener("submit", function (event) {
    var summary = summaryOf(event.target);
    pending = { form: event.target, text: summary ? summary.textContent : null, time: Date.now() };
    // The same problems again leave the page as it was: take focus back to them all the same.
    setTimeout(function () {
      var again = summaryOf(event.target);
      if (pending && pending.form === event.target && again && event.target.contains(document.activeElement)) {
        pending = null;
        focusSummary(again);
      }
    }, 1500);
  }, true);

  function checkSummaries() {
    document.querySelectorAll("[data-summary]").forEach(function (summary) {
      var fresh = !seen.has(summary);
      var afterSubmit = pending && pending.form.contains(summary) && Date.now() - pending.time < 10000 &&
        summary.textContent !== pending.text;
      if (fresh || afterSubmit) {
        pending = null;
        focusSummary(summary);
      }
    });
  }

  function fieldFor(id) {
    var target = document.getElementById(id) || document.getElementsByName(id)[0];
    if (!target) return null;
    if (target.matches(FOCUSABLE) && !target.matches("fieldset, [role=group], [role=radiogroup]")) return target;
    return target.querySelector('[role="radio"][tabindex="0"]') || target.querySelector(FOCUSABLE);
  }

  document.addEventListener("click", function (event) {
    // React Router writes "#phone" as "/leusden/hulp#phone": the link's hash names the field.
    var link = event.target.closest && event.target.closest('[data-summary] a[href*="#"]');
    if (!link || !link.hash) return;
    var field = fieldFor(decodeURIComponent(link.hash.slice(1)));
    if (!field) return;
    event.preventDefault(); // before React Router's own handler, which would change the address
    var around = field.closest("fieldset, .field-group, [role=group], [role=radiogroup]") || field;
    var label = around.querySelector("legend, label") || around;
    field.focus({ preventScroll: true });
    label.scrollIntoView({ block: "start" });
  }, true);

  // --- The bottom bar never hides what has focus ---
  function measureBar() {
    var nav = bar();
    var height = nav ? Math.ceil(nav.getBoundingClientRect().height) : 0;
    var value = height + "px";
    if (document.documentElement.style.getPropertyValue("--bar-height") !== value) {
      document.documentElement.style.setProperty("--bar-height", value);
    }
  }

  function keepAboveBar(element) {
    var nav = bar();
    if (!nav || nav.contains(element) || !element.getBoundingClientRect) return;
    var box = element.getBoundingClientRect();
    var top = nav.getBoundingClientRect().top;
    var room = 8;
    if (box.height > top - room) return; // taller than the room above the bar (main, a long card)
    if (box.bottom > top - room) window.scrollBy(0, box.bottom - top + room);
  }

  document.addEventListener("focusin", function (event) {
    var element = event.target;
    // After the browser's own scrolling for the focus, then ours if it is still under the bar.
    requestAnimationFrame(function () { if (document.activeElement === element) keepAboveBar(element); });
  });

  // --- Radio groups of answer buttons: one Tab stop, arrows inside ---
  function radios(group) { return Array.prototype.slice.call(group.querySelectorAll('[role="radio"]')); }

  function rove(group, current) {
    var all = radios(group);
    if (!all.length) return;
    var stop = current || all.filter(function (r) { return r.getAttribute("aria-checked") === "true"; })[0] || all[0];
    all.forEach(function (r) {
      var want = r === stop ? "0" : "-1";
      if (r.getAttribute("tabindex") !== want) r.setAttribute("tabindex", want);
    });
  }

  document.addEventListener("keydown", function (event) {
    var radio = event.target.closest && event.target.closest('[role="radio"]');
    var group = radio && radio.closest('[role="radiogroup"]');
    if (!group || event.altKey || event.ctrlKey || event.metaKey) return;
    var all = radios(group);
    var at = all.indexOf(radio);
    var to = { ArrowDown: at + 1, ArrowRight: at + 1, ArrowUp: at - 1, ArrowLeft: at - 1, Home: 0, End: all.length - 1 }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    var next = all[(to + all.length) % all.length];
    rove(group, next);
    next.focus();
  });

  // --- Everything that follows the page as React changes it ---
  var queued = false;
  function tick() {
    queued = false;
    measureBar();
    document.querySelectorAll('[role="radiogroup"]').forEach(function (group) {
      if (!group.contains(document.activeElement)) rove(group);
    });
    checkSummaries();
  }
  function later() {
    if (!queued) { queued = true; requestAnimationFrame(tick); }
  }
  function start() {
    new MutationObserver(later).observe(document.body, {
      childList: true, subtree: true, attributes: true, attributeFilter: ["aria-checked", "class"],
    });
    window.addEventListener("resize", later);
    // Summaries in the page as first drawn (none, normally) are not news: do not take focus to them.
    document.querySelectorAll("[data-summary]").forEach(function (s) { seen.add(s); });
    later();
  }
  if (document.body) start(); else document.addEventListener("DOMContentLoaded", start);
})();

// A new step of a guided form (its data-step changed): back to the top, with the screen reader.
new MutationObserver(function () {
  window.scrollTo(0, 0);
  var main = document.getElementById("inhoud");
  if (main) main.focus();
}).observe(document.documentElement, { attributes: true, attributeFilter: ["data-step"], subtree: true });

// Read the page aloud with the phone's own speech: the main text, in the page's language.
window.mzReadAloud = function () {
  var speech = window.speechSynthesis;
  var main = document.querySelector("main");
  if (!speech || !main) return;
  if (speech.speaking) { speech.cancel(); return; }
  var copy = main.cloneNode(true);
  copy.querySelectorAll("[data-noread]").forEach(function (el) { el.remove(); });
  var lang = document.documentElement.lang || "nl";
  var utterance = new SpeechSynthesisUtterance(copy.innerText || copy.textContent);
  utterance.lang = lang === "nl" && main.dataset.voice ? main.dataset.voice : lang;
  speech.speak(utterance);
};

// A new step of a guided form (its data-step changed): back to the top, with the screen reader.
new MutationObserver(function () {
  window.scrollTo(0, 0);
  var main = document.getElementById("inhoud");
  if (main) main.focus();
}).observe(document.documentElement, { attributes: true, attributeFilter: ["data-step"], subtree: true });

// The microphone on Zoeken and in a conversation: the phone listens and puts what was said in the
// search box (or after what is typed in the message box).
//
// Only where the browser offers speech recognition (SpeechRecognition, or webkitSpeechRecognition)
// is the microphone shown: this script marks <html data-speech-input> and app.css shows it then;
// elsewhere it stays hidden. React takes <html> over when it mounts and drops attributes it did
// not set, so the mark is put back when it goes (as read_aloud.js does).
//
// A tap listens once in the page's language (a hub's own Dutch, nl-BE or nl-NL, from <main
// data-voice>); the button says aria-pressed="true" while it listens and the status line under it
// says so. What was heard goes into the box through the input's own value setter and an input
// event, so React (and the page's debounced on_change) sees it as typed. It stops on a result, on
// an error (which the status line says in words) and on a second tap.
(function () {
  var Recognition = window.SpeechRecognition || window.webkitSpeechRecognition;
  if (!Recognition) return;

  var html = document.documentElement;
  var mark = function () {
    if (!html.hasAttribute("data-speech-input")) html.setAttribute("data-speech-input", "");
  };
  mark();
  new MutationObserver(mark).observe(html, { attributes: true, attributeFilter: ["data-speech-input"] });

  var listening = null; // { recognition, button }

  function say(button, key) {
    var box = button.closest(".mic-box");
    var status = box && box.querySelector("[data-speech-status]");
    if (status) status.textContent = key ? box.getAttribute(key) || "" : "";
  }

  function show(button, on) {
    button.setAttribute("aria-pressed", on ? "true" : "false");
    if (on) button.setAttribute("data-listening", "");
    else button.removeAttribute("data-listening");
  }

  // A search box takes what was said; a message box (a textarea) adds it after what is typed.
  function fill(input, text) {
    var setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(input), "value").set;
    if (input.tagName === "TEXTAREA" && input.value.trim()) text = input.value.replace(/\s+$/, "") + " " + text;
    setter.call(input, text);
    input.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function stop() {
    if (!listening) return;
    var was = listening;
    listening = null;
    show(was.button, false);
    try {
      was.recognition.abort();
    } catch (e) {
      /* already stopped */
    }
  }

  function listen(button) {
    var input = document.getElementById(button.getAttribute("data-speech-for"));
    if (!input) return;
    var recognition = new Recognition();
    var main = document.querySelector("main");
    var lang = html.lang || "nl";
    recognition.lang = lang === "nl" && main && main.dataset.voice ? main.dataset.voice : lang;
    recognition.interimResults = false;
    recognition.maxAlternatives = 1;
    var heard = false;
    recognition.onresult = function (event) {
      var result = event.results && event.results[0] && event.results[0][0];
      var text = result ? String(result.transcript || "").trim() : "";
      if (!text) return;
      heard = true;
      fill(input, text);
      say(button, "");
      stop(); // focus stays on the button: no keyboard over the cards that come

    };
    recognition.onerror = function () {
      if (listening && listening.recognition === recognition) {
        say(button, "data-problem-text");
        stop();
      }
    };
    recognition.onend = function () {
      if (listening && listening.recognition === recognition) {
        say(button, heard ? "" : "data-problem-text");
        stop();
      }
    };
    listening = { recognition: recognition, button: button };
    show(button, true);
    say(button, "data-listening-text");
    try {
      recognition.start();
    } catch (e) {
      say(button, "data-problem-text");
      stop();
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-speech-for]");
    if (!button) return;
    event.preventDefault();
    if (listening) {
      var same = listening.button === button;
      stop();
      say(button, "");
      if (same) return;
    }
    listen(button);
  });

  // Leaving the page (client-side too: the button goes) ends listening.
  new MutationObserver(function () {
    if (listening && !document.body.contains(listening.button)) stop();
  }).observe(document.body, { childList: true, subtree: true });
})();

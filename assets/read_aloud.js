// "Lees voor": the phone reads the screen aloud the way a person would, with its own speech.
//
// mzSpeechParts(root, chosen) walks the page's structure and gives one sentence per heading,
// paragraph, label and answer, so the voice pauses between them ("Zorgt u voor iemand?", "Ja.",
// "Nee, gekozen.") instead of running "JaNeeDat weet ik niet" together. It reads only what a
// sighted reader sees: nothing under [data-noread], [hidden], [aria-hidden="true"] or hidden by CSS.
// It uses only childNodes, nodeType, nodeValue, tagName, getAttribute and the checked property, so
// tests/unit/test_read_aloud.py runs it in Node on hand-built elements.
(function (root) {
  var BLOCKS = (
    "address article aside blockquote caption dd div dl dt fieldset figcaption figure footer form " +
    "h1 h2 h3 h4 h5 h6 header hr legend li main nav ol p pre section summary table td th tr ul"
  ).split(" ");
  var SKIPPED = "script style template noscript svg select textarea input option datalist".split(" ");
  var ANSWER_ROLES = ["button", "radio", "checkbox", "switch", "menuitemradio", "option", "tab"];
  // Running text: a link inside it is read as part of its sentence, not as a sentence of its own.
  var TEXT = "p h1 h2 h3 h4 h5 h6 li dt dd td th legend caption figcaption span strong em b i small".split(" ");

  function tag(node) {
    return (node.tagName || "").toLowerCase();
  }

  function attr(node, name) {
    var value = node.getAttribute ? node.getAttribute(name) : null;
    return value === undefined ? null : value;
  }

  function hidden(node) {
    if (attr(node, "data-noread") !== null || attr(node, "hidden") !== null) return true;
    if (attr(node, "aria-hidden") === "true" || attr(node, "inert") !== null) return true;
    if (SKIPPED.indexOf(tag(node)) >= 0) return true;
    // In a browser: display: none, visibility: hidden, a closed <details>.
    return typeof node.checkVisibility === "function" && !node.checkVisibility({ visibilityProperty: true });
  }

  function tidy(text) {
    return text.replace(/\s+/g, " ").trim();
  }

  function isRadioOrBox(node) {
    var type = (attr(node, "type") || "").toLowerCase();
    return tag(node) === "input" && (type === "radio" || type === "checkbox");
  }

  function isAnswer(node, inText, boxes) {
    var role = attr(node, "role");
    if (role) return ANSWER_ROLES.indexOf(role) >= 0;
    var name = tag(node);
    if (name === "a") return !inText;
    if (name === "label") return hasChoice(node) || (attr(node, "for") || "") in boxes;
    return name === "button" || name === "summary";
  }

  function hasChoice(node) {
    var kids = node.childNodes || [];
    for (var i = 0; i < kids.length; i++) {
      if (kids[i].nodeType === 1 && (isRadioOrBox(kids[i]) || hasChoice(kids[i]))) return true;
    }
    return false;
  }

  // Is this answer the chosen one? A pressed or checked button, or a label around a checked box.
  function isChosen(node, boxes) {
    if (attr(node, "aria-pressed") === "true" || attr(node, "aria-checked") === "true") return true;
    if (attr(node, "aria-selected") === "true" && attr(node, "role") === "option") return true;
    if (tag(node) === "label") {
      var target = attr(node, "for");
      if (target && boxes[target] === true) return true;
      return holdsChecked(node);
    }
    return false;
  }

  function holdsChecked(node) {
    var kids = node.childNodes || [];
    for (var i = 0; i < kids.length; i++) {
      var kid = kids[i];
      if (kid.nodeType !== 1) continue;
      if (isRadioOrBox(kid) && kid.checked) return true;
      if (holdsChecked(kid)) return true;
    }
    return false;
  }

  // Every radio button and checkbox with an id: whether it is checked (for <label for=...>).
  function boxesById(node, found) {
    if (node.nodeType !== 1) return found;
    if (isRadioOrBox(node) && attr(node, "id")) found[attr(node, "id")] = !!node.checked;
    var kids = node.childNodes || [];
    for (var i = 0; i < kids.length; i++) boxesById(kids[i], found);
    return found;
  }

  // The visible words inside one element, in one line.
  function words(node) {
    if (node.nodeType === 3) return node.nodeValue || "";
    if (node.nodeType !== 1 || hidden(node)) return "";
    if (tag(node) === "img") return " " + (attr(node, "alt") || "") + " ";
    var text = "";
    var kids = node.childNodes || [];
    for (var i = 0; i < kids.length; i++) text += words(kids[i]);
    return BLOCKS.indexOf(tag(node)) >= 0 || tag(node) === "br" ? " " + text + " " : text;
  }

  function speechParts(main, chosen) {
    var parts = [];
    var line = "";
    var boxes = boxesById(main, Object.create(null));
    function flush() {
      var text = tidy(line);
      if (text) parts.push(text);
      line = "";
    }
    function walk(node, inText) {
      if (node.nodeType === 3) {
        line += node.nodeValue || "";
        return;
      }
      if (node.nodeType !== 1 || hidden(node)) return;
      var name = tag(node);
      if (name === "img") {
        line += " " + (attr(node, "alt") || "") + " ";
        return;
      }
      if (name === "br") {
        flush();
        return;
      }
      if (node !== main && isAnswer(node, inText, boxes)) {
        flush();
        var said = tidy(words(node));
        if (said && chosen && isChosen(node, boxes)) said = said.replace(/[.!?:;,]+$/, "") + ", " + chosen;
        if (said) parts.push(said);
        return;
      }
      var block = BLOCKS.indexOf(name) >= 0 || name === "label";
      if (block) flush();
      var kids = node.childNodes || [];
      var running = inText || TEXT.indexOf(name) >= 0;
      for (var i = 0; i < kids.length; i++) walk(kids[i], running);
      if (block) flush();
    }
    walk(main, false);
    flush();
    return parts;
  }

  // One text for the voice: every part a sentence of its own, so the voice pauses after each.
  function speechText(parts) {
    return parts
      .map(function (part) {
        return /[.!?:;]$/.test(part) ? part : part + ".";
      })
      .join(" ");
  }

  root.mzSpeechParts = speechParts;
  root.mzSpeechText = speechText;

  if (typeof document === "undefined") return;

  // No speech on this phone: no "Lees voor" button (app.css hides it). React takes <html> over
  // when it mounts and drops attributes it did not set, so the mark is put back when it goes.
  if (!("speechSynthesis" in root)) {
    var html = document.documentElement;
    var mark = function () {
      if (!html.hasAttribute("data-no-speech")) html.setAttribute("data-no-speech", "");
    };
    mark();
    new MutationObserver(mark).observe(html, { attributes: true, attributeFilter: ["data-no-speech"] });
  }

  // A tap reads the screen in the page's language (a hub's own Dutch voice, nl-BE or nl-NL);
  // a second tap stops.
  root.mzReadAloud = function () {
    var speech = root.speechSynthesis;
    var main = document.querySelector("main");
    if (!speech || !main) return;
    if (speech.speaking || speech.pending) {
      speech.cancel();
      return;
    }
    var button = document.querySelector("[data-chosen]");
    var chosen = button ? button.getAttribute("data-chosen") : "";
    var text = speechText(speechParts(main, chosen));
    if (!text) return;
    var lang = document.documentElement.lang || "nl";
    var utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = lang === "nl" && main.dataset.voice ? main.dataset.voice : lang;
    speech.speak(utterance);
  };
})(typeof window !== "undefined" ? window : globalThis);

// A conversation (pages/chat/conversation.py): sending that loses nothing, Enter sends, a counter,
// the newest message in view, "Lees voor" for one message.
//
// - Every message gets its own id (crypto.randomUUID, or random digits where the browser has none)
//   in the form's hidden local_id just before the form is read. The text stays in the box until the
//   server answers mzChatAnswer(id, true) (state/chat/conversation.py, after its commit): then the
//   box is emptied. No answer within WAIT ms, or the socket is down: "Niet verstuurd. Probeer het
//   nog eens." (role="alert") and the text stays. Sending the same text again reuses the same id,
//   and the server stores an id once, so a retry never makes two messages. Reflex also keeps an
//   event sent while offline in its queue and sends it when the socket is back: its answer then
//   empties the box and the notice goes.
// - A quick reply is a submit button of the same form (data-chat-quick="thanks"): its key goes in
//   the form's hidden ``quick`` and it gets an id the same way (tapping it again before the answer
//   reuses the id), so it is retried safely too; the box keeps what was typed in it.
// - Enter sends, Shift+Enter makes a new line (not while an input method is composing a word).
// - The list scrolls to the newest message when the page opens and when one arrives, only while the
//   reader is at the bottom: someone reading older messages, or typing, is not moved away.
// - Read is what the page showed in view: while the page is visible (document.visibilityState),
//   the newest message's number goes to the server through the page's hidden form[data-chat-seen]
//   (ConversationState.seen) when the page opens, when messages arrive, and when the page comes
//   back into view (a phone out of a pocket, another tab chosen). A page in the background marks
//   nothing read; the server keeps its messages unread until then.
(function () {
  var WAIT = 6000;
  var waiting = {}; // local id -> { text, timer }

  function freshId() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") return window.crypto.randomUUID();
    var id = "m";
    for (var i = 0; i < 4; i++) id += "-" + Math.floor(Math.random() * 0x100000000).toString(16);
    return id.slice(0, 36);
  }

  function form() {
    return document.querySelector("form[data-chat-form]");
  }

  function box(f) {
    return f && f.querySelector("textarea[name=text]");
  }

  function socketDown() {
    var html = document.documentElement;
    return html.hasAttribute("data-offline") || !!document.querySelector(".offline.shown");
  }

  function unsent(on) {
    var note = document.querySelector("[data-chat-unsent]");
    if (!note) return;
    var text = on ? note.getAttribute("data-chat-unsent") || "" : "";
    if (note.textContent !== text) note.textContent = text;
    var f = form();
    if (f) {
      if (on) f.setAttribute("data-unsent", "");
      else f.removeAttribute("data-unsent");
    }
  }

  function anyLate() {
    for (var id in waiting) if (waiting[id].late) return true;
    return false;
  }

  function setText(field, text) {
    var setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(field), "value").set;
    setter.call(field, text);
    field.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function count() {
    var f = form();
    var field = box(f);
    var counter = f && f.querySelector("[data-counter-text]");
    if (!field || !counter) return;
    var most = parseInt(counter.getAttribute("data-most") || "1000", 10);
    var left = Math.max(most - field.value.length, 0);
    var text = (counter.getAttribute("data-counter-text") || "").replace("{left}", String(left));
    if (counter.textContent !== text) counter.textContent = text;
    if (left < 50) counter.setAttribute("data-few", "");
    else counter.removeAttribute("data-few");
  }

  // Just before Reflex reads the form (this listener runs first, in the capture phase).
  document.addEventListener(
    "submit",
    function (event) {
      var f = event.target;
      if (!f || !f.matches || !f.matches("form[data-chat-form]")) return;
      var field = box(f);
      var quick = event.submitter && event.submitter.getAttribute("data-chat-quick");
      if (f.elements.quick) f.elements.quick.value = quick || "";
      var text = quick ? "\u0000quick:" + quick : field ? field.value : ""; // a quick one never matches the box
      var id = null;
      for (var known in waiting) if (waiting[known].text === text) id = known;
      if (!id) {
        id = freshId();
        waiting[id] = { text: text, timer: null, late: false };
      }
      var entry = waiting[id];
      f.elements.local_id.value = id;
      clearTimeout(entry.timer);
      entry.timer = setTimeout(function () {
        entry.late = true;
        unsent(true);
      }, WAIT);
      if (socketDown()) {
        entry.late = true;
        unsent(true);
      }
      setTimeout(function () {
        if (f.elements.share) f.elements.share.value = "";
        if (f.elements.quick) f.elements.quick.value = "";
      }, 0);
    },
    true
  );

  // The server's answer: ``sent`` true once the message is stored (and committed).
  window.mzChatAnswer = function (id, sent) {
    var entry = waiting[id];
    if (!entry) return;
    clearTimeout(entry.timer);
    entry.timer = null;
    if (sent) {
      delete waiting[id];
      var field = box(form());
      if (field && field.value === entry.text) setText(field, "");
    } else {
      entry.late = false; // not stored: the page says why (a problem, or the question about a number)
    }
    unsent(anyLate());
  };

  window.addEventListener("offline", function () {
    var pending = false;
    for (var id in waiting) {
      if (waiting[id].timer !== null) {
        waiting[id].late = true;
        pending = true;
      }
    }
    if (pending) unsent(true);
  });

  document.addEventListener("keydown", function (event) {
    var field = event.target;
    if (event.key !== "Enter" || event.shiftKey || event.isComposing || event.keyCode === 229) return;
    if (!field || !field.matches || !field.matches("form[data-chat-form] textarea[name=text]")) return;
    event.preventDefault();
    var f = field.form;
    if (typeof f.requestSubmit === "function") f.requestSubmit();
    else f.querySelector("button[type=submit]").click();
  });

  document.addEventListener("input", function (event) {
    if (event.target && event.target.matches && event.target.matches("form[data-chat-form] textarea")) count();
  });

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!target || !target.closest) return;
    var share = target.closest("[data-chat-share]");
    if (share) {
      var f = form();
      if (!f) return;
      f.elements.share.value = "ja";
      if (typeof f.requestSubmit === "function") f.requestSubmit();
      return;
    }
    if (target.closest("[data-chat-edit]")) {
      var field = box(form());
      if (field) {
        setTimeout(function () {
          field.focus();
        }, 0);
      }
      return;
    }
    var reader = target.closest("[data-read-message]");
    if (reader) readMessage(reader);
  });

  // "Lees voor" on one message: its author, when, and text, in the page's language.
  function readMessage(button) {
    var speech = window.speechSynthesis;
    var item = button.closest("li");
    if (!speech || !item || !window.mzSpeechParts) return;
    if (speech.speaking || speech.pending) {
      speech.cancel();
      return;
    }
    var text = window.mzSpeechText(window.mzSpeechParts(item, ""));
    if (!text) return;
    var main = document.querySelector("main");
    var lang = document.documentElement.lang || "nl";
    var utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = lang === "nl" && main && main.dataset.voice ? main.dataset.voice : lang;
    speech.speak(utterance);
  }

  // The newest message in view: on opening, and when one comes while the reader is at the bottom.
  var shownLast = null; // the number of the newest message on screen
  var atBottom = true;

  function sendRow() {
    return document.querySelector(".chat-send-row") || document.querySelector("[data-chat-messages]");
  }

  function bottomInView() {
    var row = sendRow();
    if (!row) return true;
    var bar = parseFloat(getComputedStyle(document.documentElement).getPropertyValue("--bar-height")) || 80;
    return row.getBoundingClientRect().bottom <= window.innerHeight - bar + 120;
  }

  window.addEventListener(
    "scroll",
    function () {
      atBottom = bottomInView();
    },
    { passive: true }
  );

  var scheduled = false;
  var path = location.pathname;
  function check() {
    scheduled = false;
    if (location.pathname !== path) {
      // another conversation, or a page without one: start again
      path = location.pathname;
      shownLast = null;
      atBottom = true;
      for (var id in waiting) clearTimeout(waiting[id].timer);
      waiting = {};
    }
    count();
    var list = document.querySelector("[data-chat-messages]");
    var last = list && list.lastElementChild ? list.lastElementChild.getAttribute("data-seq") : null;
    tellSeen(last);
    if (last === shownLast) return;
    var first = shownLast === null;
    shownLast = last;
    if (!last || (!first && !atBottom)) return;
    var row = sendRow();
    if (row) row.scrollIntoView({ block: "end" });
    atBottom = true;
  }

  var toldSeen = null; // "conversation:number" the server was last told
  function tellSeen(last) {
    if (!last || document.visibilityState !== "visible") return;
    var f = document.querySelector("form[data-chat-seen]");
    if (!f || !f.elements.conversation.value) return;
    var told = f.elements.conversation.value + ":" + last;
    if (told === toldSeen) return;
    toldSeen = told;
    f.elements.seq.value = last;
    if (typeof f.requestSubmit === "function") f.requestSubmit();
    else f.dispatchEvent(new Event("submit", { bubbles: true, cancelable: true }));
  }

  document.addEventListener("visibilitychange", function () {
    var list = document.querySelector("[data-chat-messages]");
    tellSeen(list && list.lastElementChild ? list.lastElementChild.getAttribute("data-seq") : null);
  });

  new MutationObserver(function () {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(check);
  }).observe(document.documentElement, {
    childList: true,
    subtree: true,
    attributes: true,
    attributeFilter: ["data-counter-text"],
  });

})();

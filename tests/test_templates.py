"""The page templates print data only: their own words are template text, never a printed string.

Every value a template prints (`{{ … }}`) goes through the data path (rendered as Markdown, sanitised, made
inert), so a string literal printed that way loses its spaces and its Markdown: « {{ " ; " if not loop.last }} »
printed « ; » glued to its neighbours (« démonstration;fiction »). Read from the templates' syntax tree, not from
the code that renders them.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from jinja2 import Environment, nodes

TEMPLATES = Path(__file__).resolve().parents[1] / "src" / "cadre" / "site" / "templates"
IDENTIFIER = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")  # ids and anchors print as they are


def literals(expression: nodes.Node):  # noqa: ANN201 - the string literals an expression may print
    if isinstance(expression, nodes.Const) and isinstance(expression.value, str):
        yield expression.value
    elif isinstance(expression, nodes.CondExpr):
        yield from literals(expression.expr1)
        if expression.expr2 is not None:
            yield from literals(expression.expr2)
    elif isinstance(expression, nodes.Or | nodes.And):
        yield from literals(expression.left)
        yield from literals(expression.right)


@pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.glob("*.j2")))
def test_no_string_literal_is_printed_through_the_data_path(template: str) -> None:
    tree = Environment(extensions=["jinja2.ext.do"]).parse((TEMPLATES / template).read_text(encoding="utf-8"))
    printed = [(expression.lineno, text) for output in tree.find_all(nodes.Output) for expression in output.nodes
               if not isinstance(expression, nodes.TemplateData)
               for text in literals(expression) if text and not IDENTIFIER.fullmatch(text)]
    assert printed == []

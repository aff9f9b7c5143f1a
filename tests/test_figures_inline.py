"""A diagram placed inline in a page: anything Graphviz does not write is refused, links stay on the site."""

from __future__ import annotations

import pytest

from cadre.site.figures import Box, Figure, render_svg
from cadre.site.figures.inline import UnsafeSvg, as_file, as_inline, checked

SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="10pt" height="10pt" viewBox="0 0 10 10">{}</svg>'


@pytest.mark.parametrize("inner", [
    "<script>alert(1)</script>",
    '<g onload="alert(1)"></g>',
    "<style>text { fill: red }</style>",
    '<a href="javascript:alert(1)"><text>x</text></a>',
    '<a href="//evil.invalid/"><text>x</text></a>',
    '<a href="https://evil.invalid/"><text>x</text></a>',
    '<a href="../socle/"><text>x</text></a>',  # a permalink never climbs: the way back to the root is added later
    '<foreignObject><p>x</p></foreignObject>',
    '<image href="x.png"/>',
    '<g style="fill: url(#x)"></g>',
])
def test_anything_graphviz_does_not_write_is_refused(inner: str) -> None:
    with pytest.raises(UnsafeSvg):
        checked(SVG.format(inner))


def test_a_drawn_box_links_to_its_page_from_the_page_and_from_the_file() -> None:
    figure = Figure("f", "Titre", (Box("a", 'Nom <b>"gras"</b> & co', lien="referentiels/ins/"), Box("b", "Sans page")))
    svg = render_svg(figure)
    assert svg.count("<a ") == 1 and 'href="referentiels/ins/"' in svg and "xlink" not in svg
    inline = as_inline(svg, "socle/dmp.md", "Diagramme : Titre")
    assert 'href="../../referentiels/ins/"' in inline
    assert "<title>" not in inline and ' id="' not in inline
    assert 'role="group"' in inline and 'aria-label="Diagramme : Titre"' in inline
    assert "\n" not in inline and "&lt;b&gt;" in inline  # one inert line; the label stays text
    assert 'href="referentiels/ins/"' in as_inline(svg, "index.md", "x")  # the home page is the root
    assert 'href="../referentiels/ins/"' in as_inline(svg, "referentiels/index.md", "x")
    assert 'href="../../referentiels/ins/"' in as_file(svg, "architecture/contexte/x.svg")

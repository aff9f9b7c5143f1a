"""The one safe path of data text to every output.

Data text is untrusted Markdown. It is rendered by Python-Markdown with raw HTML and attribute lists off, then
sanitised by an allowlist (nh3, the binding of the Rust sanitiser Ammonia): tags, attributes and URL schemes are
listed, schemes are checked after entity decoding. Each output then takes that HTML (or its plain text) in its own
syntax: Markdown pages (`embed.for_markdown`, inert for a second Markdown pass), HTML attributes, Graphviz labels,
CSV cells, JSON, XML (feeds). Nothing else turns data text into markup.
"""

from cadre.text.embed import (
    attribute,
    calendar_text,
    csv_cell,
    for_markdown,
    graphviz_escape,
    graphviz_label,
    json_text,
    markdown_attribute,
    markdown_sections,
    xml_text,
)
from cadre.text.sanitize import html_block, html_inline, html_label, link_html, plain, sanitize

__all__ = ["attribute", "calendar_text", "csv_cell", "for_markdown", "graphviz_escape", "graphviz_label", "html_block",
           "html_inline", "html_label", "json_text", "link_html", "markdown_attribute", "markdown_sections", "plain",
           "sanitize", "xml_text"]

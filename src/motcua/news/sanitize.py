"""Article bodies are rich text written in the admin: only safe HTML is kept (nh3)."""

import nh3

TAGS = {
    "p", "br", "strong", "em", "b", "i", "u", "s", "sub", "sup", "ul", "ol", "li",
    "h2", "h3", "h4", "blockquote", "a", "img", "figure", "figcaption", "hr",
    "table", "thead", "tbody", "tr", "th", "td", "caption",
}  # fmt: skip
ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}


def clean_html(html: str) -> str:
    """Keep text and simple formatting; drop scripts, styles, event handlers and unsafe links.

    >>> clean_html('<p onclick="x()">Xin <b>chào</b><script>alert(1)</script></p>')
    '<p>Xin <b>chào</b></p>'
    """
    return nh3.clean(
        html,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )

"""The one place user text becomes Paragraph markup.

reportlab's Paragraph parses a small XML dialect, so an enterprise called ``<b>ACME & Co</b>`` or a note
containing ``</para>`` would change the layout or break the build. Every piece of text that does not come from
this package's own code goes through ``escape``; trusted markup is assembled with ``markup``, which escapes
the values it is given and nothing else.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape as _xml_escape

# Characters XML 1.0 forbids (C0 controls other than tab and newline), which the parser cannot take.
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def escape(text: object) -> str:
    """``text`` as literal Paragraph content: markup characters escaped, line breaks kept."""
    plain = "" if text is None else str(text)
    plain = _FORBIDDEN.sub("\ufffd", plain.replace("\r\n", "\n").replace("\r", "\n"))
    return _xml_escape(plain, {'"': "&quot;"}).replace("\n", "<br/>")


def markup(template: str, /, **values: object) -> str:
    """Fill a trusted markup ``template`` (``str.format`` fields) with escaped ``values``."""
    return template.format(**{name: escape(value) for name, value in values.items()})

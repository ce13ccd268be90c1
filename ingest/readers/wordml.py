"""WordprocessingML names: the namespaces of a .docx body and the qualified-tag helper.

Shared by the body reader (``ingest.readers.docx``) and the list numbering
(``ingest.readers.docxnumbering``), so neither has to import the other for them.
"""

from __future__ import annotations

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_NS = {"w": _W, "mc": _MC}


def _q(tag: str) -> str:
    return f"{{{_W}}}{tag}"

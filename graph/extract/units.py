"""Acting units: the unit that carried out what a document reports.

Metadata first (the author unit of an article, else the first issuer); a bulletin's article
without either acts for its bulletin's unit.
"""

from __future__ import annotations

from graph.extract.organizations import OrgContext, normalize_org
from policykg.model import Document


def metadata_units(doc: Document) -> list[str]:
    """The units the metadata names as writing the document: its author unit, else its issuers."""
    return [doc.author_unit] if doc.author_unit else list(doc.issuers)


def acting_unit(doc: Document, orgs: OrgContext, parent_unit: str | None = None) -> str | None:
    """Canonical name of the unit acting in `doc`."""
    for raw in metadata_units(doc):
        return normalize_org(raw, orgs).name
    return parent_unit

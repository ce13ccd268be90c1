"""The shapes the API areas share (service/common_schemas.py): the OpenAPI examples helper and the cards."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ValidationError

from service.common_schemas import (
    CitationOut,
    DocumentBrief,
    FactOut,
    RegionBrief,
    openapi_examples,
)


def test_openapi_examples_land_in_the_json_schema() -> None:
    class Probe(BaseModel):
        model_config = openapi_examples({"n": 1}, {"n": 2})
        n: int

    assert Probe.model_json_schema()["examples"] == [{"n": 1}, {"n": 2}]


@pytest.mark.parametrize("model", [DocumentBrief, CitationOut])
def test_the_examples_are_valid_instances(model: type[BaseModel]) -> None:
    for example in model.model_json_schema()["examples"]:
        assert model.model_validate(example).model_dump(exclude_unset=True) == example


def test_document_brief_parses_its_region_and_keeps_authors_apart() -> None:
    a = DocumentBrief(doc_id="a", title="通知", region={"id": "region:350100", "name": "福州市"})
    b = DocumentBrief(doc_id="b", title="意见")
    assert a.region == RegionBrief(id="region:350100", name="福州市")
    a.authors.append("张三")
    assert b.authors == []  # the default list is not shared between instances


def test_fact_takes_int_or_float_values_and_requires_a_unit() -> None:
    assert FactOut(kind="threshold", value=5, unit="人", text="5人以上").value == 5
    assert FactOut(kind="ratio", value=0.5, unit="%", text="50%").value == 0.5
    with pytest.raises(ValidationError):
        FactOut(kind="threshold", value=5, text="5人以上")  # type: ignore[call-arg]

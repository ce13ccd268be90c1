"""Response models of the 写入 endpoints (service/write_schemas.py)."""

from __future__ import annotations

from service.common_schemas import RegionBrief
from service.write_schemas import ExtractedDocument, FileResult, WriteResponse


def test_the_openapi_example_is_a_valid_response() -> None:
    (example,) = WriteResponse.model_json_schema()["examples"]
    resp = WriteResponse.model_validate(example)
    assert resp.model_dump(exclude_unset=True) == example
    extracted = resp.files[0].documents[0]
    assert extracted.region == RegionBrief(id="region:210100", name="沈阳市")
    assert extracted.entities == {"organization": 2, "program": 1}


def test_a_rejected_file_carries_its_code_and_no_documents() -> None:
    r = FileResult(file="bad.exe", status="rejected", code="unsupported_type", message="不支持的文件类型")
    assert (r.doc_ids, r.documents) == ([], [])


def test_write_response_generation_defaults_to_zero() -> None:
    resp = WriteResponse(snapshot=None, changed=False, documents=0, clauses=0, entities=0, files=[])
    assert resp.generation == 0


def test_extracted_document_reports_what_was_missing() -> None:
    doc = ExtractedDocument(doc_id="d", title="无题", clause_count=0, missing=["日期", "地区"])
    assert doc.missing == ["日期", "地区"] and doc.warnings == [] and doc.entities == {}

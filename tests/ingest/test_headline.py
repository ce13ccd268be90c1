"""What a headline line is (ingest.headline), with lines written for the test."""

from __future__ import annotations

from ingest.headline import continues, headline_like, site_units


def test_headline_like() -> None:
    assert headline_like("青松县老干部局召开离退休干部座谈会")
    assert not headline_like("近日，青松县老干部局召开座谈会。")  # a sentence
    assert not headline_like("2024-12-24 09:03:47 | 青松新闻网")  # a page's date line
    assert not headline_like("青政办发〔2021〕7号")  # a document number
    assert not headline_like("Document")  # no Han


def test_a_headline_broken_over_two_lines_continues() -> None:
    assert continues("我县集中培训80余名", "离退休干部党支部书记")
    assert continues("银发映初心", "——青松县离退休干部党支部建设纪事")
    assert continues("中办印发《意见》", "加强新时代离退休干部党的建设工作")
    assert not continues("青松县老干部局召开离退休干部座谈会", "近日，青松县老干部局召开座谈会。")


def test_a_line_of_the_sites_owners() -> None:
    assert site_units("离退休干部党工委、离退休办公室")
    assert not site_units("离退休干部党工委召开会议")

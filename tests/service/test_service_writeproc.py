"""The served app's writes run in a child process (service/writeproc.py): the same reports and
errors as in process, the write visible to the next read of this process (the child calls the
engine's preload/install back), and a child killed mid-life replaced on the next write."""

from __future__ import annotations

import os
import shutil
import signal
import threading
import time
from pathlib import Path

import pytest

from policykg.errors import IngestError, NotFound, PolicyKGError
from policykg.settings import Settings
from service.engine import Engine
from service.values import IngestRejected, SearchParams, Upload
from service.writeproc import WriterGone, WriterProcess, _dumps, _loads

TEXT = "关于离退休干部党支部开展主题党日活动的通知\n\n一、各党支部每月开展一次主题党日活动，由社区党组织统筹安排。\n"


@pytest.fixture
def engine(seed_data_dir: Path, tmp_path: Path):
    data = tmp_path / "data"
    shutil.copytree(seed_data_dir, data, symlinks=True)
    eng = Engine(Settings(data_dir=data), write_process=True)
    yield eng
    eng.close()


def test_exceptions_cross_with_their_type_and_attributes() -> None:
    from service.values import FileOutcome

    rejected = IngestRejected(
        [FileOutcome(file="a.txt", status="rejected", code="empty_document", message="空")]
    )
    for exc in (rejected, NotFound("文档不存在：x"), PolicyKGError("x", code="disk_full")):
        back = _loads(_dumps(exc))
        assert type(back) is type(exc)
        assert back.__dict__ == exc.__dict__ and back.args == exc.args


def test_a_write_runs_in_the_child_and_is_read_right_after(engine: Engine) -> None:
    assert isinstance(engine.writer, WriterProcess)
    before = engine.snapshot().name
    report = engine.ingest([Upload("huodong.txt", TEXT.encode())], atomic=True)
    assert report.changed and report.snapshot != before
    pid = engine.writer.pid
    assert pid is not None and pid != os.getpid()
    # it yields the CPUs to this process's readers
    assert os.getpriority(os.PRIO_PROCESS, pid) > os.getpriority(os.PRIO_PROCESS, 0)
    # installed by the callback before the write returned: this process already serves it
    assert engine.live.snap is not None and engine.live.snap.name == report.snapshot
    doc_id = report.outcomes[0].doc_ids[0]
    assert doc_id in engine.snapshot().documents
    hits = engine.search(SearchParams(q="主题党日活动"))
    assert any(r["doc_id"] == doc_id for r in hits["results"])
    # errors keep their type through the process boundary
    with pytest.raises(IngestRejected) as rejected:
        engine.ingest([Upload("empty.txt", b"   ")], atomic=True)
    assert rejected.value.details and isinstance(rejected.value, IngestError)
    with pytest.raises(NotFound):
        engine.delete("no-such-document")
    gone = engine.delete(doc_id)
    assert gone.changed and doc_id not in engine.snapshot().documents


def _kill_when_started(writer: WriterProcess) -> None:
    for _ in range(2000):
        proc = writer._proc
        if proc is not None and proc.pid:
            os.kill(proc.pid, signal.SIGKILL)
            return
        time.sleep(0.005)


def test_a_child_killed_during_a_write_fails_that_write_and_is_replaced(engine: Engine) -> None:
    before = engine.snapshot().name
    # killed while it starts (imports take seconds): the write in flight cannot have finished
    killer = threading.Thread(target=_kill_when_started, args=(engine.writer,))
    killer.start()
    with pytest.raises(WriterGone) as gone:
        engine.ingest([Upload("two.txt", TEXT.encode())], atomic=True)
    killer.join()
    assert gone.value.status == 503 and engine.store.current_name() == before
    report = engine.ingest([Upload("three.txt", TEXT.replace("主题", "特色").encode())], atomic=True)
    assert report.changed and engine.snapshot().name == report.snapshot

"""What one ingest changes in the live documents (additions, replacements, deletions), and the
id clashes it refuses (issue 17, D4)."""

from __future__ import annotations

from policykg.model import Document
from service.values import FileOutcome, Upload
from service.views import extracted_summary
from service.writeguards import rejected


class IngestPlan:
    """What an ingest changes in the live documents: additions, replacements, deletions."""

    def __init__(self, existing: list[Document]) -> None:
        self.current: dict[str, Document] = {d.id: d for d in existing}
        self.by_sha = {d.sha256: d.id for d in existing if d.parent_id is None}
        self.delete_ids: set[str] = set()
        self.added: dict[str, Document] = {}
        self.originals: list[tuple[Upload, Document]] = []

    def clash(self, upload: Upload, docs: list[Document]) -> FileOutcome | None:
        """The refusal of a file that would replace a document it does not own: an article of
        a bulletin (ids from before ingest.ids.CHILD_SEPARATOR), or, for a bulletin, another
        file's document with one of its articles' ids."""
        head = docs[0]
        old = self.current.get(head.id)
        if old is not None and old.parent_id is not None:
            return rejected(
                upload.name,
                "duplicate_id",
                f"文件“{upload.name}”的文档编号（{head.id}）与简报“{old.parent_id}”中的一篇文章相同，"
                "导入会覆盖该文章；请改名后重新导入。",
            )
        owned = set(old.children) if old is not None else set()
        for child in docs[1:]:
            other = self.current.get(child.id)
            if other is not None and child.id not in owned and other.parent_id != head.id:
                return rejected(
                    upload.name,
                    "duplicate_id",
                    f"文件“{upload.name}”中的文章编号（{child.id}）与已有文档“{other.source}”相同，"
                    "导入会覆盖该文档；请改名后重新导入。",
                )
        return None

    def add(self, upload: Upload, docs: list[Document]) -> FileOutcome:
        head = docs[0]
        same = self.by_sha.get(head.sha256)
        if same is not None:
            ids = [same, *self.current[same].children] if same in self.current else [same]
            return FileOutcome(
                file=upload.name, status="unchanged", doc_ids=ids, message="未变化：内容与已有文档相同"
            )
        replaced = head.id in self.current or head.id in self.added
        if head.id in self.current:
            old = self.current.pop(head.id)
            self.delete_ids.add(old.id)
            for child in [*old.children, *[c.id for c in docs[1:]]]:
                if self.current.pop(child, None) is not None:
                    self.delete_ids.add(child)
        for stale in [k for k, v in self.added.items() if k == head.id or v.parent_id == head.id]:
            self.added.pop(stale)
        for d in docs:
            self.added[d.id] = d
        self.by_sha[head.sha256] = head.id
        self.originals.append((upload, head))
        return FileOutcome(
            file=upload.name,
            status="replaced" if replaced else "added",
            doc_ids=[d.id for d in docs],
            documents=[extracted_summary(d) for d in docs],
        )

    def all_documents(self) -> list[Document]:
        return [*self.current.values(), *self.added.values()]

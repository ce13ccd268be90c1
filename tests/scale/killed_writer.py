"""A writer that stops inside its transaction (test_scale_failures.py SIGKILLs it there).

    python killed_writer.py DATABASE_URL FILE_NAME

parses the file's text from stdin, takes the writer lock, writes the whole change into the open
transaction (generation row, documents, originals, NOTIFY), prints "inside" and sleeps.
"""

from __future__ import annotations

import sys
import time

from ingest.pipeline import read_bytes
from service.repository.postgres import PostgresRepository
from service.repository.protocol import Change
from service.values import Upload


def main() -> None:
    url, name = sys.argv[1], sys.argv[2]
    data = sys.stdin.buffer.read()
    docs = read_bytes(name, data)
    repo = PostgresRepository(url, writer="killed-writer")
    with repo.writing(30) as head:
        change = Change(
            kind="ingest",
            documents=[*head.documents, *docs],
            put=docs,
            originals=[(Upload(name, data), docs[0])],
        )
        head.commit(change)
        print("inside", flush=True)
        time.sleep(600)


if __name__ == "__main__":
    main()

"""Legacy Word/WPS files (.doc, .wps): converted to .docx with LibreOffice when it is installed."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ingest.raw import RawText
from policykg.errors import IngestError, UnsupportedFormat

CONVERT_TIMEOUT = 120  # seconds; LibreOffice's first start (profile creation) is the slow part
_CANDIDATES = (
    "/usr/bin/soffice",
    "/usr/lib/libreoffice/program/soffice",
    "/opt/libreoffice/program/soffice",
    "/Applications/LibreOffice.app/Contents/MacOS/soffice",
    "C:\\Program Files\\LibreOffice\\program\\soffice.exe",
)


def find_soffice() -> str | None:
    """LibreOffice's binary: ``POLICYKG_SOFFICE``, then the PATH, then the usual install places."""
    configured = os.environ.get("POLICYKG_SOFFICE")
    if configured:
        return configured if Path(configured).exists() else None
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for path in _CANDIDATES:
        if Path(path).exists():
            return path
    versioned = sorted(Path("/opt").glob("libreoffice*/program/soffice"))  # /opt/libreoffice7.6/…
    return str(versioned[-1]) if versioned else None


def _how_to_convert(name: str, ext: str) -> str:
    return (
        f"文件“{name}”是旧版 {ext} 格式，需要 LibreOffice 才能读取，但当前环境没有安装。"
        "请安装 LibreOffice，或用 WPS/Word 另存为 .docx 后再导入。"
    )


def convert_to_docx(name: str, data: bytes, ext: str, *, timeout: float = CONVERT_TIMEOUT) -> bytes:
    """Run ``soffice --headless --convert-to docx`` in a private temp dir and return the .docx bytes."""
    soffice = find_soffice()
    if soffice is None:
        raise UnsupportedFormat(_how_to_convert(name, ext))
    with tempfile.TemporaryDirectory(prefix="policykg-convert-") as tmp:
        tmpdir = Path(tmp)
        src = tmpdir / f"input{ext}"  # an ASCII name: LibreOffice mangles some non-ASCII paths
        src.write_bytes(data)
        outdir = tmpdir / "out"
        outdir.mkdir()
        # A private profile: concurrent conversions otherwise fight over the user's profile lock.
        profile = (tmpdir / "profile").as_uri()
        cmd = [
            soffice,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "docx",
            "--outdir",
            str(outdir),
            str(src),
        ]
        try:
            proc = subprocess.Popen(
                cmd,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=True,  # so a timeout can end soffice.bin too, not only the wrapper
            )
        except OSError as exc:
            raise UnsupportedFormat(_how_to_convert(name, ext)) from exc
        try:
            _, stderr = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired as exc:
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except (ProcessLookupError, PermissionError):
                proc.kill()
            proc.communicate()
            raise IngestError(
                f"文件“{name}”用 LibreOffice 转换超时（{int(timeout)} 秒），请用 WPS/Word 另存为 .docx 后再导入。",
                code="conversion_failed",
            ) from exc
        out = outdir / "input.docx"
        if proc.returncode != 0 or not out.exists():
            detail = stderr.decode("utf-8", "replace").strip().splitlines()[-1:] if stderr else []
            raise IngestError(
                f"文件“{name}”无法用 LibreOffice 转换为 .docx（{'; '.join(detail) or '转换失败'}），"
                "文件可能已损坏，或请用 WPS/Word 另存为 .docx 后再导入。",
                code="conversion_failed",
            )
        return out.read_bytes()


def read_legacy(name: str, data: bytes, sha256: str, ext: str) -> RawText:
    from ingest.readers.docx import read_docx

    converted = convert_to_docx(name, data, ext)
    raw = read_docx(name, converted, sha256)
    raw.meta["converted_from"] = ext
    raw.warnings.append(f"已用 LibreOffice 将 {ext} 转换为 .docx 后读取")
    return raw

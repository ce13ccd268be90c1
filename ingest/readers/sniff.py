"""Magic-byte sniffing: what a file really is, whatever its extension says."""

from __future__ import annotations

import io
import zipfile

# (magic, offset, kind). Checked in order; the first match wins.
_MAGIC: tuple[tuple[bytes, int, str], ...] = (
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "ole"),
    (b"PK\x03\x04", 0, "zip"),
    (b"PK\x05\x06", 0, "zip"),  # empty archive
    (b"{\\rtf", 0, "rtf"),
    (b"\x89PNG\r\n\x1a\n", 0, "png"),
    (b"\xff\xd8\xff", 0, "jpeg"),
    (b"GIF87a", 0, "gif"),
    (b"GIF89a", 0, "gif"),
    (b"BM", 0, "bmp?"),  # weak: checked further below
    (b"II*\x00", 0, "tiff"),
    (b"MM\x00*", 0, "tiff"),
    (b"RIFF", 0, "riff"),
    (b"\x1f\x8b", 0, "gzip"),
    (b"7z\xbc\xaf\x27\x1c", 0, "7z"),
    (b"Rar!\x1a\x07", 0, "rar"),
    (b"BZh", 0, "bzip2?"),
    (b"\xfd7zXZ\x00", 0, "xz"),
    (b"\x7fELF", 0, "elf"),
    (b"MZ", 0, "exe?"),
    (b"ID3", 0, "mp3"),
    (b"\x00\x00\x00", 0, "media?"),  # mp4/mov boxes start with a 32-bit size
    (b"SQLite format 3\x00", 0, "sqlite"),
    (b"OggS", 0, "ogg"),
    (b"fLaC", 0, "flac"),
    (b"wOFF", 0, "font"),
    (b"\x00\x01\x00\x00\x00", 0, "font"),
)

KIND_NAMES = {
    "pdf": "PDF 文档",
    "zip": "ZIP 压缩包",
    "docx": "Word 文档（.docx）",
    "xlsx": "Excel 表格（.xlsx）",
    "pptx": "PowerPoint 演示文稿（.pptx）",
    "odf": "OpenDocument 文档",
    "epub": "EPUB 电子书",
    "ole": "旧版 Office 文档（.doc/.xls/.wps 等）",
    "rtf": "RTF 文档",
    "png": "PNG 图片",
    "jpeg": "JPEG 图片",
    "gif": "GIF 图片",
    "bmp": "BMP 图片",
    "tiff": "TIFF 图片",
    "riff": "音视频或图片文件",
    "gzip": "GZIP 压缩包",
    "7z": "7z 压缩包",
    "rar": "RAR 压缩包",
    "bzip2": "BZIP2 压缩包",
    "xz": "XZ 压缩包",
    "elf": "可执行程序",
    "exe": "可执行程序",
    "mp3": "音频文件",
    "media": "音视频文件",
    "sqlite": "数据库文件",
    "ogg": "音频文件",
    "flac": "音频文件",
    "font": "字体文件",
}


def sniff(data: bytes) -> str | None:
    """The binary container `data` is, or None when it has no known magic (text, or unknown).

    Returns one of the keys of KIND_NAMES. ``%PDF-`` is searched in the first KiB because
    PDF readers tolerate leading junk and some producers write it.
    """
    if data[:1024].find(b"%PDF-") != -1:
        return "pdf"
    for magic, offset, kind in _MAGIC:
        if data[offset : offset + len(magic)] != magic:
            continue
        if not kind.endswith("?"):
            return kind
        kind = kind[:-1]
        # Weak magics (two ASCII letters, zero bytes) also start ordinary texts: confirm.
        if kind == "bmp" and len(data) >= 14 and int.from_bytes(data[2:6], "little") == len(data):
            return kind
        if kind == "exe" and b"This program cannot be run in DOS mode" in data[:512]:
            return kind
        if kind == "bzip2" and data[3:4].isdigit() and data[4:10] == b"1AY&SY":
            return kind
        if kind == "media" and data[4:8] in (b"ftyp", b"moov", b"mdat", b"wide", b"free"):
            return kind
    return None


def zip_kind(data: bytes) -> str:
    """Tell OOXML/ODF/EPUB packages apart from plain zip archives (by the member names)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return "zip"
    if "word/document.xml" in names:
        return "docx"
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "ppt/presentation.xml" in names:
        return "pptx"
    if "content.xml" in names and "mimetype" in names:
        return "odf"
    if "META-INF/container.xml" in names:
        return "epub"
    return "zip"


def describe(kind: str | None) -> str:
    return KIND_NAMES.get(kind or "", "二进制文件")

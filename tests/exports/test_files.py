"""Export files: no silent overwrite, locked files and read-only folders give clear messages."""

import pytest

import exports.files as files
from exports.files import ExportError, check_attachment, unique_path, write_bytes_safely


def test_unique_path_never_reuses_a_name(tmp_path):
    first = tmp_path / "Uppföljning FCA Lundby 2022.docx"
    assert unique_path(first) == first
    first.write_bytes(b"x")
    assert unique_path(first).name == "Uppföljning FCA Lundby 2022 (2).docx"


def test_write_replaces_whole_file(tmp_path):
    target = tmp_path / "a.docx"
    target.write_bytes(b"old")
    write_bytes_safely(target, b"new content")
    assert target.read_bytes() == b"new content"
    assert [p.name for p in tmp_path.iterdir()] == ["a.docx"]  # no temporary file left


def test_locked_file_keeps_the_old_one_and_says_why(tmp_path, monkeypatch):
    """Windows refuses to replace a file Word has open: simulated by os.replace raising."""
    target = tmp_path / "a.docx"
    target.write_bytes(b"old")

    def locked(src, dst):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files.os, "replace", locked)
    with pytest.raises(ExportError, match="håller den öppen, troligen Word"):
        write_bytes_safely(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["a.docx"]


def test_read_only_folder(tmp_path, monkeypatch):
    """A folder the user may not write to (root ignores chmod, so the refusal is simulated)."""
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files.tempfile, "mkstemp", refuse)
    with pytest.raises(ExportError, match="inte behörighet att spara i mappen"):
        write_bytes_safely(tmp_path / "a.docx", b"x")


def test_missing_folder(tmp_path):
    with pytest.raises(ExportError, match="finns inte"):
        write_bytes_safely(tmp_path / "saknas" / "a.docx", b"x")


def test_attachment_limits():
    check_attachment("liten.pdf", 1000, 0)
    with pytest.raises(ExportError, match="högst 10 MB"):
        check_attachment("stor.pdf", 11 * 1024 * 1024, 0)
    with pytest.raises(ExportError, match="sammanlagt"):
        check_attachment("mellan.pdf", 9 * 1024 * 1024, 15 * 1024 * 1024)

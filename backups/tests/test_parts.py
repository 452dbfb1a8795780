"""A backup's parts: the manifest catches a damaged or missing part, the media archive keeps
every file byte for byte and refuses entries that would escape the media folder."""

import io
import tarfile

import pytest

from backups import media
from backups.manifest import BackupError, Manifest, part_for


def make_backup_folder(tmp_path):
    folder = tmp_path / "backup"
    folder.mkdir()
    (folder / "database.sqlite3").write_bytes(b"database bytes")
    (folder / "media.tar").write_bytes(b"media bytes")
    manifest = Manifest(
        created_at="2026-11-27T16:00:00+00:00",
        database={"engine": "sqlite", "name": "db.sqlite3", "host": "", "port": ""},
        parts=[
            part_for(folder / "database.sqlite3", "database"),
            part_for(folder / "media.tar", "media"),
        ],
    )
    manifest.write(folder)
    return folder


def test_a_manifest_reads_back_as_written_and_verifies(tmp_path):
    folder = make_backup_folder(tmp_path)

    manifest = Manifest.read(folder)

    manifest.verify(folder)
    assert manifest.part("database").size == len(b"database bytes")


def test_a_changed_byte_fails_verification_even_at_the_same_size(tmp_path):
    folder = make_backup_folder(tmp_path)
    (folder / "media.tar").write_bytes(b"media bytez")

    with pytest.raises(BackupError, match="does not match its SHA-256"):
        Manifest.read(folder).verify(folder)


def test_a_missing_or_truncated_part_fails_verification(tmp_path):
    folder = make_backup_folder(tmp_path)
    (folder / "media.tar").write_bytes(b"media")
    with pytest.raises(BackupError, match="is 5 bytes; the manifest says 11"):
        Manifest.read(folder).verify(folder)

    (folder / "media.tar").unlink()
    with pytest.raises(BackupError, match="missing"):
        Manifest.read(folder).verify(folder)


def test_a_folder_without_a_manifest_is_not_a_backup(tmp_path):
    with pytest.raises(BackupError, match="is not a backup"):
        Manifest.read(tmp_path)


def test_media_round_trip_keeps_every_file_and_reports_clashes(tmp_path):
    source = tmp_path / "media"
    (source / "documents").mkdir(parents=True)
    (source / "documents" / "scan.pdf").write_bytes(bytes(range(256)) * 10)
    (source / "original_images").mkdir()
    (source / "original_images" / "photo.jpg").write_bytes(b"\xff\xd8 a photo")
    archive = tmp_path / "media.tar"

    assert media.archive(source, archive) == 2

    target = tmp_path / "restored"
    assert media.conflicts(archive, target) == []
    assert media.extract(archive, target) == 2
    assert (target / "documents" / "scan.pdf").read_bytes() == bytes(range(256)) * 10
    assert media.conflicts(archive, target) == []  # the same files again are no clash
    (target / "original_images" / "photo.jpg").write_bytes(b"another photo")
    assert media.conflicts(archive, target) == ["original_images/photo.jpg"]


def test_a_media_archive_entry_outside_the_media_folder_is_refused(tmp_path):
    archive = tmp_path / "media.tar"
    with tarfile.open(archive, "w") as tar:
        entry = tarfile.TarInfo("../escaped.txt")
        entry.size = 4
        tar.addfile(entry, io.BytesIO(b"evil"))

    with pytest.raises(BackupError, match="unsafe entry"):
        media.extract(archive, tmp_path / "media")
    assert not (tmp_path / "escaped.txt").exists()


def test_a_sqlite_backup_taken_while_another_connection_writes_is_whole(tmp_path):
    """SQLite's online backup API copies one consistent moment of a WAL database that is
    being written to, as the site's would be."""
    import sqlite3
    import threading

    from backups import databases

    live = tmp_path / "live.sqlite3"
    with sqlite3.connect(live) as setup:
        setup.execute("PRAGMA journal_mode=WAL")
        setup.execute("CREATE TABLE note (id INTEGER PRIMARY KEY, body TEXT NOT NULL)")
        setup.executemany("INSERT INTO note (body) VALUES (?)", [("x" * 500,)] * 2000)
    setup.close()
    stop = threading.Event()

    def keep_writing():
        writer = sqlite3.connect(live, timeout=20)
        while not stop.is_set():
            with writer:
                writer.execute("INSERT INTO note (body) VALUES (?)", ("y" * 500,))
        writer.close()

    thread = threading.Thread(target=keep_writing)
    thread.start()
    try:
        copy = tmp_path / "copy.sqlite3"
        databases.dump({"ENGINE": "django.db.backends.sqlite3", "NAME": str(live)}, copy)
    finally:
        stop.set()
        thread.join()

    with sqlite3.connect(copy) as check:
        assert check.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert check.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert check.execute("SELECT count(*) FROM note").fetchone()[0] >= 2000
    check.close()
    assert not (tmp_path / "copy.sqlite3-wal").exists()  # one self-contained file

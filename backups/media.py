"""The media folder (uploaded images and documents) as one tar file."""

import tarfile
from pathlib import Path

from .manifest import BackupError, sha256_of


def archive(media_root: Path, destination: Path) -> int:
    """Write every file under ``media_root`` into ``destination``; returns how many."""
    count = 0
    with tarfile.open(destination, "w") as tar:
        if media_root.is_dir():
            for path in sorted(media_root.rglob("*")):
                if path.is_file() and not path.is_symlink():
                    tar.add(path, arcname=str(path.relative_to(media_root)), recursive=False)
                    count += 1
    return count


def conflicts(source: Path, media_root: Path) -> list[str]:
    """Files the archive would overwrite with different content."""
    found = []
    with tarfile.open(source) as tar:
        for member in tar.getmembers():
            existing = media_root / member.name
            if member.isfile() and existing.is_file():
                stored = tar.extractfile(member)
                if existing.stat().st_size != member.size or _differs(stored, existing):
                    found.append(member.name)
    return found


def extract(source: Path, media_root: Path) -> int:
    """Unpack the archive into ``media_root``; returns how many files."""
    media_root.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source) as tar:
        members = [member for member in tar.getmembers() if member.isfile()]
        try:
            # "data": no absolute paths, no paths out of media_root, no links or devices.
            tar.extractall(media_root, members=members, filter="data")
        except tarfile.FilterError as error:
            raise BackupError(f"The media archive holds an unsafe entry: {error}") from error
    return len(members)


def _differs(stored, existing: Path) -> bool:
    import hashlib

    digest = hashlib.sha256()
    for chunk in iter(lambda: stored.read(1024 * 1024), b""):
        digest.update(chunk)
    return digest.hexdigest() != sha256_of(existing)

"""A backup's manifest: what it holds, when it was made, from which database, and the size and
SHA-256 of each part, so that a restore can prove the parts are whole before touching anything."""

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

MANIFEST_NAME = "manifest.json"
FORMAT = 1


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why and what to do."""


@dataclass(frozen=True)
class Part:
    name: str  # the file's name inside the backup folder
    kind: str  # "database" or "media"
    size: int
    sha256: str


@dataclass
class Manifest:
    created_at: str  # ISO 8601, UTC
    database: dict  # engine, name, host (never a password)
    parts: list[Part] = field(default_factory=list)
    media_files: int = 0  # how many files the media archive holds
    format: int = FORMAT

    def part(self, kind: str) -> Part:
        for part in self.parts:
            if part.kind == kind:
                return part
        raise BackupError(f"The manifest lists no {kind} part.")

    def write(self, folder: Path) -> None:
        text = json.dumps(asdict(self), indent=2, sort_keys=True)
        (folder / MANIFEST_NAME).write_text(text + "\n", encoding="utf-8")

    @classmethod
    def read(cls, folder: Path) -> "Manifest":
        path = folder / MANIFEST_NAME
        if not path.is_file():
            raise BackupError(f"{folder} is not a backup: it has no {MANIFEST_NAME}.")
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != FORMAT:
                raise BackupError(
                    f"{path} is in backup format {data.get('format')!r}, not {FORMAT}."
                )
            return cls(
                created_at=data["created_at"],
                database=data["database"],
                parts=[Part(**part) for part in data["parts"]],
                media_files=data.get("media_files", 0),
            )
        except (ValueError, KeyError, TypeError) as error:
            raise BackupError(f"{path} cannot be read: {error}") from error

    def verify(self, folder: Path) -> None:
        """Every part is present, of the recorded size and checksum; raises BackupError if not."""
        for part in self.parts:
            path = folder / part.name
            if not path.is_file():
                raise BackupError(f"{part.name} is missing from {folder}.")
            size = path.stat().st_size
            if size != part.size:
                raise BackupError(
                    f"{part.name} is {size} bytes; the manifest says {part.size}. "
                    "The backup is incomplete or damaged: nothing was restored."
                )
            if sha256_of(path) != part.sha256:
                raise BackupError(
                    f"{part.name} does not match its SHA-256 in the manifest. "
                    "The backup is damaged: nothing was restored."
                )


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        for chunk in iter(lambda: stream.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest()


def part_for(path: Path, kind: str) -> Part:
    return Part(name=path.name, kind=kind, size=path.stat().st_size, sha256=sha256_of(path))

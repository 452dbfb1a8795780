"""Invitation tokens: random, shown once, stored only as a hash.

An email link carries a long URL-safe token; a printed letter carries a short code that a
person can type (letters and digits that cannot be mistaken for one another). Both are looked
up by their SHA-256 hash, so the database never holds one that could be used.
"""

import hashlib
import secrets

from personalised.models import Invitation

#: Letters and digits without 0/O, 1/I/L, 5/S, 2/Z, 8/B: read aloud or typed from paper.
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 12


def new_link_token() -> str:
    return secrets.token_urlsafe(32)


def new_letter_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(code: str) -> str:
    """A code as typed ("acde-fghj kmnp") as it was made ("ACDEFGHJKMNP")."""
    return "".join(character for character in code.upper() if character.isalnum())


def format_code(code: str) -> str:
    """A code in groups of four, as the letter prints it."""
    return "-".join(code[start : start + 4] for start in range(0, len(code), 4))


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def find_invitation(token: str) -> Invitation | None:
    """The invitation this token or code belongs to, whatever its state; None if none."""
    candidates = {token, normalise_code(token)} - {""}
    hashes = [token_hash(candidate) for candidate in candidates]
    return (
        Invitation.objects.select_related("member__agreement").filter(token_hash__in=hashes).first()
    )

"""Who is who: the user groups the site relies on, and the demo accounts for a developer's machine.

- Editors and Moderators are Wagtail's own groups (created by Wagtail's migrations). They revise
  and publish templates and guidance in the Wagtail admin.
- Practitioners (created by ``agreements/migrations/0002_practitioners_group.py``) fork templates
  into private personalised agreements. They are a group of their own, with no Wagtail admin access.

The demo accounts have fixed, published passwords. They exist so that ``make run`` gives a working
site to click through; they must never reach production, which is why the management command that
calls :func:`ensure_demo_accounts` refuses to run unless ``DEBUG`` is on or it is forced.
"""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import transaction

EDITORS = "Editors"
MODERATORS = "Moderators"
PRACTITIONERS = "Practitioners"


def is_practitioner(user) -> bool:
    return user.is_authenticated and user.groups.filter(name=PRACTITIONERS).exists()


def require_practitioner(user, refusal: str) -> None:
    """The one check for pages that are for practitioners only: ``refusal`` (what the 403 page
    says, in the page's own words) when ``user`` is not one."""
    if not is_practitioner(user):
        raise PermissionDenied(refusal)


@dataclass(frozen=True)
class DemoAccount:
    username: str
    password: str
    group: str
    first_name: str
    last_name: str

    @property
    def email(self) -> str:
        return f"{self.username}@example.com"


# Fixed on purpose: printed by `manage.py load_demo_accounts` and listed in the README.
DEMO_ACCOUNTS = (
    DemoAccount("editor", "demo-editor-password", EDITORS, "Edie", "Editor"),
    DemoAccount("moderator", "demo-moderator-password", MODERATORS, "Morgan", "Moderator"),
    DemoAccount("practitioner", "demo-practitioner-password", PRACTITIONERS, "Pat", "Practitioner"),
    DemoAccount(
        "practitioner2", "demo-practitioner2-password", PRACTITIONERS, "Priya", "Practitioner"
    ),
)


class MissingGroupError(Exception):
    """A group the demo accounts need does not exist (the database is not fully migrated)."""


@dataclass
class DemoAccountsReport:
    created: list[DemoAccount] = field(default_factory=list)
    present: list[DemoAccount] = field(default_factory=list)
    repaired: list[DemoAccount] = field(default_factory=list)


@transaction.atomic
def ensure_demo_accounts() -> DemoAccountsReport:
    """Create the demo accounts that are missing; leave existing ones as they are.

    An existing demo account is only touched where it no longer matches what the command prints:
    its password is set back to the demo password, it is reactivated and put back in its group.
    """
    groups = {group.name: group for group in Group.objects.filter(name__in=_group_names())}
    missing = sorted(_group_names() - groups.keys())
    if missing:
        raise MissingGroupError(
            f"Missing group(s): {', '.join(missing)}. Run `manage.py migrate` first."
        )

    User = get_user_model()
    report = DemoAccountsReport()
    for account in DEMO_ACCOUNTS:
        group = groups[account.group]
        user, created = User.objects.get_or_create(
            username=account.username,
            defaults={
                "email": account.email,
                "first_name": account.first_name,
                "last_name": account.last_name,
            },
        )
        if created:
            user.set_password(account.password)
            user.save(update_fields=["password"])
            user.groups.add(group)
            report.created.append(account)
            continue

        repaired = False
        if not user.check_password(account.password):
            user.set_password(account.password)
            repaired = True
        if not user.is_active:
            user.is_active = True
            repaired = True
        if repaired:
            user.save(update_fields=["password", "is_active"])
        if not user.groups.filter(pk=group.pk).exists():
            user.groups.add(group)
            repaired = True
        (report.repaired if repaired else report.present).append(account)
    return report


def _group_names() -> set[str]:
    return {account.group for account in DEMO_ACCOUNTS}

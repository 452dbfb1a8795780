from .personalised import (
    AgreementShare,
    AgreementStatus,
    Party,
    PartyAgreement,
    PersonalisedAgreement,
    Pronouns,
    SharePermission,
)
from .templates import Maturity, TemplateIndexPage, TemplatePage
from .versions import PageVersion, VersionedPage

__all__ = [
    "AgreementShare",
    "AgreementStatus",
    "Maturity",
    "PageVersion",
    "Party",
    "PartyAgreement",
    "PersonalisedAgreement",
    "Pronouns",
    "SharePermission",
    "TemplateIndexPage",
    "TemplatePage",
    "VersionedPage",
]

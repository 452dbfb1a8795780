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

__all__ = [
    "AgreementShare",
    "AgreementStatus",
    "Maturity",
    "Party",
    "PartyAgreement",
    "PersonalisedAgreement",
    "Pronouns",
    "SharePermission",
    "TemplateIndexPage",
    "TemplatePage",
]

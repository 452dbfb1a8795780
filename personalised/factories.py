"""Factories for personalised agreements, forked as a practitioner forks them."""

import factory

from agreements.factories import published_template
from personalised.forking.services import PersonDetails, fork_template
from personalised.models import PersonalisedAgreement


class PersonDetailsFactory(factory.Factory):
    person_name = factory.Sequence(lambda n: f"Sam Person {n}")
    known_as = "Sam"
    # Who each of the ISF's declared parties is (the person is added to "person" at fork).
    parties = factory.LazyFunction(
        lambda: {
            "local-authority": ["Suffolk County Council"],
            "provider": ["Good Support Ltd"],
            "person": ["Alex Person", "Jo Person"],
        }
    )

    class Meta:
        model = PersonDetails


class PersonalisedAgreementFactory(factory.Factory):
    """A personalised agreement forked, as a practitioner would, from a published template.

    ``PersonalisedAgreementFactory(owner=user)`` forks a fresh template; pass ``template=`` to
    fork an existing one (such as the seeded ISF)."""

    owner = factory.SubFactory("accounts.factories.PractitionerFactory")
    template = factory.LazyFunction(lambda: None)
    details = factory.SubFactory(PersonDetailsFactory)

    class Meta:
        model = PersonalisedAgreement

    @classmethod
    def _create(cls, model_class, owner, template, details):
        if template is None:
            template = published_template()
        return fork_template(template, owner=owner, details=details)

    _build = _create

"""The practitioner, their agreement and the mother they invite, shared by the invitation tests."""

import pytest

from accounts.factories import PractitionerFactory
from jobs.tests.backends import relay_down_at_first
from personalised.factories import PersonalisedAgreementFactory, PersonDetailsFactory
from personalised.tests.inviting import PERSON, add_member


@pytest.fixture
def practitioner():
    return PractitionerFactory(username="pat", first_name="Pat", last_name="Practitioner")


@pytest.fixture
def agreement(practitioner):
    return PersonalisedAgreementFactory(
        owner=practitioner, details=PersonDetailsFactory(person_name=PERSON)
    )


@pytest.fixture
def member(agreement):
    return add_member(agreement, "Mo Mother", role="Mother", email="mo@example.org")


@pytest.fixture
def flaky_relay(settings):
    """The relay the invitation task sends through refuses ``flaky_relay.failures`` messages."""
    with relay_down_at_first(settings) as relay:
        yield relay

import pytest

from personalised.tests.inviting import invitee_pages_are_routed


@pytest.fixture
def invitee_pages(settings):
    """The invitee's agreement page to land on: the real one once it is merged, else a stand-in
    (personalised/tests/invitee_stand_in_urls.py)."""
    if not invitee_pages_are_routed():
        settings.ROOT_URLCONF = "personalised.tests.invitee_stand_in_urls"
    return settings

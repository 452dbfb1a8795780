"""Sent after a save that undid the parties' agreement has committed.

``agreement_reopened(sender=PersonalisedAgreement, agreement=..., agreed_revision_id=...,
members=[...])``: ``agreed_revision_id`` is the revision the members had agreed to (the latest
before the save), ``members`` the active members who had agreed to it. Receivers tell them what
changed (``personalised.people.changes.what_changed``) and ask them to agree again.
"""

from django.dispatch import Signal

agreement_reopened = Signal()

"""Every existing agreement's people become party members, and each consent recorded for a
whole party becomes a consent of each of its members, so that no agreement's status changes.

A party of people: one member per name (the person's member first, marked as the person). An
organisation party that has consents: one member, named after whoever agreed for it last, its
staff to be added on the people page. A party's legacy consent goes to its first member (the
same row) and is copied for the others, method "recorded", as it was recorded.
"""

from django.db import migrations


def _parties(agreement) -> list[dict]:
    return [party for party in agreement.parties or [] if isinstance(party, dict)]


def members_from_names(apps, schema_editor):
    PersonalisedAgreement = apps.get_model("personalised", "PersonalisedAgreement")
    PartyMember = apps.get_model("personalised", "PartyMember")
    PartyConsent = apps.get_model("personalised", "PartyConsent")
    for agreement in PersonalisedAgreement.objects.order_by("pk").iterator():
        legacy = list(
            PartyConsent.objects.filter(agreement=agreement, member__isnull=True).order_by(
                "recorded_at", "pk"
            )
        )
        for party in _parties(agreement):
            key = str(party.get("key") or "")
            if PartyMember.objects.filter(agreement=agreement, party=key).exists():
                continue
            records = [record for record in legacy if record.party == key]
            if party.get("kind") == "people":
                names = [str(name) for name in party.get("names") or [] if str(name).strip()]
                with_person = bool(party.get("includes_the_person"))
                if with_person:
                    # The person's member follows the person's name, as the model keeps it.
                    names = [agreement.person_name, *names[1:]]
            elif records:
                names, with_person = [records[-1].agreed_by], False
            else:
                names, with_person = [], False
            members = [
                PartyMember.objects.create(
                    agreement=agreement,
                    party=key,
                    name=name[:120],
                    is_the_person=with_person and index == 0,
                    position=index,
                )
                for index, name in enumerate(names)
            ]
            if not members:
                continue
            for record in records:
                first, *others = members
                for member in others:
                    copy = PartyConsent.objects.create(
                        agreement=agreement,
                        party=key,
                        member=member,
                        method="recorded",
                        agreed_by=record.agreed_by,
                        agreed_on=record.agreed_on,
                        revision_id=record.revision_id,
                        recorded_by_id=record.recorded_by_id,
                        content_hash=record.content_hash,
                    )
                    # As it was recorded, not when it was copied.
                    PartyConsent.objects.filter(pk=copy.pk).update(recorded_at=record.recorded_at)
                record.member = first
                record.method = "recorded"
                record.save(update_fields=["member", "method"])


class Migration(migrations.Migration):
    dependencies = [("personalised", "0010_party_members_invitations_comments")]

    operations = [migrations.RunPython(members_from_names, migrations.RunPython.noop)]

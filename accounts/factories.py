"""Factories for practitioners' accounts."""

import factory


class PractitionerFactory(factory.django.DjangoModelFactory):
    username = factory.Sequence(lambda n: f"practitioner{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    first_name = "Pat"
    last_name = factory.Sequence(lambda n: f"Practitioner{n}")
    password = factory.django.Password("a-long-test-password")

    class Meta:
        model = "auth.User"
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    @factory.post_generation
    def practitioners_group(user, create, extracted, **kwargs):
        from django.contrib.auth.models import Group

        from .practitioners import PRACTITIONERS

        if create:
            user.groups.add(Group.objects.get(name=PRACTITIONERS))

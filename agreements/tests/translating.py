"""Translating pages in tests the way wagtail-localize does it in the admin."""

from collections.abc import Callable
from contextlib import nullcontext

from wagtail.models import Locale, Page
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)


def translate_strings(
    source: TranslationSource, locale: Locale, translate: Callable[[str], str]
) -> int:
    """Translate each of the source's strings, as a translator does in wagtail-localize's
    editor. Returns how many strings were translated."""
    count = 0
    for segment in StringSegment.objects.filter(source=source).select_related("string"):
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={"data": translate(segment.string.data)},
        )
        count += 1
    return count


def publish_translation(
    page: Page,
    language_code: str,
    translate: Callable[[str], str] | None = None,
    capture_on_commit=None,
) -> Translation:
    """Translate every string of the page into the language and publish the translation, as
    wagtail-localize's "Translate this page" and "Publish" do. wagtail-localize publishes once
    the transaction commits: in a test inside a transaction, pass pytest-django's
    django_capture_on_commit_callbacks."""
    locale = Locale.objects.get(language_code=language_code)
    translate = translate or (lambda text: f"[{language_code}] {text}")
    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation, _created = Translation.objects.get_or_create(source=source, target_locale=locale)
    translate_strings(source, locale, translate)
    with capture_on_commit(execute=True) if capture_on_commit else nullcontext():
        translation.save_target(publish=True)
    return translation

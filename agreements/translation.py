"""How versioned pages take part in wagtail-localize's translation.

Translators translate a page's content, not its publishing record. A change note describes one
publication of one page, so it is never offered for translation: a translated page that
wagtail-localize keeps in step with its source writes its own note, in its own language,
saying which version of the source it was translated from.
"""

from django.db import transaction
from django.db.models import Model
from django.utils import translation
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page
from wagtail_localize.fields import get_translatable_fields
from wagtail_localize.models import LocaleSynchronization, TranslationSource
from wagtail_localize.synctree import synchronize_tree


def exclude_from_translation(model: type[Model], *field_names: str) -> None:
    """Keep wagtail-localize's own choice of translatable and synchronised fields for the
    model, except for the named fields, which are neither translated nor copied."""
    fields = get_translatable_fields(model)
    model.translatable_fields = [field for field in fields if field.field_name not in field_names]


def synced_translation_source(page: Page) -> TranslationSource | None:
    """The source that wagtail-localize translates this page from, if it keeps the page in
    step with it (None for source pages and for translations converted to manual editing)."""
    if page.pk is None:
        return None
    return (
        TranslationSource.objects.filter(
            object_id=page.translation_key,
            translations__target_locale_id=page.locale_id,
            translations__enabled=True,
        )
        .exclude(locale_id=page.locale_id)
        .select_related("locale")
        .first()
    )


def translation_change_note(page: Page, source: TranslationSource, first: bool) -> str:
    """The change note of a translated page's publication, in the page's own language."""
    source_page = (
        Page.objects.filter(translation_key=page.translation_key, locale_id=source.locale_id)
        .specific()
        .first()
    )
    number = getattr(source_page, "version", 0)
    with translation.override(page.locale.language_code):
        values = {"language": source.locale.get_display_name(), "number": number}
        if not number:
            return _("Translated from the unpublished %(language)s draft.") % values
        if first:
            return _("First translation, from %(language)s version %(number)s.") % values
        return _("Translation updated from %(language)s version %(number)s.") % values


@transaction.atomic
def ensure_locale_trees() -> int:
    """Give every other locale a page for each page of the default locale's tree: an alias,
    which shows the English (with a notice) until an editor translates it, so that every
    address works in every language. Turns on wagtail-localize's "synchronise content from"
    for each locale, so that editors' new pages get their aliases too. Safe to run again.
    Returns the number of pages created."""
    source = Locale.get_default()
    before = Page.objects.count()
    for locale in Locale.objects.exclude(pk=source.pk):
        LocaleSynchronization.objects.get_or_create(locale=locale, defaults={"sync_from": source})
        synchronize_tree(source, locale)
    return Page.objects.count() - before

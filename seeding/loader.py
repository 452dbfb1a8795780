"""Publishes the seed content: the home page, the template and guidance indexes, both seed
agreements and the ISF's how-to-use guidance, with guidance linked to each of its areas.

Project-level, not part of any app, because it builds pages of every app (home, templates,
guidance): the apps never import it.

Idempotent: content is created only where it is missing, and nothing that already exists is
changed, so a second run changes nothing and editors' later revisions are never overwritten.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.models import Group
from django.db import transaction
from wagtail.models import (
    GroupApprovalTask,
    Locale,
    Page,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from agreements.block_ids import with_block_ids
from agreements.blocks import DeclaredPartiesBlock, PurposeEasyReadBlock, TemplateBodyBlock
from agreements.models import TemplateIndexPage, TemplatePage
from agreements.party_declarations import declarations_for
from agreements.person_blank_declaration import declare, uses_person_blank
from agreements.seed_content import isf, isf_easy_read, isf_guidance, partnering
from guidance.blocks import GuidanceBodyBlock
from guidance.models import GuidanceIndexPage, GuidancePage
from home.models import HomePage
from home.site_root import remove_wagtail_placeholder
from seeding.easy_read_pictures import load_easy_read_pictures, pictures_by_key

HOME_INTRO = (
    "Partnership agreement templates, and guidance on using them, for local authorities, "
    "support providers, and the people they support and their families to agree together who "
    "will do what."
)


@dataclass
class SeedReport:
    created: list[str] = field(default_factory=list)
    present: list[str] = field(default_factory=list)

    def record(self, page: Page, created: bool) -> None:
        (self.created if created else self.present).append(page.title)


def _child(parent: Page, model: type[Page], slug: str) -> Page | None:
    return model.objects.child_of(parent).filter(slug=slug).first()


def _publish_child(parent: Page, page: Page) -> Page:
    parent.add_child(instance=page)
    page.save_revision(log_action=True).publish()
    page.refresh_from_db()
    return page


def _ensure_child(
    parent: Page, model: type[Page], slug: str, build: Callable[[], Page], report: SeedReport
) -> Page:
    page = _child(parent, model, slug)
    if page is None:
        page = _publish_child(parent, build())
        report.record(page, created=True)
    else:
        report.record(page, created=False)
    return page


def _ensure_home(report: SeedReport) -> HomePage:
    root = Page.get_first_root_node()
    home = HomePage.objects.child_of(root).first()
    if home is None:
        remove_wagtail_placeholder()
        home = _publish_child(
            root,
            HomePage(
                title="Partnership agreements",
                slug="home",
                intro=HOME_INTRO,
                locale=Locale.get_default(),
            ),
        )
        report.record(home, created=True)
    else:
        report.record(home, created=False)

    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name="Partnership agreements",
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = site.site_name or "Partnership agreements"
        site.save()
    return home


def _seed_blanks(seed, body: list[dict]) -> list[dict]:
    """The seed's declared blanks: the person's name wherever it writes ``_____``, as the data
    migration declares it on pages seeded before blanks existed."""
    blanks = list(getattr(seed, "BLANKS", []))
    if uses_person_blank(body, getattr(seed, "INTRO", "")):
        blanks = declare(blanks, seed.SLUG, "en") or blanks
    return blanks


def _declared_parties(seed, body: list[dict]) -> list[dict]:
    """The seed's own declarations, else those its shape implies (the signatories)."""
    declarations = seed.declared_parties() if hasattr(seed, "declared_parties") else None
    return with_block_ids(
        f"{seed.SLUG}-parties",
        DeclaredPartiesBlock(),
        declarations if declarations is not None else declarations_for(body),
    )


def _template_page(seed, add_easy_read: Callable[[list[dict]], None] | None = None) -> TemplatePage:
    data = seed.body()
    if add_easy_read is not None:
        add_easy_read(data)
    body = with_block_ids(seed.SLUG, TemplateBodyBlock(), data)
    return TemplatePage(
        title=seed.TITLE,
        slug=seed.SLUG,
        maturity=seed.MATURITY,
        provenance=seed.PROVENANCE,
        search_description=seed.SEARCH_DESCRIPTION,
        intro=getattr(seed, "INTRO", ""),
        change_note=seed.CHANGE_NOTE,
        parties=_declared_parties(seed, body),
        body=body,
        blanks=_seed_blanks(seed, body),
    )


def _isf_template_page() -> TemplatePage:
    """The ISF with its draft easy read, each line with its starter picture (imported first
    if it can be: without OpenMoji installed the lines have no pictures)."""
    load_easy_read_pictures()
    pictures = pictures_by_key()
    page = _template_page(isf, lambda body: isf_easy_read.add_to(body, pictures))
    page.intro_easy_read = with_block_ids(
        f"{isf.SLUG}-intro-easy-read", PurposeEasyReadBlock(), isf_easy_read.purpose(pictures)
    )
    return page


def _isf_guidance(template_page: TemplatePage) -> GuidancePage:
    # Linked to the areas the template has when the guidance is created (by block id), so
    # the links hold if editors have since reordered the areas. An existing guidance page is
    # left alone like every other page: the loader never rewrites editors' content.
    areas = [
        (child.id, child.value["title"])
        for child in template_page.body
        if child.block_type == "area"
    ]
    return GuidancePage(
        title=isf_guidance.TITLE,
        slug=isf_guidance.SLUG,
        summary=isf_guidance.SUMMARY,
        about_template=template_page,
        change_note=isf_guidance.CHANGE_NOTE,
        body=with_block_ids(
            isf_guidance.SLUG, GuidanceBodyBlock(), isf_guidance.body(template_page.pk, areas)
        ),
    )


REVIEW_WORKFLOW = "Template and guidance review"
REVIEW_TASK = "Review by a moderator"


def ensure_review_workflow(*sections: Page) -> Workflow:
    """Editors' changes to templates and guidance go to a moderator, who publishes them."""
    task = GroupApprovalTask.objects.filter(name=REVIEW_TASK).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=REVIEW_TASK)
        task.groups.set(Group.objects.filter(name="Moderators"))
    workflow, created = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW)
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    for section in sections:
        WorkflowPage.objects.get_or_create(page=section, defaults={"workflow": workflow})
    return workflow


@transaction.atomic
def load_seed_content() -> SeedReport:
    report = SeedReport()
    home = _ensure_home(report)
    templates = _ensure_child(
        home,
        TemplateIndexPage,
        "templates",
        lambda: TemplateIndexPage(
            title="Agreement templates",
            slug="templates",
            show_in_menus=True,
            intro="Templates to start a partnership agreement from. Each one can be read here "
            "and made into an agreement for one person.",
        ),
        report,
    )
    guidance = _ensure_child(
        home,
        GuidanceIndexPage,
        "guidance",
        lambda: GuidanceIndexPage(
            title="Guidance",
            slug="guidance",
            show_in_menus=True,
            intro="How to use the templates, area by area, written and revised as they are tested.",
        ),
        report,
    )
    isf_page = _ensure_child(templates, TemplatePage, isf.SLUG, _isf_template_page, report)
    _ensure_child(
        templates, TemplatePage, partnering.SLUG, lambda: _template_page(partnering), report
    )
    ensure_review_workflow(templates, guidance)
    _ensure_child(
        guidance, GuidancePage, isf_guidance.SLUG, lambda: _isf_guidance(isf_page), report
    )
    return report

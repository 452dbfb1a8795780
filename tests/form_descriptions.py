"""Are a page's form hints and errors tied to their fields for screen readers?

A hint or an error message that is only placed near a field is missed by someone who reaches the
field with a screen reader: the field must name it in ``aria-describedby``. Django adds
``aria-describedby="<id>_helptext <id>_error"`` to a field with help text or errors, so each
hint and each field's error list must carry those ids (see ``templates/includes/field.html``).
"""

from bs4 import BeautifulSoup, Tag


def _hidden(element: Tag) -> bool:
    return any(
        parent.has_attr("hidden") or "visually-hidden" in (parent.get("class") or [])
        for parent in [element, *element.parents]
        if isinstance(parent, Tag)
    )


def description_problems(html: str) -> list[str]:
    """What is wrong with the page's descriptions: each ``aria-describedby`` naming an id that
    is not in the page, and each visible hint (``.form-hint``) or field error (``.form-error``
    with an id) that no element names in its ``aria-describedby``."""
    page = BeautifulSoup(html, "html.parser")
    ids = {element["id"] for element in page.find_all(id=True)}
    described: set[str] = set()
    problems = []
    for element in page.find_all(attrs={"aria-describedby": True}):
        for target in element["aria-describedby"].split():
            described.add(target)
            if target not in ids:
                name = element.get("name") or element.get("id") or element.name
                problems.append(f"{name} is described by #{target}, which is not in the page")
    for hint in page.select(".form-hint"):
        if _hidden(hint):
            continue
        if hint.get("id") not in described:
            problems.append(f"hint {hint.get_text(' ', strip=True)[:60]!r} is not any field's")
    for error in page.select(".form-error[id], [id$='_error']"):
        if error["id"] not in described:
            problems.append(f"error #{error['id']} is not any field's")
    return problems

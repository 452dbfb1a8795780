"""axe-core (from npm, in node_modules) run inside a page: WCAG 2.0, 2.1 and 2.2 A and AA rules."""

from pathlib import Path

from playwright.sync_api import Page

AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def axe_violations(page: Page) -> list[dict]:
    """The violations axe finds in the page as it is now.

    The script is evaluated through the DevTools protocol rather than added as a <script>
    element, so a content security policy without inline script does not block it.
    """
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate("() => {\n" + AXE_SCRIPT.read_text(encoding="utf-8") + "\n}")
    results = page.evaluate(
        "tags => window.axe.run(document, {runOnly: {type: 'tag', values: tags},"
        " resultTypes: ['violations']})",
        WCAG_TAGS,
    )
    return results["violations"]


def describe_violations(violations: list[dict]) -> str:
    """One paragraph per violation: its id, what it means, and the elements that fail it."""
    lines = []
    for violation in violations:
        lines.append(f"  {violation['id']} ({violation['impact']}): {violation['help']}")
        lines.append(f"    {violation['helpUrl']}")
        for node in violation["nodes"]:
            target = " ".join(
                " > ".join(part) if isinstance(part, list) else part for part in node["target"]
            )
            summary = node["failureSummary"].splitlines()
            # "Fix any of the following:" then one line per way to fix it: show the first.
            lines.append(f"    - {target}: {(summary[1:] or summary)[0].strip()}")
    return "\n".join(lines)

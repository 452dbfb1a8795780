// The template page editor's "Evidence from practice" panel lists one line per area or clause.
// This puts each line inside its own block in the body's editor too, where the editor reads and
// changes that section. Wagtail draws the body's blocks after the page loads (and again when a
// block is added or moved), so the lines are placed whenever the editor's DOM changes. Only
// text is copied: the lines are the panel's own, and a section's heading is never read here.
(() => {
  const panel = document.querySelector("[data-evidence-lines]");
  if (!panel) return;
  const label = panel.dataset.evidenceLabel;
  const lines = new Map(
    Array.from(panel.querySelectorAll("[data-evidence-block]"), (item) => [
      item.dataset.evidenceBlock,
      item.querySelector(".evidence-lines__line").textContent.trim(),
    ]),
  );

  const place = () => {
    lines.forEach((line, blockId) => {
      const child = document.querySelector(
        `[data-streamfield-child][data-contentpath="${CSS.escape(blockId)}"]`,
      );
      // The block's own panel content: its fields, under the block's heading.
      const content = child && child.querySelector(".w-panel__content");
      if (!content || child.querySelector(".evidence-beside")) return;
      const note = document.createElement("p");
      note.className = "help-block evidence-beside";
      note.textContent = `${label}: ${line}`;
      content.prepend(note);
    });
  };

  place();
  new MutationObserver(place).observe(document.body, { childList: true, subtree: true });
})();

"""Bar charts of the evidence as SVG drawn on the server: no script, and no style attributes
(the site's content security policy), only SVG's presentation attributes. Every chart draws
figures that are already suppressed and rounded, and the page gives the same numbers in a
table, so the chart is never the only way to read them."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from evidence.report import BlockEvidence, Shown

WIDTH = 720
LABEL_WIDTH = 260
BAR_HEIGHT = 22
GAP = 10
# Colours told apart by people with the common colour vision deficiencies (Okabe and Ito),
# each with a legend and the table besides.
KEPT, REWORDED, REMOVED, PLAIN = "#0072b2", "#e69f00", "#d55e00", "#009e73"


@dataclass
class Segment:
    x: float
    width: float
    fill: str
    title: str


@dataclass
class Bar:
    y: float
    text_y: float
    label: str
    segments: list[Segment] = field(default_factory=list)


@dataclass
class Chart:
    title: str
    height: float
    bars: list[Bar]
    legend: list[tuple[str, str]]  # (fill, label)
    label_width: int = LABEL_WIDTH
    width: int = WIDTH
    bar_height: int = BAR_HEIGHT

    @property
    def track_width(self) -> int:
        return WIDTH - LABEL_WIDTH - GAP


def _scale(largest: int) -> float:
    return (WIDTH - LABEL_WIDTH - GAP) / largest if largest else 0.0


def _bar(index: int, label: str, parts: list[tuple[Shown, str, str]], scale: float) -> Bar:
    y = GAP + index * (BAR_HEIGHT + GAP)
    bar = Bar(y=y, text_y=y + BAR_HEIGHT * 0.7, label=label[:45])
    x = float(LABEL_WIDTH)
    for figure, fill, name in parts:
        width = figure.number * scale
        bar.segments.append(Segment(x=x, width=width, fill=fill, title=f"{name}: {figure.label}"))
        x += width
    return bar


def _height(bars: int) -> float:
    return GAP + bars * (BAR_HEIGHT + GAP)


def sections_chart(blocks: list[BlockEvidence]) -> Chart:
    """Per section, how many agreements kept it as written, reworded it, removed it."""
    kept, reworded, removed = _("kept as written"), _("reworded"), _("removed")
    scale = _scale(max((block.total.number for block in blocks), default=0))
    bars = [
        _bar(
            index,
            block.heading,
            [
                (block.kept, KEPT, kept),
                (block.reworded, REWORDED, reworded),
                (block.removed, REMOVED, removed),
            ],
            scale,
        )
        for index, block in enumerate(blocks)
    ]
    return Chart(
        title=_("What agreements did with each section"),
        height=_height(len(bars)),
        bars=bars,
        legend=[(KEPT, kept), (REWORDED, reworded), (REMOVED, removed)],
    )


def figures_chart(title: str, figures: list[tuple[str, Shown]]) -> Chart:
    """One plain bar per figure, such as the time agreements took to be agreed."""
    scale = _scale(max((figure.number for _label, figure in figures), default=0))
    bars = [
        _bar(index, label, [(figure, PLAIN, label)], scale)
        for index, (label, figure) in enumerate(figures)
    ]
    return Chart(title=title, height=_height(len(bars)), bars=bars, legend=[])

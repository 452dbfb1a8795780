"""The evidence reads any template an editor builds from the block library: every block of each
shape is counted, an untouched agreement keeps everything, and each place's kept, reworded and
removed add up to the agreements."""

import pytest

from accounts.factories import PractitionerFactory
from evidence.computing import compute_and_store
from evidence.models import EvidenceCount, Measure
from evidence.tests.helpers import total
from personalised.forking.services import PersonDetails, fork_template
from tests.template_shapes import SHAPES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", list(SHAPES))
def test_an_untouched_agreement_of_any_shape_keeps_every_block_and_item(name):
    shape = SHAPES[name]()
    details = PersonDetails(
        person_name="Kim Example",
        known_as="Kim",
        parties={key: [value] for key, value in shape.party_names.items()},
        blanks=shape.blank_values,
    )
    for _ in range(2):
        fork_template(shape.template, owner=PractitionerFactory(), details=details)

    snapshot = compute_and_store(shape.template)

    counts = EvidenceCount.objects.filter(snapshot=snapshot)
    assert set(counts.values_list("measure", flat=True)) == {Measure.AGREEMENTS, Measure.KEPT}
    body_ids = {block.id for block in shape.template.body}
    assert set(counts.filter(item_id="").values_list("block_id", flat=True)) - {""} == body_ids
    assert all(row.count == 2 for row in counts)
    assert total(snapshot, measure=Measure.AGREEMENTS) == 2
    # Items inside blocks are counted too, not only whole blocks.
    assert counts.exclude(item_id="").count() > len(body_ids)

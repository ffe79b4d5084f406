"""Group agreements: versions the members agree, kept, with nobody's name."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from groups.agreements import agreement_save, current_agreement
from groups.models import AgreementVersion
from tests.conftest import Cast
from tests.factories import make_group

ITEMS = ["We start on time.", "We listen until someone is ready.", "Phones away."]


def test_every_change_is_a_new_version_and_the_old_ones_stay(cast: Cast, group) -> None:
    v2 = agreement_save(actor=cast.alice.user, group=group, items=ITEMS, agreed_on=date(2027, 1, 4))
    v3 = agreement_save(
        actor=cast.mia.user,
        group=group,
        items=[*ITEMS, "We end on time."],
        agreed_on=date(2027, 1, 4),
    )
    assert (v2.number, v3.number) == (2, 3)
    assert current_agreement(group) == v3
    versions = list(AgreementVersion.objects.filter(group=group).order_by("number"))
    assert [len(v.items) for v in versions] == [6, 3, 4]
    assert versions[1].items == ITEMS
    # A version says what and when, never who.
    assert {f.name for f in AgreementVersion._meta.get_fields()} == {
        "id",
        "organization",
        "group",
        "number",
        "agreed_on",
        "items",
        "created_at",
    }


def test_blank_lines_and_spacing_dont_make_items(cast: Cast, group) -> None:
    version = agreement_save(
        actor=cast.alice.user,
        group=group,
        items=["  We start   on time. ", "", "   ", "Phones away."],
        agreed_on=date(2027, 1, 4),
    )
    assert version.items == ["We start on time.", "Phones away."]


@pytest.mark.parametrize(
    ("items", "agreed_on", "field", "code"),
    [
        ([], date(2027, 1, 4), "items", "required"),
        (["  "], date(2027, 1, 4), "items", "required"),
        (["x"] * 31, date(2027, 1, 4), "items", "max"),
        (["x" * 601], date(2027, 1, 4), "items", "max_length"),
        (ITEMS, date(2027, 1, 6), "agreed_on", "invalid"),  # the future
        (ITEMS, date(2027, 1, 3), "agreed_on", "before_current"),
        (ITEMS, None, "agreed_on", "invalid"),
    ],
)
def test_it_refuses_what_cant_be_an_agreement(
    cast: Cast, group, items: list, agreed_on, field: str, code: str
) -> None:
    with pytest.raises(ValidationError) as error:
        agreement_save(actor=cast.alice.user, group=group, items=items, agreed_on=agreed_on)
    assert [e.code for e in error.value.error_dict[field]] == [code]
    assert AgreementVersion.objects.filter(group=group).count() == 1


def test_the_same_words_again_are_not_a_new_version(cast: Cast, group) -> None:
    current = current_agreement(group)
    with pytest.raises(ValidationError) as error:
        agreement_save(
            actor=cast.alice.user, group=group, items=current.items, agreed_on=date(2027, 1, 4)
        )
    assert [e.code for e in error.value.error_dict["items"]] == ["unchanged"]


def test_only_facilitators_and_managers_change_it(cast: Cast, group) -> None:
    for person in (cast.sid, cast.bob, cast.hana, cast.charlie, cast.carol):
        with pytest.raises(ValidationError):
            agreement_save(actor=person.user, group=group, items=ITEMS, agreed_on=date(2027, 1, 4))
    agreement_save(actor=cast.adam.user, group=group, items=ITEMS, agreed_on=date(2027, 1, 4))


def test_a_spanish_speaking_group_starts_from_the_spanish_starter(cast: Cast, time_machine) -> None:
    time_machine.move_to("2027-01-04T15:00:00Z", tick=False)
    spanish = current_agreement(make_group(cast, name="Grupo", languages=("es", "en"))).items
    english = current_agreement(make_group(cast, name="Group", languages=("en", "es"))).items
    assert len(spanish) == len(english) == 6
    assert spanish[5].startswith("Volver a consumir nunca significa")
    assert english[5].startswith("A return to use never means")

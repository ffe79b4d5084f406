"""Groups, their models, schedule, facilitators and liaisons: the services both doors call."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from django.core.exceptions import ValidationError

from groups import services
from groups.agreements import current_agreement
from groups.meetings import meetings_extend_all
from groups.models import Facilitator, GroupModel, Liaison, Meeting, MeetingStatus
from groups.presets import PRESETS
from tests.conftest import Cast
from tests.factories import group_input, make_group


def _codes(error: ValidationError, field: str) -> list[str]:
    return [e.code for e in error.value.error_dict[field]]


def test_each_organization_gets_its_own_copy_of_the_presets(cast: Cast) -> None:
    services.group_models_ensure(cast.harbor.pk)
    services.group_models_ensure(cast.harbor.pk)  # once only
    services.group_models_ensure(cast.elsewhere.pk)
    harbor = GroupModel.objects.filter(organization=cast.harbor)
    assert harbor.count() == len(PRESETS) == 6
    assert GroupModel.objects.filter(organization=cast.elsewhere).count() == 6
    smart = harbor.get(key="smart-recovery")
    assert (smart.approach, smart.structured, smart.gender_specific) == ("secular", True, False)
    assert "4 Points" in smart.facts
    assert harbor.get(key="twelve-step").approach == "spiritual"
    assert harbor.get(key="women-for-sobriety").gender_specific
    assert harbor.get(key="seeking-safety").focus == "trauma_substance_use"
    assert harbor.get(key="lifering").structured is False


def test_the_model_facts_filter_groups(cast: Cast, group) -> None:
    from groups.selectors import group_list_queryset

    twelve = GroupModel.objects.get(organization=cast.harbor, key="twelve-step")
    make_group(cast, name="Morning Twelve Steps", model=twelve)
    names = {g.name for g in group_list_queryset(cast.hana.user, {"model": "twelve-step"})}
    assert names == {"Morning Twelve Steps"}
    secular = {g.name for g in group_list_queryset(cast.hana.user, {"approach": "secular"})}
    assert secular == {"Thursday Evening Peer Support"}
    structured = {g.name for g in group_list_queryset(cast.hana.user, {"structured": "yes"})}
    assert structured == {"Thursday Evening Peer Support"}


def test_an_edited_model_is_the_organizations_own(cast: Cast) -> None:
    services.group_models_ensure(cast.harbor.pk)
    services.group_models_ensure(cast.elsewhere.pk)
    model = GroupModel.objects.get(organization=cast.harbor, key="lifering")
    services.group_model_save(
        actor=cast.adam.user, model=model, values={"summary": "Our own words about it."}
    )
    assert GroupModel.objects.get(pk=model.pk).summary == "Our own words about it."
    other = GroupModel.objects.get(organization=cast.elsewhere, key="lifering")
    assert other.summary != "Our own words about it."
    with pytest.raises(ValidationError):
        services.group_model_save(actor=cast.alice.user, model=model, values={"summary": "x"})
    with pytest.raises(ValidationError):
        services.group_model_save(actor=cast.charlie.user, model=model, values={"summary": "x"})


def test_a_new_group_starts_with_the_starter_agreement_and_its_meetings(cast: Cast, group) -> None:
    agreement = current_agreement(group)
    assert agreement.number == 1 and len(agreement.items) == 6
    assert agreement.agreed_on == date(2027, 1, 4)
    text = " ".join(agreement.items)
    for theme in ("boundaries", "ready", "private", "repair", "Listening", "return to use"):
        assert theme in text
    starts = list(Meeting.objects.filter(group=group).values_list("starts_at", flat=True))
    assert len(starts) == 8  # eight Thursdays ahead
    assert starts[0] == datetime(2027, 1, 8, 0, 30, tzinfo=UTC)  # 18:30 in Chicago (CST)


def test_meetings_keep_their_wall_clock_time_across_daylight_saving(
    cast: Cast, time_machine
) -> None:
    time_machine.move_to("2027-03-01T15:00:00Z", tick=False)
    group = make_group(cast, starts_on=date(2027, 3, 1))
    starts = list(Meeting.objects.filter(group=group).values_list("starts_at", flat=True))
    # Thursday 11 March is CST (UTC-6); after 14 March, CDT (UTC-5): 18:30 both times.
    assert starts[1] == datetime(2027, 3, 12, 0, 30, tzinfo=UTC)
    assert starts[2] == datetime(2027, 3, 18, 23, 30, tzinfo=UTC)


def test_the_horizon_moves_on_once_per_occurrence(cast: Cast, group, time_machine) -> None:
    assert meetings_extend_all() == 0  # nothing new yet
    time_machine.move_to("2027-01-20T15:00:00Z", tick=False)
    made = meetings_extend_all()
    assert made == 2
    assert meetings_extend_all() == 0
    assert Meeting.objects.filter(group=group).count() == 10


def test_every_two_weeks_counts_from_the_first_meeting(cast: Cast, time_machine) -> None:
    time_machine.move_to("2027-01-04T15:00:00Z", tick=False)
    group = make_group(cast, every_weeks=2, weekday=0, starts_on=date(2027, 1, 4))
    days = [m.starts_at.date() for m in Meeting.objects.filter(group=group).order_by("starts_at")]
    # Monday 18:30 in Chicago is Tuesday 00:30 in UTC; it is 09:00 in Chicago, so the 4th counts.
    assert days[:3] == [date(2027, 1, 5), date(2027, 1, 19), date(2027, 2, 2)]


def test_a_schedule_change_replaces_only_the_untouched_meetings(cast: Cast, group) -> None:
    from groups.meetings import meeting_cancel

    first = Meeting.objects.filter(group=group).order_by("starts_at").first()
    meeting_cancel(actor=cast.alice.user, meeting=first, reason="Snow")
    services.group_update(
        actor=cast.alice.user, group=group, data=group_input(cast, start_time=time(19, 0))
    )
    scheduled = Meeting.objects.filter(group=group, status=MeetingStatus.SCHEDULED)
    assert {m.starts_at.astimezone(UTC).time() for m in scheduled} == {time(1, 0)}
    assert Meeting.objects.get(pk=first.pk).status == MeetingStatus.CANCELLED


def test_pausing_a_group_takes_its_meetings_off_the_calendar(cast: Cast, group) -> None:
    services.group_update(actor=cast.mia.user, group=group, data=group_input(cast, status="paused"))
    assert not Meeting.objects.filter(group=group, status=MeetingStatus.SCHEDULED).exists()
    assert meetings_extend_all() == 0


def test_a_name_with_a_label_gets_a_gentle_suggestion_never_a_refusal(cast: Cast, group) -> None:
    group = make_group(cast, name="Trafficking Victims Support Group")
    assert group.pk  # saved as given
    hint = services.label_suggestion(group.name, group.description)
    assert "Trauma and Substance Use Peer Support Group" in hint
    assert "trafficking" in hint.lower()
    assert services.label_suggestion("Thursday Evening Peer Support", "") == ""
    # Whole words only: "victimless" or "addiction" is not a label.
    assert services.label_suggestion("Addiction recovery", "") == ""


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"venue": None}, "venue"),
        ({"format": "online", "online_details": " "}, "online_details"),
        ({"languages": ()}, "languages"),
        ({"languages": ("xx",)}, "languages"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"duration_minutes": 5}, "duration_minutes"),
        ({"every_weeks": 9}, "every_weeks"),
        ({"name": ""}, "name"),
        ({"model": None}, "model"),
    ],
)
def test_it_refuses_a_group_it_cant_run_and_saves_nothing(
    cast: Cast, changes: dict, field: str
) -> None:
    with pytest.raises(ValidationError) as error:
        services.group_create(actor=cast.mia.user, data=group_input(cast, **changes))
    assert field in error.value.error_dict
    assert not Meeting.objects.exists()
    assert not GroupModel.objects.filter(groups__isnull=False).exists()


def test_another_organizations_venue_or_model_is_refused(cast: Cast) -> None:
    from groups.models import Venue

    services.group_models_ensure(cast.elsewhere.pk)
    theirs = Venue.objects.create(organization=cast.elsewhere, name="Theirs", area="North")
    with pytest.raises(ValidationError) as error:
        services.group_create(actor=cast.mia.user, data=group_input(cast, venue=theirs))
    assert "venue" in error.value.error_dict
    their_model = GroupModel.objects.get(organization=cast.elsewhere, key="lifering")
    with pytest.raises(ValidationError) as error:
        services.group_create(actor=cast.mia.user, data=group_input(cast, model=their_model))
    assert "model" in error.value.error_dict


def test_only_managers_set_up_groups(cast: Cast) -> None:
    for person in (cast.alice, cast.bob, cast.hana, cast.charlie):
        with pytest.raises(ValidationError):
            services.group_create(actor=person.user, data=group_input(cast))


def test_a_liaison_is_never_a_facilitator_of_the_group(cast: Cast, group) -> None:
    with pytest.raises(ValidationError) as error:
        services.liaisons_set(actor=cast.mia.user, group=group, people=[cast.alice])
    assert _codes(error, "liaisons") == ["liaison_facilitates"]
    assert "Alice facilitates this group" in error.value.error_dict["liaisons"][0].message
    with pytest.raises(ValidationError) as error:
        services.facilitators_set(
            actor=cast.mia.user, group=group, people=[cast.alice, cast.sid], lead=cast.alice
        )
    assert _codes(error, "facilitators") == ["liaison_facilitates"]
    assert list(Liaison.objects.filter(group=group).values_list("person", flat=True)) == [
        cast.sid.pk
    ]
    assert list(Facilitator.objects.filter(group=group).values_list("person", flat=True)) == [
        cast.alice.pk
    ]


def test_facilitators_are_peer_specialists_of_the_organization(cast: Cast, group) -> None:
    with pytest.raises(ValidationError) as error:
        services.facilitators_set(actor=cast.mia.user, group=group, people=[cast.hana], lead=None)
    assert _codes(error, "facilitators") == ["not_a_peer"]
    with pytest.raises(ValidationError) as error:
        services.facilitators_set(actor=cast.mia.user, group=group, people=[cast.carol], lead=None)
    assert _codes(error, "facilitators") == ["not_found"]
    with pytest.raises(ValidationError) as error:
        services.liaisons_set(actor=cast.mia.user, group=group, people=[cast.charlie])
    assert _codes(error, "liaisons") == ["not_found"]


def test_one_lead_among_the_facilitators(cast: Cast, group) -> None:
    from tests.factories import ProfileFactory

    pat = ProfileFactory(organization=cast.harbor, chosen_name="Pat")
    services.facilitators_set(actor=cast.mia.user, group=group, people=[cast.alice, pat], lead=pat)
    leads = Facilitator.objects.filter(group=group, lead=True)
    assert list(leads.values_list("person", flat=True)) == [pat.pk]
    with pytest.raises(ValidationError) as error:
        services.facilitators_set(actor=cast.mia.user, group=group, people=[cast.alice], lead=pat)
    assert _codes(error, "lead") == ["invalid"]


def test_a_change_of_status_alone_keeps_the_meetings_and_their_links(cast: Cast, time_machine):
    time_machine.move_to("2027-01-04T15:00:00Z", tick=False)
    group = make_group(cast, status="forming")
    before = set(Meeting.objects.filter(group=group).values_list("pk", flat=True))
    services.group_update(
        actor=cast.mia.user, group=group, data=group_input(cast, status="meeting")
    )
    assert set(Meeting.objects.filter(group=group).values_list("pk", flat=True)) == before


def test_a_paused_group_cancels_even_the_meetings_moved_by_hand(cast: Cast, group) -> None:
    from groups.meetings import meeting_move

    second = Meeting.objects.filter(group=group).order_by("starts_at")[1]
    moved = meeting_move(actor=cast.alice.user, meeting=second, on=date(2027, 1, 15), at=time(17))
    services.group_update(actor=cast.mia.user, group=group, data=group_input(cast, status="paused"))
    moved.refresh_from_db()
    assert (moved.status, moved.status_reason, moved.sequence) == (
        "cancelled",
        "The group is paused.",
        1,
    )
    assert not Meeting.objects.filter(group=group, status=MeetingStatus.SCHEDULED).exists()
    # Meeting again: the schedule comes back, except the occurrence that was moved (it stays
    # "moved", its new time cancelled by the pause; the facilitator plans it again if need be).
    services.group_update(
        actor=cast.mia.user, group=group, data=group_input(cast, status="meeting")
    )
    assert Meeting.objects.filter(group=group, status=MeetingStatus.SCHEDULED).count() == 7
    assert Meeting.objects.get(pk=second.pk).status == MeetingStatus.MOVED


def test_hr_is_not_a_liaison(cast: Cast, group) -> None:
    with pytest.raises(ValidationError) as error:
        services.liaisons_set(actor=cast.mia.user, group=group, people=[cast.hana])
    assert _codes(error, "liaisons") == ["hr_only"]
    services.liaisons_set(actor=cast.mia.user, group=group, people=[cast.bob])  # a supervisor


def test_people_are_set_only_on_the_actors_organizations_group(cast: Cast, group) -> None:
    with pytest.raises(ValidationError) as error:
        services.liaisons_set(actor=cast.charlie.user, group=group, people=[])
    assert error.value.code == "not_found"
    assert Liaison.objects.filter(group=group).count() == 1

"""The group pages: what each person sees, the forms, and errors that save nothing."""

from __future__ import annotations

from groups.agreements import current_agreement
from groups.models import AgreementVersion, Facilitator, Liaison, Meeting, SupportGroup
from supervision.models import TopicRequest
from tests.conftest import Cast

AFTER_FIRST = "2027-01-08T03:00:00Z"


def _first(group) -> Meeting:
    return Meeting.objects.filter(group=group).order_by("starts_at").first()


def test_the_list_shows_my_groups_and_the_listed_ones(cast: Cast, group, login, client) -> None:
    login(cast.alice)
    page = client.get("/groups/").content.decode()
    assert "Groups I facilitate" in page and "Thursday Evening Peer Support" in page
    client.logout()
    login(cast.hana)
    page = client.get("/groups/").content.decode()
    assert "Thursday Evening Peer Support" in page and "Groups I facilitate" not in page
    client.logout()
    login(cast.carol)
    assert "Thursday Evening" not in client.get("/groups/").content.decode()


def test_the_list_runs_the_same_queries_for_any_number_of_groups(
    cast: Cast, group, login, client, django_assert_max_num_queries
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import make_group

    login(cast.mia)
    with CaptureQueriesContext(connection) as one:
        client.get("/groups/")
    for n in range(6):
        make_group(cast, name=f"Group {n}")
    with CaptureQueriesContext(connection) as seven:
        assert client.get("/groups/").status_code == 200
    assert len(seven) == len(one)


def test_a_group_page_shows_what_to_expect_honestly(cast: Cast, group, login, client) -> None:
    login(cast.hana)
    page = client.get(f"/groups/{group.pk}/").content.decode()
    assert "Listening without speaking is always welcome" in page
    assert "A return to use never means being asked to leave" in page
    assert "nobody can guarantee" in page
    assert "4 Points" in page
    assert "Eastside" in page
    # HR reads the listing, not the records.
    assert "Recent meetings" not in page and "Group agreement" not in page


def test_a_manager_sets_up_a_group_and_gets_a_gentle_suggestion(cast: Cast, login, client):
    from groups.models import GroupModel, Venue
    from groups.services import group_models_ensure

    group_models_ensure(cast.harbor.pk)
    venue = Venue.objects.create(organization=cast.harbor, name="Library", area="Eastside")
    model = GroupModel.objects.get(organization=cast.harbor, key="seeking-safety")
    login(cast.mia)
    form = {
        "name": "Trafficking Survivors Group",
        "model": model.pk,
        "who_for": "Adults living with trauma and substance use",
        "languages": ["en"],
        "format": "in_person",
        "venue": venue.pk,
        "weekday": "1",
        "start_time": "17:30",
        "duration_minutes": "90",
        "every_weeks": "1",
        "timezone": "America/Chicago",
        "starts_on": "2027-01-05",
        "status": "forming",
        "published": "on",
        "liaison_every_weeks": "8",
    }
    response = client.post("/groups/new/", form, follow=True)
    group = SupportGroup.objects.get()
    assert response.redirect_chain[-1][0] == f"/groups/{group.pk}/people/"
    text = response.content.decode()
    assert "Trauma and Substance Use Peer Support Group" in text  # the suggestion
    assert current_agreement(group).number == 1


def test_a_form_with_errors_saves_nothing(cast: Cast, login, client) -> None:
    login(cast.mia)
    response = client.post("/groups/new/", {"name": "x", "format": "online"})
    assert response.status_code == 400
    assert "Please check the following" in response.content.decode()
    assert not SupportGroup.objects.exists()


def test_choosing_a_facilitator_as_liaison_is_refused_clearly(
    cast: Cast, group, login, client
) -> None:
    login(cast.mia)
    response = client.post(
        f"/groups/{group.pk}/people/",
        {"facilitators": [cast.alice.pk], "lead": cast.alice.pk, "liaisons": [cast.alice.pk]},
    )
    assert response.status_code == 400
    assert "Alice facilitates this group, so can" in response.content.decode()
    assert list(Liaison.objects.values_list("person", flat=True)) == [cast.sid.pk]
    assert list(Facilitator.objects.values_list("person", flat=True)) == [cast.alice.pk]


def test_swapping_a_facilitator_and_the_liaison_in_one_go(cast: Cast, group, login, client):
    from tests.factories import ProfileFactory

    pat = ProfileFactory(organization=cast.harbor, chosen_name="Pat")
    login(cast.mia)
    response = client.post(
        f"/groups/{group.pk}/people/",
        {"facilitators": [pat.pk], "lead": pat.pk, "liaisons": [cast.alice.pk]},
    )
    assert response.status_code == 302
    assert list(Liaison.objects.values_list("person", flat=True)) == [cast.alice.pk]
    assert list(Facilitator.objects.values_list("person", flat=True)) == [pat.pk]


def test_the_facilitator_edits_the_agreement(cast: Cast, group, login, client) -> None:
    login(cast.alice)
    response = client.post(
        f"/groups/{group.pk}/agreement/",
        {"items": "We start on time.\n\nPhones away.", "agreed_on": "2027-01-04"},
    )
    assert response.status_code == 302
    assert current_agreement(group).items == ["We start on time.", "Phones away."]
    bad = client.post(f"/groups/{group.pk}/agreement/", {"items": "x", "agreed_on": "2030-01-01"})
    assert bad.status_code == 400
    assert AgreementVersion.objects.filter(group=group).count() == 2
    client.logout()
    login(cast.sid)  # the liaison reads it, and can't change it
    assert client.get(f"/groups/{group.pk}/agreement/").status_code == 200
    assert client.post(f"/groups/{group.pk}/agreement/", {"items": "y"}).status_code == 404


def test_the_meeting_page_reads_the_agreement_aloud(cast: Cast, group, login, client) -> None:
    from selfcare.models import CrisisLine

    CrisisLine.objects.create(organization=cast.harbor, name="988 Lifeline", number="988")
    Liaison.objects.filter(group=group).update(contact="Sid: 555-0199")
    login(cast.alice)
    page = client.get(f"/groups/meetings/{_first(group).pk}/").content.decode()
    assert 'data-testid="read-aloud"' in page
    assert "We respect each other" in page
    assert "988 Lifeline" in page and "Sid: 555-0199" in page
    assert "Log this meeting" in page


def test_logging_a_meeting_from_the_page(cast: Cast, group, login, client, time_machine):
    time_machine.move_to(AFTER_FIRST, tick=False)
    login(cast.alice)
    meeting = _first(group)
    response = client.post(
        f"/groups/meetings/{meeting.pk}/log/",
        {
            "held": "yes",
            "attended": "8",
            "newcomers": "3",
            "held_minutes": "90",
            "agreement_read": "yes",
            "facilitated_by": [cast.alice.pk],
            "talk_through": "I'd like to talk about the argument.",
        },
        follow=True,
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "the meeting is logged" in text and "self-care plan" in text
    meeting.refresh_from_db()
    assert (meeting.attended, meeting.newcomers) == (8, 3)
    assert TopicRequest.objects.filter(person=cast.alice).count() == 1
    again = client.post(f"/groups/meetings/{meeting.pk}/log/", {"held": "yes", "attended": "1"})
    assert again.status_code in (400, 404)


def test_a_bad_log_is_refused_with_a_message(cast: Cast, group, login, client, time_machine):
    time_machine.move_to(AFTER_FIRST, tick=False)
    login(cast.alice)
    meeting = _first(group)
    response = client.post(
        f"/groups/meetings/{meeting.pk}/log/",
        {"held": "yes", "attended": "3", "newcomers": "5", "agreement_read": "yes"},
    )
    assert response.status_code == 400
    assert "More people were new than came" in response.content.decode()
    meeting.refresh_from_db()
    assert meeting.logged_at is None


def test_the_liaison_page_and_card(cast: Cast, group, login, client, time_machine) -> None:
    from groups.meetings import MeetingLogInput, meeting_log

    time_machine.move_to(AFTER_FIRST, tick=False)
    meeting_log(
        actor=cast.alice.user,
        meeting=_first(group),
        data=MeetingLogInput(
            held=True, attended=6, agreement_read=True, liaison_note="A member felt unsafe."
        ),
    )
    login(cast.sid)
    page = client.get(f"/groups/{group.pk}/liaison/").content.decode()
    assert "A member felt unsafe." in page
    assert (
        client.post(f"/groups/{group.pk}/liaison/visits/", {"planned_on": "2027-01-14"}).status_code
        == 302
    )
    assert (
        client.post(f"/groups/{group.pk}/liaison/contact/", {"contact": "555-0199"}).status_code
        == 302
    )
    card = client.get(f"/groups/{group.pk}/liaison/card.pdf")
    assert card["Content-Type"] == "application/pdf"
    client.logout()
    login(cast.alice)  # the facilitator never opens the liaison's page
    assert client.get(f"/groups/{group.pk}/liaison/").status_code == 404


def test_talk_it_through_reaches_the_supervision_session_and_no_one_else(
    cast: Cast, group, login, client, time_machine
) -> None:
    from datetime import date, time

    from groups.meetings import MeetingLogInput, meeting_log
    from supervision.scheduling import Plan, session_schedule

    time_machine.move_to(AFTER_FIRST, tick=False)
    meeting_log(
        actor=cast.alice.user,
        meeting=_first(group),
        data=MeetingLogInput(
            held=True, attended=6, agreement_read=True, talk_through="The argument shook me."
        ),
    )
    (session,) = session_schedule(
        actor=cast.bob.user,
        plan=Plan(
            supervisor=cast.bob,
            participants=(cast.alice,),
            kind="individual",
            format="phone",
            on=date(2027, 1, 12),
            at=time(10, 0),
            timezone="America/Chicago",
            duration_minutes=60,
        ),
    )
    url = f"/supervision/sessions/{session.pk}/"
    login(cast.alice)
    assert 'data-testid="talk-through"' in client.get("/dashboard/").content.decode()
    assert "The argument shook me." in client.get(url).content.decode()
    client.logout()
    login(cast.bob)
    assert "The argument shook me." in client.get(url).content.decode()
    client.logout()
    login(cast.mia)  # managers see the session's facts, never this
    page = client.get(url)
    assert page.status_code == 200 and "The argument shook me." not in page.content.decode()
    assert "talk-through" not in client.get("/dashboard/").content.decode()
    client.logout()
    login(cast.bob)
    topic = TopicRequest.objects.get()
    response = client.post(f"{url}topics/{topic.pk}/done/")
    assert response.status_code == 302
    topic.refresh_from_db()
    assert topic.talked_in == session
    client.logout()
    login(cast.alice)
    assert 'data-testid="talk-through"' not in client.get("/dashboard/").content.decode()


def test_a_facilitators_home_shows_their_groups(cast: Cast, group, login, client) -> None:
    login(cast.alice)
    panel = client.get("/dashboard/").content.decode()
    assert 'data-testid="dashboard-groups"' in panel and "Thursday Evening Peer Support" in panel


def test_a_facilitators_home_runs_the_same_queries_for_any_number_of_groups(
    cast: Cast, group, login, client
) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from groups.services import facilitators_set
    from tests.factories import make_group

    login(cast.alice)
    counts = []
    for n in range(2):
        with CaptureQueriesContext(connection) as home:
            client.get("/dashboard/")
        counts.append(len(home))
        with CaptureQueriesContext(connection) as mine:
            client.get("/api/v1/groups/mine/")
        counts.append(len(mine))
        for i in range(3):
            extra = make_group(cast, name=f"Extra {n}{i}")
            facilitators_set(actor=cast.mia.user, group=extra, people=[cast.alice], lead=cast.alice)
    assert counts[0] == counts[2] and counts[1] == counts[3]


def test_the_list_narrows_by_the_facts_people_choose_by(cast: Cast, group, login, client):
    from groups.models import GroupModel
    from tests.factories import make_group

    twelve = GroupModel.objects.get(organization=cast.harbor, key="twelve-step")
    make_group(cast, name="Morning Twelve Steps", model=twelve, languages=("en",))
    login(cast.hana)

    def names(query: str) -> set[str]:
        page = client.get(f"/groups/?{query}").context
        return {row.group.name for row in page["rows"]}

    assert names("approach=spiritual") == {"Morning Twelve Steps"}
    assert names("approach=secular&structured=yes") == {"Thursday Evening Peer Support"}
    assert names("language=es") == {"Thursday Evening Peer Support"}
    assert names("gender_specific=yes") == set()
    assert names("focus=substance_use") == {"Thursday Evening Peer Support", "Morning Twelve Steps"}
    assert "language=es" in client.get("/groups/?language=es").context["query"]

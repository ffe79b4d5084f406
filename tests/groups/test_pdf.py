"""The printed handouts, read back: the agreement in the group's language, the liaison's card."""

from __future__ import annotations

import io
from datetime import date

from pypdf import PdfReader

from groups.agreements import agreement_save
from groups.models import Liaison
from tests.conftest import Cast
from tests.factories import make_group


def _text(content: bytes) -> str:
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_the_agreement_prints_as_the_members_wrote_it(cast: Cast, group, login, client) -> None:
    agreement_save(
        actor=cast.alice.user,
        group=group,
        items=[
            "We start on time.",
            "Phones away, unless you're on call.",
            "Nguyễn's rule: tea first.",
        ],
        agreed_on=date(2027, 1, 4),
    )
    login(cast.sid)  # the liaison may print it too
    response = client.get(f"/groups/{group.pk}/agreement.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].endswith('v2.pdf"')
    text = _text(response.content)
    assert "Our group agreement" in text and "Thursday Evening Peer Support" in text
    assert "We start on time." in text and "Phones away" in text
    assert "Version 2, agreed on 2027-01-04." in text
    assert "Nguy" in text  # accents kept, or dropped without boxes: never lost
    assert "Alice" not in text and "Sid" not in text


def test_a_spanish_speaking_group_prints_in_spanish(cast: Cast, login, client, time_machine):
    time_machine.move_to("2027-01-04T15:00:00Z", tick=False)
    group = make_group(cast, name="Grupo de los martes", languages=("es", "en"))
    login(cast.alice)
    text = _text(client.get(f"/groups/{group.pk}/agreement.pdf").content)
    assert "Nuestro acuerdo de grupo" in text
    assert "Volver a consumir nunca significa" in text
    assert "Versión 1, acordada el 2027-01-04." in text


def test_the_liaison_card_has_their_contact_and_the_report_route(cast: Cast, group, login, client):
    Liaison.objects.filter(group=group, person=cast.sid).update(contact="Sid: 555-0199, weekdays")
    login(cast.sid)
    response = client.get(f"/groups/{group.pk}/liaison/card.pdf")
    text = _text(response.content)
    assert "Your group's liaison" in text and "Sid" in text and "555-0199" in text
    assert "You don't have to give your name." in text
    assert f"/report/{group.public_code}/" in text.replace("\n", "")
    content = PdfReader(io.BytesIO(response.content)).pages[0].get_contents().get_data()
    assert content.decode("latin-1").count(" re") > 100  # the report address as a QR code
    assert "Alice" not in text  # no facilitator, no member
    reader = PdfReader(io.BytesIO(response.content))
    assert round(float(reader.pages[0].mediabox.width)) == 298  # A6, to hand out


def test_the_flyer_reads_back_in_both_sizes_and_languages(cast: Cast, group, login, client):
    from groups import services
    from groups.models import SupportGroup

    services.finder_save(
        actor=cast.adam.user, published=True, intro="", ask_contact="Text 555-0100"
    )
    SupportGroup.objects.filter(pk=group.pk).update(in_finder=True)
    login(cast.alice)
    letter = client.get(f"/groups/{group.pk}/flyer.pdf")
    reader = PdfReader(io.BytesIO(letter.content))
    text = reader.pages[0].extract_text()
    assert "Thursday Evening Peer Support" in text and "Eastside (ask us for the address)" in text
    assert "12 Elm Street" not in text and "Text 555-0100" in text
    assert f"/find/harbor/{group.public_code}/" in text.replace("\n", "")
    assert f"/report/{group.public_code}/" in text.replace("\n", "")
    content = reader.pages[0].get_contents().get_data().decode("latin-1")
    assert content.count(" re") > 200  # two QR codes: the group's page, the report address
    assert round(float(reader.pages[0].mediabox.width)) == 612  # Letter
    a4 = PdfReader(io.BytesIO(client.get(f"/groups/{group.pk}/flyer.pdf?size=a4").content))
    assert round(float(a4.pages[0].mediabox.width)) == 595
    spanish = _text(client.get(f"/groups/{group.pk}/flyer.pdf?lang=es").content)
    assert "Siempre se puede escuchar sin hablar" in spanish and "jueves a las 18:30" in spanish
    client.logout()
    login(cast.hana)
    assert client.get(f"/groups/{group.pk}/flyer.pdf").status_code == 404

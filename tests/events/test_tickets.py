from django.test import override_settings

from events.tickets import registration_id_from_code, ticket_code


def test_a_ticket_code_names_its_registration():
    code = ticket_code(1234)
    assert code.startswith("1234-")
    assert registration_id_from_code(code) == 1234


def test_a_typed_code_may_be_lower_case_and_spaced():
    code = ticket_code(77)
    assert registration_id_from_code(" " + code.lower().replace("-", " ") + " ") == 77


def test_a_forged_or_mistyped_code_names_nothing():
    code = ticket_code(1234)
    assert registration_id_from_code(code.replace("1234", "1235")) is None
    last = code[-1]
    assert registration_id_from_code(code[:-1] + ("A" if last != "A" else "B")) is None
    assert registration_id_from_code("") is None
    assert registration_id_from_code("https://example.com/") is None


def test_each_registration_has_its_own_code():
    assert len({ticket_code(pk) for pk in range(1, 200)}) == 199


def test_a_code_signed_with_another_key_names_nothing():
    code = ticket_code(1234)
    with override_settings(SECRET_KEY="another-installation-" + "x" * 40):
        assert registration_id_from_code(code) is None
        assert registration_id_from_code(ticket_code(1234)) == 1234

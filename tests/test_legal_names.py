"""Name matching used by the proxy and attendance checks."""

from __future__ import annotations

import pytest

from pipeline.records import Member
from pipeline.validate.names import find_person, match


@pytest.mark.parametrize(
    ("first", "second", "strength"),
    [
        pytest.param("Mme Nadine BONNET", "BONNET Nadine", "full", id="civility-and-order"),
        pytest.param("Philippe ROUVIER – COROUGE", "Philippe ROUVIER-COROUGE", "full", id="spaced-hyphen"),
        pytest.param("Philippe VINÇON", "M. VINCON Philippe", "full", id="accents"),
        pytest.param("BONNET", "Nadine BONNET", "partial", id="surname-alone"),
        pytest.param("RYCKELYNCK J.P.", "Jean-Paul RYCKELYNCK", "partial", id="initials"),
        pytest.param("X, 4ème Adjoint", "X", None, id="one-letter-is-no-name"),
        pytest.param("MURCIA B.", "MURCIA Alain", None, id="initial-disagrees"),
        pytest.param("Catherine MARTEL", "Catherine VINAS", None, id="same-first-name"),
        pytest.param("Monsieur", "Madame", None, id="civilities-only"),
    ],
)
def test_legal_names_match(first, second, strength):
    assert match(first, second) == strength


MEMBERS = [
    Member(name="Paul MARTIN", status="present"),
    Member(name="Rose MARTIN", status="absent"),
    Member(name="Claire PETIT", status="excused"),
]


@pytest.mark.parametrize(
    ("name", "statuses"),
    [
        pytest.param("MARTIN Paul", {"present"}, id="full-name"),
        pytest.param("PETIT", {"excused"}, id="surname-one-person"),
        pytest.param("MARTIN", set(), id="surname-two-people"),
        pytest.param("M. DURAND", {"present"}, id="president"),
        pytest.param("Zoé INCONNUE", set(), id="not-listed"),
    ],
)
def test_legal_names_find_person(name, statuses):
    assert find_person(name, MEMBERS, president="Jean DURAND") == statuses

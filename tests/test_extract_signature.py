"""The president read from the signature block (pipeline/extract/signature.py)."""

from __future__ import annotations

import pytest

from pipeline.extract.signature import signed_by


def _signed(text: str) -> tuple[str, str | None] | None:
    found = signed_by(text, 0, len(text))
    return (found.value.name, found.value.role) if found else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Fait et délibéré les jour, mois et an susdits.\nLe Président, Bernard CHAMBION\n",
            ("Bernard CHAMBION", "Président"),
        ),
        ("Le Maire,\nJean DUPONT\n", ("Jean DUPONT", "Maire")),
        (
            "Le Président,                         La secrétaire de séance,\n"
            "Alain BARICHARD                       Odette MALTERRE\n",
            ("Alain BARICHARD", "Président"),
        ),
        (
            "La secrétaire de séance,              La Maire,\nOdette MALTERRE                       Odile CHÉRAMY\n",
            ("Odile CHÉRAMY", "Maire"),
        ),
        (f"{' ' * 40}Le Maire,\n\n{' ' * 40}Paul MARTIN\n", ("Paul MARTIN", "Maire")),
        ("La secrétaire, Anne Sabathé — Le maire, Bernard Dedieu\n", ("Bernard Dedieu", "Maire")),
    ],
)
def test_signature_gives_the_president(text: str, expected: tuple[str, str]) -> None:
    assert _signed(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        # the only name under the block is the secretary's, in the other column
        "La secrétaire de séance,              Le Maire,\nOdette MALTERRE\n",
        # a deputy signs for the mayor: the title is not at the start of its column
        "Pour le Maire empêché, l'adjoint délégué,\nPaul MARTIN\n",
        # the mayor speaks, he does not sign
        "Le Maire expose que la commune doit renouveler la convention.\nJean DUPONT\n",
        # a signature without a legible name
        "Le Maire,\n(signé)\n",
    ],
)
def test_no_signature_no_president(text: str) -> None:
    assert _signed(text) is None

"""Segmentation: which items are acts, with which titles (one test id per layout)."""

from __future__ import annotations

import pytest

from pipeline.clean import clean
from pipeline.records import Document, Page
from pipeline.segment import segment


def _segment(text: str) -> tuple[str, list[str | None]]:
    document = Document(
        path="x.txt",
        doc="x",
        sha256="0",
        media_type="text/plain",
        pages=[Page(number=1, source="text", text=text)],
    )
    result = segment(clean(document))
    return result.kind, [act.agenda_title if act.title_source == "unheaded" else act.title for act in result.acts]


MINUTES = """CR du conseil municipal 05 novembre 2021
Présents : Jean-Pierre, Yves, Jacques.
Ordre du jour
1/ Recensement voirie communale :
L'état demande de mesurer toute la voirie communale.
12 votes pour.
2/ Renouvellement contrat GRDF :
Présentation du directeur territorial de GRDF.
3 abstentions 8 votes pour
3/ Questions diverses
A/ Caméra point vert
Débat sur le placement d'une caméra.
"""

AGENDA = """Ordre du jour
Approbation du procès-verbal du 17 novembre 2023
Zones d'accélération pour l'implantation d'installations terrestres de
production d'énergies renouvelables - Bilan de concertation
Questions diverses

Nomination du secrétaire
Monsieur le Maire propose la candidature de Mr VINCON en qualité de secrétaire
Vote : unanimité

Monsieur le Maire demande s'il y a des observations.
Vote : unanimité

Zones d’accélération pour Pimplantation d’i
Vu la loi n° 2023-175,
Vote : unanimité

Questions diverses
Prime pouvoir d'achat.
"""

AGENDA_CHANGE = """Ordre du jour
Approbation du procès-verbal du 22 septembre 2023
Convention d'adhésion au service de prévention des risques professionnels
Questions diverses

Monsieur le Maire demande aux Membres du Conseil Municipal de retirer à l'ordre du
jour Convention d'adhésion au service de prévention des risques professionnels
Vote : unanimité

Approbation du procès-verbal du 22 septembre 2023
Personne ne prenant la parole, il est passé au vote
Vote : Unanimité
"""


@pytest.mark.parametrize(
    ("text", "kind", "titles"),
    [
        pytest.param(
            "Objet: DISPOSITIF DE MUTUALISATION (délib. 2025/02/11)\nVu le CGCT,\nLe dispositif est validé à "
            "l'unanimité.",
            "deliberation",
            ["DISPOSITIF DE MUTUALISATION (délib. 2025/02/11)"],
            id="objet",
        ),
        pytest.param(
            "Délibération N° 2025-02-10\n\nOBJET\n\nConvention relative à la médiation\nnumérique\nVu le CGCT,\n"
            "Le Conseil Municipal, après en avoir délibéré, à l'unanimité, VALIDE",
            "deliberation",
            ["Convention relative à la médiation numérique"],
            id="objet-line",
        ),
        pytest.param(
            "DELIBERATION N° 10 - CONSEILLER NUMERIQUE\nLe CONSEIL MUNICIPAL décide à l'unanimité :",
            "deliberation",
            ["CONSEILLER NUMERIQUE"],
            id="numbered-deliberation",
        ),
        pytest.param(
            MINUTES,
            "deliberation",
            ["Recensement voirie communale", "Renouvellement contrat GRDF"],
            id="numbered-items-without-agenda",
        ),
        pytest.param(
            AGENDA,
            "deliberation",
            [
                "Approbation du procès-verbal du 17 novembre 2023",
                "Zones d’accélération pour Pimplantation d’i",
            ],
            id="agenda-unheaded-and-cut-titles",
        ),
        pytest.param(
            AGENDA_CHANGE,
            "deliberation",
            ["Approbation du procès-verbal du 22 septembre 2023"],
            id="agenda-change-is-not-an-act",
        ),
        pytest.param(
            "CONVENTION RELATIVE A LA MEDIATION\nENTRE\nLa Communauté X\nET\nLa Commune de Y\nArticle 1 : Objet",
            "convention",
            ["CONVENTION RELATIVE A LA MEDIATION"],
            id="convention-alone",
        ),
        pytest.param(
            "ARRÊTÉ MUNICIPAL N° 2024-056\nLe Maire de la Commune de Saint-Martin,\nARRÊTE\nArticle 1er : ...",
            "other",
            [None],
            id="arrete-is-other",
        ),
        pytest.param("The quick brown fox jumps over the lazy dog.", "other", [], id="english-gives-nothing"),
    ],
)
def test_segment_finds_acts(text: str, kind: str, titles: list[str | None]) -> None:
    assert _segment(text) == (kind, titles)

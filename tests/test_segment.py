"""Segmentation: which items are acts, with which titles (one test id per layout)."""

from __future__ import annotations

import pytest

from pipeline.clean import clean
from pipeline.records import Document, Page, Segmentation
from pipeline.segment import segment


def _segmentation(text: str, media_type: str = "text/plain") -> Segmentation:
    document = Document(
        path="x.txt",
        doc="x",
        sha256="0",
        media_type=media_type,
        pages=[Page(number=1, source="text", text=text)],
    )
    return segment(clean(document))


def _segment(text: str) -> tuple[str, list[str | None]]:
    result = _segmentation(text)
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

POINTS = """Ordre du jour
Approbation du procès-verbal du 22 septembre 2023
Conditions de facturation eau et assainissement 2024
Carrière de Vers

Approbation du procès-verbal du 22 septembre 2023
Vote : Unanimité

Conditions de facturation eau et assainissement 2024
Monsieur le Maire propose le maintien des 2 périodes.

1- Maintien des 2 périodes : estivale : juin à septembre

2 - Maintien du prix du m3 d'eau assainie à 1.02 €.

3 - Facturation estivale :
1ère tranche 0 m3 à 80 m3 1.40 €/m3

Vote : Unanimité

Enquête publique relative à la demande d'autorisation de la carrière
Vu le dossier,
Le conseil municipal émet un avis favorable.
Vote : 3 ABSTENTIONS / 7 POUR

M57- Décision Modificative n° 1
Dépenses d'investissement : 1020 €
Vote : Unanimité
"""

MARGIN_OBJET = """Ordre du jour
M14 - Taux d'imposition des taxes locales - 2021
M14 - Budget Primitif 2021

M14 - Taux d'imposition des taxes locales - 2021
Monsieur le Maire explique les nouvelles modalités.
\f
Objet :

31 mars 2021

Taxe foncière bâti 39.11 %
Vote : à l'unanimité

M14 - Budget Primitif 2021
Recettes 301 394.00 €
Vote : à l'unanimité
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
        pytest.param(
            POINTS,
            "deliberation",
            [
                "Approbation du procès-verbal du 22 septembre 2023",
                "Conditions de facturation eau et assainissement 2024",
                "Carrière de Vers",
                None,
            ],
            id="numbered-points-of-one-item-and-unheaded-blocks",
        ),
        pytest.param(
            MARGIN_OBJET,
            "deliberation",
            ["M14 - Taux d'imposition des taxes locales - 2021", "M14 - Budget Primitif 2021"],
            id="margin-objet-with-a-date-is-no-heading",
        ),
        pytest.param(
            "RECUEIL DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL\nSÉANCE DU JEUDI 27 MARS 2025\n\n"
            "DÉLIBÉRATION N° 2025-03-041\n\nFINANCES – BUDGET PRIMITIF 2025\n\nAprès en avoir délibéré,\n"
            "ADOPTE le budget.\nAdopté par 38 voix pour, 6 contre.\n\n"
            "DÉLIBÉRATION N° 2025-03-042\n\nVIE ASSOCIATIVE – SUBVENTIONS\n\nAdopté à l'unanimité.\n",
            "deliberation",
            ["FINANCES – BUDGET PRIMITIF 2025", "VIE ASSOCIATIVE – SUBVENTIONS"],
            id="number-line-a-blank-line-above-the-title",
        ),
        pytest.param(
            "RÉGION LOIRE-OCÉAN\n\nCOMMISSION PERMANENTE DU 14 AVRIL 2025\n\nRapport n° CP-2025-04-117\n\n"
            "DÉLIBÉRATION DE LA COMMISSION PERMANENTE\n\nLycées publics – dotations 2025\n\nDÉCIDE :\n"
            "- d'attribuer les dotations.\nPour : 38 ; Contre : 0 ; Abstention : 0\n",
            "deliberation",
            ["Lycées publics – dotations 2025"],
            id="report-number-a-kind-line-then-the-title",
        ),
        pytest.param(
            "Compte rendu de la réunion du conseil municipal du 11 février 2025\n\n"
            "1/ Approbation du compte rendu du 14 janvier : lu et approuvé sans remarque. Accord unanime.\n\n"
            "2) Toiture de l'église\n\nLe conseil retient la proposition.\n\nVote : 9 pour, 1 contre.\n",
            "deliberation",
            ["Approbation du compte rendu du 14 janvier", "Toiture de l'église"],
            id="title-then-its-one-sentence-decision",
        ),
        pytest.param(
            "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL\nSéance du 30/06/2025\n\n"
            "Secrétaire de séance\tAnnick AUBIN\nObjet\tConvention de servitude avec ENEDIS\n"
            "Matière\t3.5 Autres actes de gestion du domaine public\n\nLe Conseil municipal, après en avoir "
            "délibéré :\nAPPROUVE la convention.\nVOTE : POUR 15 – CONTRE 0 – ABSTENTION 0\n",
            "deliberation",
            ["Convention de servitude avec ENEDIS"],
            id="a-form-with-tabs-and-the-next-field-under-the-title",
        ),
        pytest.param(
            "RECUEIL DES ACTES ADMINISTRATIFS\n\nEXTRAIT DU REGISTRE DES DÉLIBÉRATIONS\nSéance du 24 juin 2025\n\n"
            "Objet : Tarifs de l'école de musique\n\nAprès en avoir délibéré, adopté à l'unanimité.\n\n"
            "ARRÊTÉ DU PRÉSIDENT N° AP-2025-014\nportant règlement intérieur des déchetteries\n\n"
            "Le Président de la Communauté de communes,\nARRÊTE :\nArticle 1 : le règlement est adopté.\n",
            "deliberation",
            [
                "Tarifs de l'école de musique",
                "ARRÊTÉ DU PRÉSIDENT N° AP-2025-014 portant règlement intérieur des déchetteries",
            ],
            id="an-arrete-in-a-recueil-is-a-record-of-kind-other",
        ),
        pytest.param(
            "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS\nSéance du 8 avril 2025\n\nN° 2025-14 – Approbation du compte "
            "financier unique 2024\n\nLe Conseil municipal, après en avoir délibéré, approuve.\n",
            "deliberation",
            ["Approbation du compte financier unique 2024"],
            id="number-then-title",
        ),
    ],
)
def test_segment_finds_acts(text: str, kind: str, titles: list[str | None]) -> None:
    assert _segment(text) == (kind, titles)


def test_unheaded_block_is_titled_by_its_first_paragraph() -> None:
    acts = _segmentation(POINTS).acts
    assert acts[2].title == "Enquête publique relative à la demande d'autorisation de la carrière"
    assert acts[2].agenda_title == "Carrière de Vers"
    assert (acts[3].title, acts[3].agenda_title) == ("M57- Décision Modificative n° 1", None)


def test_segment_roman_numerals_and_tabs_number_items() -> None:
    text = (
        "COMPTE RENDU DU CONSEIL MUNICIPAL\n\nSéance du 29 janvier 2021\n\nOrdre du jour :\n\n"
        "I\tConvention de mise à disposition de personnel.\n"
        "II\tPADD (Plan d'Aménagement et de Développement Durable).\n"
        "III\tQuestions diverses.\n\n"
        "I\tConvention de mise à disposition de personnel.\n\nC'est une convention avec le CDG.\n"
        "ADOPTÉ à l'unanimité.\n\n"
        "II\tPADD.\n\nLa délibération, amendée des remarques, parviendra à la CCPH.\nADOPTÉ à l'unanimité.\n\n"
        "III\tQuestions diverses.\n\nRien.\n"
    )
    acts = _segmentation(text).acts
    assert [act.title for act in acts] == ["Convention de mise à disposition de personnel.", "PADD."]


def test_segment_vote_table_rows_are_acts_with_their_numbers() -> None:
    text = (
        "Commission permanente du Conseil départemental\n\nRéunion du lundi 16 septembre 2024\n\n"
        "N° de délibération\tObjet\tPour\tContre\tAbstention\tDécision\n"
        "CP 24-09-041\tRoutes départementales – programme 2025\t31\t0\t0\tAdoptée à l'unanimité\n"
        "CP 24-09-042\tCollèges – dotations complémentaires 2024\t25\t0\t6\tAdoptée\n\nFin.\n"
    )
    acts = _segmentation(text, "text/markdown").acts
    assert [(act.number, act.title) for act in acts] == [
        ("CP 24-09-041", "Routes départementales – programme 2025"),
        ("CP 24-09-042", "Collèges – dotations complémentaires 2024"),
    ]


def test_segment_extract_giving_its_session_under_its_title_has_a_session_of_its_own() -> None:
    """Two extracts whose number and object come before 'Séance du …': the second one's session starts
    after the first one's decision, so each act reads its own session data."""
    extract = (
        "COMMUNE DE TRÉVÉNEC\n\nDélibération n° {n}\nObjet : {title}\n\nSéance du 30 juin 2025\n"
        "Effectif légal : 15 – Présents : 13 – Votants : 14\n\nAprès en avoir délibéré, le Conseil municipal, "
        "à l'unanimité, APPROUVE.\n\n"
    )
    text = extract.format(n="2025-037", title="Convention de partenariat") + extract.format(
        n="2025-038", title="Mise à disposition d'un agent"
    )
    acts = _segmentation(text).acts
    assert [act.title for act in acts] == ["Convention de partenariat", "Mise à disposition d'un agent"]
    assert acts[0].session != acts[1].session
    assert acts[0].end <= acts[1].session.start <= acts[1].start


def test_segment_number_line_then_rapporteur_then_title_in_sentence_case() -> None:
    """A région's deliberation: its number alone, the rapporteur's line, then a title that is not in
    capitals; 'OBJET : …' in that place stays a heading of its own."""
    block = (
        "DÉLIBÉRATION N° AP-2026-03-0{n}\nRapport n° {n} présenté par M. Guilhem CAMBOURNAC, vice-président\n\n"
        "{title}\n\nLes conseillers régionaux se sont réunis.\n\nAprès en avoir délibéré, le Conseil régional "
        "APPROUVE le plan.\n\nVOTE\nPour : groupes « A » et « B » (41)\nADOPTÉ\n\n"
    )
    text = block.format(n=5, title="Aménagement du territoire – Plan des bourgs-centres") + block.format(
        n=8, title="OBJET : Agriculture – Fonds d'urgence"
    )
    assert [act.title for act in _segmentation(text).acts] == [
        "Aménagement du territoire – Plan des bourgs-centres",
        "Agriculture – Fonds d'urgence",
    ]

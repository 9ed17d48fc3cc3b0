"""The clean stage: markdown of converters, hyphenation, page furniture, lost line breaks, columns."""

from __future__ import annotations

import pytest

from pipeline.clean import clean, clean_page, drop_repeated_furniture, furniture_keys
from pipeline.columns import split_columns
from pipeline.config import load_rules
from pipeline.grids import tabulate_grids
from pipeline.records import Document, Page


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("<u>Étaient présents</u>: M. X", "Étaient présents: M. X", id="underline-tag"),
        pytest.param("### **ENTRE**", "ENTRE", id="heading-bold"),
        pytest.param("| a | b |\n|---|---|\n| 1 | 2 |", "a\tb\n1\t2", id="table"),
        pytest.param("- ✓ Moderniser", "✓ Moderniser", id="bullet"),
        pytest.param("1<sup>er</sup> janvier", "1er janvier", id="superscript"),
        pytest.param(
            "<table>\n<tr><th>Mandant</th><th>Mandataire</th></tr>\n<tr><td>Mme Sylvie BARBE</td><td>M. Gil BRIF</td>"
            "</tr>\n</table>",
            "Mandant\tMandataire\nMme Sylvie BARBE\tM. Gil BRIF\n",
            id="html-table",
        ),
    ],
)
def test_clean_strips_markdown(text: str, expected: str) -> None:
    assert clean_page(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("budget de fonctionne-\nment", "budget de fonctionnement", id="word-split"),
        pytest.param("Jean-\nPierre DUPONT", "Jean-Pierre DUPONT", id="compound-name"),
        pytest.param("deux mille vingt-\ntrois", "deux mille vingt-trois", id="number-word"),
        pytest.param("fonctionne- ment", "fonctionnement", id="ocr-space"),
        pytest.param("commune de Montils-\nsur-Seugne", "commune de Montils-sur-Seugne", id="place-name"),
        pytest.param("prendre ren-\ndez-vous", "prendre rendez-vous", id="lower-case-compound"),
    ],
)
def test_clean_joins_hyphenated_words(text: str, expected: str) -> None:
    assert clean_page(text) == expected


def test_clean_ligatures_and_ocr_fixups_recorded() -> None:
    document = Document(
        path="x",
        doc="x",
        sha256="0",
        media_type="text/plain",
        pages=[Page(number=1, source="text", text="la commission des ﬁnances\n\\/otants : 20")],
    )
    cleaned = clean(document)
    assert cleaned.text == "la commission des finances\nVotants : 20"
    assert cleaned.fixes == ["votants_slash_v"]


def test_clean_restores_lost_line_breaks() -> None:
    line = (
        "Séance du 19 octobre 2023 Nombre de membres en exercice : 19 "
        + "texte " * 60
        + "Secrétaire de séance : Mme Aurélie MARCHAND Délibération N° 2023-041 Objet : Fixation des tarifs "
        + "Madame le Maire expose que les tarifs n'ont pas changé depuis 2019. AUTORISE Madame le Maire à signer."
    )
    lines = clean_page(line).split("\n")
    assert "Délibération N° 2023-041" in lines
    assert "Objet : Fixation des tarifs" in lines
    assert (
        "Madame le Maire expose que les tarifs n'ont pas changé depuis 2019. AUTORISE Madame le Maire à signer."
        in lines
    )


def test_clean_keeps_short_lines_as_they_are() -> None:
    assert clean_page("Objet : A Vu B") == "Objet : A Vu B"


def test_columns_margin_read_before_body() -> None:
    text = "\n".join(
        f"{left:<30}{right}"
        for left, right in [
            ("Nombre de membres", "L'an deux mille vingt-quatre, le vingt-deux"),
            ("en exercice : 11", "novembre à 20 h 30, le Conseil Municipal de la"),
            ("", "Commune, régulièrement convoqué, s'est réuni"),
            ("présents : 9", "présidence de M. Rémi FABRE, Maire."),
            ("", "Présents : Rémi FABRE, Yvette BRUN, Julien ROCHE,"),
            ("délibération : 10", "Marie-Hélène CHAREYRE, Pierre MOULIN, Sandrine"),
            ("dont 1 procuration", "VERNET, Gilles DEYDIER, Claire FAURIE, Benoît"),
            ("Date de la convocation :", "ARNAUD."),
            ("15/11/2024", "Procurations : Mme Josiane CHAMBON a donné"),
            ("", "procuration à M. Rémi FABRE."),
            ("Date d'affichage :", "Absent : M. Lucas SOUBEYRAND."),
            ("15/11/2024", "Mme Yvette BRUN a été désignée secrétaire de"),
            ("Objet :", "séance à l'unanimité."),
        ]
    )
    result = split_columns(text).split("\n")
    assert result[:2] == ["Nombre de membres", "en exercice : 11"]
    assert result.index("15/11/2024") < result.index("L'an deux mille vingt-quatre, le vingt-deux")


def test_columns_single_column_prose_untouched() -> None:
    text = "\n".join(["Le conseil municipal, après en avoir délibéré, décide à l'unanimité d'approuver"] * 12)
    assert split_columns(text) == text


def test_furniture_kept_once_votes_kept_everywhere() -> None:
    pages = [f"Envoyé en préfecture le 12/02/2024\nTitre {i}\nVote : unanimité" for i in range(4)]
    cleaned = drop_repeated_furniture(pages, furniture_keys(pages))
    assert cleaned[0].startswith("Envoyé en préfecture")
    assert all("Envoyé" not in page for page in cleaned[1:])
    assert all("Vote : unanimité" in page for page in cleaned)


def test_furniture_agenda_title_repeated_as_heading_is_kept() -> None:
    pages = [
        "Ordre du jour\n3. Motion sur les finances locales",
        "3. Motion sur les finances locales\nAdoption",
        "x",
        "y",
    ]
    assert drop_repeated_furniture(pages, furniture_keys(pages)) == pages


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Nom            Présent   Absent   Pouvoir à\n"
            "DURAND Paul      X\n"
            "MARTIN Anne                X      DURAND Paul\n",
            "Nom\tPrésent\tAbsent\tPouvoir à\nDURAND Paul\tX\t\t\nMARTIN Anne\t\tX\tDURAND Paul\n",
            id="grid-with-marks",
        ),
        pytest.param(
            "Le Maire,        Le Secrétaire,        Le Trésorier\nJean DUPONT\n",
            "Le Maire,        Le Secrétaire,        Le Trésorier\nJean DUPONT\n",
            id="no-rows-no-grid",
        ),
        pytest.param(
            "Nom            Présent   Absent\nune phrase qui court sans colonnes\nDURAND  X\n",
            "Nom            Présent   Absent\nune phrase qui court sans colonnes\nDURAND  X\n",
            id="prose-breaks-the-grid",
        ),
        pytest.param(
            "N°        Objet                          Résultat du vote\n"
            "2026-11   Cession de la parcelle ZB 114  Rejetée\n"
            "2026-12   Convention de mise à disposition de la salle des fêtes   Adoptée à l'unanimité\n",
            "N°\tObjet\tRésultat du vote\n2026-11\tCession de la parcelle ZB 114\tRejetée\n"
            "2026-12\tConvention de mise à disposition de la salle des fêtes\tAdoptée à l'unanimité\n",
            id="a-long-cell-pushes-the-next-to-the-right",
        ),
    ],
)
def test_grids_space_drawn_tables_become_tab_cells(text: str, expected: str) -> None:
    assert tabulate_grids(text) == expected


def test_clean_one_line_ocr_labels_are_spelled_right_before_lines_are_restored() -> None:
    """A record read on one line: '0BJET' (zero for O) and 'EXTRAlT' still start their lines, and 'Etaient
    presents :' stays one label."""
    filler = "Le conseil municipal de la commune, legalement convoque, s'est reuni a la mairie. " * 4
    text = (
        "COMMUNE DE VERNOLS EXTRAlT DU REGISTRE DES DELIBERATl0NS " + filler + "Etaient presents : M. Jean "
        "MOMBOISSE, Mme Ghislaine TOURLAN. Mme TOURLAN a ete designee secretaire de seance. 0BJET : Amenagement "
        "du bourg Monsieur Ie Maire rappelle que le projet est pret."
    )
    lines = clean_page(text).split("\n")
    assert lines[0] == "COMMUNE DE VERNOLS"
    assert lines[1].startswith("EXTRAIT DU REGISTRE DES DELIBERATIONS")
    assert any(line.startswith("Etaient presents : M. Jean MOMBOISSE") for line in lines)
    assert "OBJET : Amenagement du bourg" in lines
    assert lines[-1].startswith("Monsieur le Maire rappelle")


def _extract_in_two_columns(number: str, title: str) -> list[str]:
    rows = [
        ("COMMUNE DE", "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS"),
        ("GRANDVELLE", "Séance du 11 mars 2025"),
        ("", "L'an deux mille vingt-cinq, le onze mars, le Conseil"),
        ("Nombre de conseillers", "municipal s'est réuni sous la présidence de"),
        ("En exercice 19", "Mme Christine MOUGIN, Maire."),
        ("Présents 14", "Présents : Christine MOUGIN, Alain JEANNOT, Sophie"),
        ("Votants 17", "GRANDJEAN, Hélène MAGNE, Michel PERNET."),
        ("", "Absents représentés : M. Jacques GRAPIN (pouvoir à"),
        ("Convoqué le 04/03/2025", "M. Alain JEANNOT), Mme Émilie MOURE (pouvoir à"),
        ("Affiché le 04/03/2025", "Mme Sophie GRANDJEAN)."),
        (f"Délibération n° {number}", "Absent : M. Thibaut CARTE."),
    ]
    lines = [f"{left:<33}{right}" for left, right in rows]
    # a stamp line longer than the margin breaks the gutter; the object is beside the stamp's next lines
    return [
        *lines,
        "Envoyé en préfecture le 17/03/2025",
        f"Reçu en préfecture le 17/03/2025    OBJET : {title[:30]}",
        f"Publié le 18/03/2025             {title[30:]}",
        "ID : 070-217001155-20250311-2025_09-DE",
        f"{'':33}Le Conseil municipal, après en avoir délibéré, APPROUVE.",
        "",
    ]


def test_columns_every_extract_and_the_lines_under_its_block_are_read_column_by_column() -> None:
    title = "FORÊT COMMUNALE – ÉTAT D'ASSIETTE DES COUPES DE L'EXERCICE 2026"
    text = "\n".join(_extract_in_two_columns("2025-09", title) + _extract_in_two_columns("2025-10", title))
    lines = split_columns(text).split("\n")
    assert lines.count("Votants 17") == 2  # each extract's margin read apart from its body
    assert lines.count(f"OBJET : {title[:30]}") == 2
    first = lines.index(f"OBJET : {title[:30]}")
    assert lines[first + 1] == title[30:]  # the title's two halves stay together
    assert lines.index("Absent : M. Thibaut CARTE.") < first < lines.index("ID : 070-217001155-20250311-2025_09-DE")


def test_margin_notes_are_lifted_above_the_title_they_stand_beside() -> None:
    body = " " * 18
    text = "\n".join(
        [
            f"{body}Le conseil municipal, à l'unanimité, approuve le procès-verbal de la séance.",
            "",
            "   Point 2        TARIFS DE LA RESTAURATION SCOLAIRE ET DE L'ACCUEIL PÉRISCOLAIRE À",
            "   Délib.         COMPTER DU 1er AVRIL 2025",
            "   n° 2025-09",
            f"{body}Rapporteur : Mme Sylvie GAUQUELIN, adjointe chargée des affaires scolaires",
            f"{body}Mme GAUQUELIN rappelle que les tarifs n'ont pas été révisés depuis 2022,",
            f"{body}alors que le coût de revient d'un repas est passé de 6,42 € à 7,85 €.",
            f"{body}La commission des affaires scolaires propose une grille à trois tranches.",
            f"{body}Après en avoir délibéré, le conseil municipal fixe les tarifs.",
            "   Procès-verbal – séance du 03/03/2025                          Paraphe du Maire :",
        ]
    )
    lines = [line.strip() for line in clean_page(text).split("\n")]
    start = lines.index("Point 2 Délib. n° 2025-09")
    assert lines[start + 1 : start + 4] == [
        "TARIFS DE LA RESTAURATION SCOLAIRE ET DE L'ACCUEIL PÉRISCOLAIRE À",
        "COMPTER DU 1er AVRIL 2025",
        "",
    ]
    assert "Procès-verbal – séance du 03/03/2025                          Paraphe du Maire :" in lines  # no note


def test_margin_notes_need_a_body_column() -> None:
    text = "Point 2        Tarifs\nLe conseil municipal approuve.\nDélib.         Suite"
    assert clean_page(text) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (load_rules("fixups")["split_words_example"]["input"], load_rules("fixups")["split_words_example"]["output"]),
        ("DELIBERA TIONS DU CON SEIL MUNICIPAL", "DELIBERATIONS DU CONSEIL MUNICIPAL"),
        ("Presents : 12 - Vo tants : 14", "Presents : 12 - Votants : 14"),
        ("pour voir la salle, de la mairie", "pour voir la salle, de la mairie"),
        ("le conseil se réunit", "le conseil se réunit"),
    ],
    ids=["example", "capitals", "label", "two-words-kept", "whole-words-kept"],
)
def test_clean_joins_words_ocr_split_with_a_space(text: str, expected: str) -> None:
    assert clean_page(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("En exercice : l5 - Presents : l2 - Votants : 1O", "En exercice : 15 - Presents : 12 - Votants : 10"),
        ("Pour : l'ensemble des membres", "Pour : l'ensemble des membres"),
    ],
    ids=["letters-among-digits", "elided-article-kept"],
)
def test_clean_count_digits_read_as_letters(text: str, expected: str) -> None:
    assert clean_page(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0bjet : Tarifs de l'eau", "Objet : Tarifs de l'eau"),
        ("0rdre du jour", "Ordre du jour"),
        ("0BJET : DELIBERATI0NS", "OBJET : DELIBERATIONS"),
        ("1 150 € soit 0,50 € le m3", "1 150 € soit 0,50 € le m3"),
        ("compte 6042 et 022", "compte 6042 et 022"),
    ],
    ids=["capitalised-word", "ordre", "capitals", "amount-kept", "accounts-kept"],
)
def test_clean_zero_read_for_the_letter_o(text: str, expected: str) -> None:
    assert clean_page(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("représenté par son Pré-\nsident, M. X", "représenté par son Président, M. X"),
        ("le pré-\nrapport du sous-\npréfet", "le pré-rapport du sous-préfet"),
        ("la coopération inter-\ncommunale", "la coopération intercommunale"),
    ],
    ids=["a-word-a-keep-head-starts", "compounds-kept", "inter-joined"],
)
def test_clean_line_end_hyphens(text: str, expected: str) -> None:
    assert clean_page(text) == expected


def test_clean_one_line_record_ends_its_subject_where_a_sentence_starts() -> None:
    """A record read on one line: 'Objet : <title>' gets its own line, up to the report's first sentence."""
    line = (
        "Secrétaire de séance : M. Pascal BILLEROT. "
        * 5
        + "Délibération n° 2026-E-02 Objet : Surtaxe syndicale sur le prix de l'eau au 1er juillet 2026 "
        "Pour financer le programme d'urgence, le Président propose de porter la surtaxe."
    )
    lines = clean_page(line).split("\n")
    assert "Objet : Surtaxe syndicale sur le prix de l'eau au 1er juillet 2026" in lines
    assert "Pour financer le programme d'urgence, le Président propose de porter la surtaxe." in lines

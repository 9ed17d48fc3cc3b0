"""Counts, proxies and member lists in every wording of DOMAIN §2 and issue 3."""

from __future__ import annotations

import pytest

from pipeline.clean import clean_page
from pipeline.extract.attendance import find_sections, members_of
from pipeline.extract.counts import find_counts
from pipeline.extract.proxies import find_proxies
from pipeline.extract.session_facts import present_count, read_session
from pipeline.extract.snap import closest_member
from pipeline.records import Member


def _counts(text: str) -> dict[str, int]:
    return {field: match.value for field, match in find_counts(text, 0, len(text)).items()}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Conseillers en exercice\tPrésents\tVotants\n27\t20\t27",
            {"members_in_office": 27, "members_present": 20, "members_voting": 27},
            id="table-next-line",
        ),
        pytest.param(
            "En exercice : 21 Présents : 14 Votants : 20",
            {"members_in_office": 21, "members_present": 14, "members_voting": 20},
            id="one-line",
        ),
        pytest.param(
            "Nombre de membres en exercice : 19 / Présents : 16 / Votants: 17",
            {"members_in_office": 19, "members_present": 16, "members_voting": 17},
            id="slashes",
        ),
        pytest.param(
            "Etaient présents les membres en exercice : 67\nMembres suppléés : 9\n"
            "Membres ayant donné procuration : 12\nMembres votants : 88",
            {"members_present": 67, "substitutes_count": 9, "proxies_count": 12, "members_voting": 88},
            id="epci-present-in-office-label",
        ),
        pytest.param(
            "- en exercice : 82 - présents titulaires : 45 - présents suppléants : 4 - procurations : 19 "
            "- votants : 68 - suffrages exprimés : 68",
            {
                "members_in_office": 82,
                "members_present": 45,
                "substitutes_count": 4,
                "proxies_count": 19,
                "members_voting": 68,
            },
            id="count-box",
        ),
        pytest.param(
            "Nombre de membres\nen exercice : il\nqui ont pris part à la\ndélibération : {0\ndont 3 procurations",
            {"members_in_office": 11, "members_voting": 10, "proxies_count": 3},
            id="ocr-margin",
        ),
        pytest.param(
            "Nombre de conseillers en exercice : quinze\nPrésents : onze\nVotants : treize",
            {"members_in_office": 15, "members_present": 11, "members_voting": 13},
            id="in-words",
        ),
        pytest.param(
            "Conseillers en exercice Présents Votants\n#7: a 20 27",
            {"members_present": 20, "members_voting": 27},
            id="table-damaged-cell-left-out",
        ),
        pytest.param(
            "Conseillers en exercice\tPrésents\tAbsents\tProcurations\tVotants\n29\t20\t9\t5\t25",
            {"members_in_office": 29, "members_present": 20, "proxies_count": 5, "members_voting": 25},
            id="table-cells-by-column",
        ),
        pytest.param(
            "Nombre de conseillers en exercice : 19\nNombre de conseillers présents ou représentés : 17",
            {"members_in_office": 19, "members_voting": 17},
            id="presents-ou-representes-are-the-voters",
        ),
        pytest.param(
            "En exercice Présents Dont suppléant Procurations Votants\n24 18 1 3 21",
            {"members_in_office": 24, "members_present": 18, "proxies_count": 3, "members_voting": 21},
            id="table-spaced-with-a-column-of-no-count",
        ),
        pytest.param(
            "Conseillers élus En fonctions Présents Procurations Présents ou représentés\n19 19 15 2 17",
            {"members_in_office": 19, "members_present": 15, "proxies_count": 2, "members_voting": 17},
            id="table-alsace-moselle-longest-label-wins",
        ),
        pytest.param(
            "Sur les 11 membres du conseil d'administration en exercice, 8 sont présents et 1 est\nreprésenté.",
            {"members_in_office": 11, "members_present": 8, "proxies_count": 1},
            id="counts-in-a-sentence",
        ),
        pytest.param(
            "Délibération N° 28-09-2023 / N°163\n\nEtaient présents les membres en exercice : 67",
            {"members_present": 67},
            id="a-number-above-is-no-count",
        ),
        pytest.param(
            "Conseillers municipaux en exercice : 43 – Présents à l'ouverture de la séance : 36 – Pouvoirs : 5",
            {"members_in_office": 43, "members_present": 36, "proxies_count": 5},
            id="present-at-the-opening",
        ),
        pytest.param(
            "Nombre de membres\nafférents au Conseil : 15\nen exercice : 14\nqui ont pris part à la\ndélibération : 13",
            {"members_in_office": 14, "members_voting": 13},
            id="seats-and-in-office",
        ),
        pytest.param(
            "Nombre de membres afférents au Conseil : 15 – présents : 12",
            {"members_in_office": 15, "members_present": 12},
            id="seats-alone-are-in-office",
        ),
        pytest.param("chaque délégué peut être porteur de deux pouvoirs", {}, id="prose-is-not-a-count"),
        pytest.param("Présents : Denis JUVIN - Catherine MARTEL", {}, id="list-is-not-a-count"),
    ],
)
def test_counts_read_layout(text: str, expected: dict[str, int]) -> None:
    assert _counts(text) == expected


def _proxies(text: str) -> list[tuple[str, str]]:
    text = clean_page(text)
    sections = find_sections(text, 0, len(text))
    return [(clause.giver, clause.holder) for clause in find_proxies(text, 0, len(text), sections)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Ont donné procuration : Mme LECOEUVRE Stéphanie à Mme VAN EECKHOUT Sophie — "
            "Mme VANDENBROUCKE Gaëlle à Mme BONNET — Mr LAVOGIEZ Gaël à Mr VIGIER Hervé",
            [
                ("LECOEUVRE Stéphanie", "VAN EECKHOUT Sophie"),
                ("VANDENBROUCKE Gaëlle", "BONNET"),
                ("LAVOGIEZ Gaël", "VIGIER Hervé"),
            ],
            id="list-a",
        ),
        pytest.param(
            "EXCUSES : MM. FERAHTIA A., 4éme Adjoint qui donne pouvoir 8 MURCIA B. + PLANTIN M.F. qui\n"
            "donne pouvoir & CLOSSE E. + PERNAK C. qui donne pouvoir a LEBBADER\nD.",
            [("FERAHTIA A.", "MURCIA B."), ("PLANTIN M.F.", "CLOSSE E."), ("PERNAK C.", "LEBBADER D.")],
            id="qui-donne-pouvoir-ocr",
        ),
        pytest.param(
            "Absents ayant donné procuration : Fabienne Kwiatkowski ayant donné procuration à Léon Bernard, "
            "Sébastien Bertout ayant donné procuration à Julien Bellengier.",
            [("Fabienne Kwiatkowski", "Léon Bernard"), ("Sébastien Bertout", "Julien Bellengier")],
            id="ayant-donne-procuration",
        ),
        pytest.param(
            "Procurations : Catherine MARTEL donne procuration à Catherine VINAS - Patricia\n"
            "MICHOT donne procuration à NIGGEL Muriel - Philippe ROUVIER - COROUGE\ndonne procuration à Denis JUVIN",
            [
                ("Catherine MARTEL", "Catherine VINAS"),
                ("Patricia MICHOT", "NIGGEL Muriel"),
                ("Philippe ROUVIER - COROUGE", "Denis JUVIN"),
            ],
            id="donne-procuration-compound",
        ),
        pytest.param(
            "Excusés : Maryline (pas de pouvoir donné) / Marielle (pouvoir donné à Agnès) / "
            "Marc (pouvoir donné à Mario)",
            [("Marielle", "Agnès"), ("Marc", "Mario")],
            id="parenthesis-first-names",
        ),
        pytest.param("M. DURAND a donné pouvoir à Mme LEROY.", [("DURAND", "LEROY")], id="a-donne-pouvoir"),
        pytest.param(
            "Représentés : Mme Sabine WARIN par M. Olivier BAILLEUL ; M. Luc PLATEL par Mme Évelyne DRUON.",
            [("Sabine WARIN", "Olivier BAILLEUL"), ("Luc PLATEL", "Évelyne DRUON")],
            id="representes-par",
        ),
        pytest.param(
            "Absents représentés : Mme MARTIN représentée par M. DURAND",
            [("MARTIN", "DURAND")],
            id="represente-par",
        ),
        pytest.param(
            "Pouvoirs : M. Roger BLANC a le pouvoir de M. Paul GIRAUD et de Mme Sylvie MOREL ; "
            "Mme Chantal PELLOUX a le pouvoir de M. Henri COLLOMB.",
            [
                ("Paul GIRAUD", "Roger BLANC"),
                ("Sylvie MOREL", "Roger BLANC"),
                ("Henri COLLOMB", "Chantal PELLOUX"),
            ],
            id="a-le-pouvoir-de",
        ),
        pytest.param(
            "Pouvoirs : M. Joël FRANÇOIS à M. Régis MALLET, Mme Murielle PRUVOST à M. Olivier LAMOTTE",
            [("Joël FRANÇOIS", "Régis MALLET"), ("Murielle PRUVOST", "Olivier LAMOTTE")],
            id="pouvoirs-x-a-y",
        ),
        pytest.param(
            "Absents représentés :\nConseiller absent\tPouvoir donné à\nM. Henri FRUTEAU\tMme Marie-Josée PAYET",
            [("Henri FRUTEAU", "Marie-Josée PAYET")],
            id="table",
        ),
        pytest.param(
            "Ont donné pouvoir : M. Maurice AMÉLIE (à M. Joseph LONY), Mme Édith RENÉ (à Mme Murielle ADÉLAÏDE).",
            [("Maurice AMÉLIE", "Joseph LONY"), ("Édith RENÉ", "Murielle ADÉLAÏDE")],
            id="holder-in-brackets",
        ),
        pytest.param(
            "  Conseillers municipaux             Présent    Absent    Pouvoir donné à\n"
            "  CUENOT Jean-Louis (Maire)             X\n"
            "  BOILLOT Martine                       X\n"
            "  MOUGIN Éric                                      X       CUENOT Jean-Louis\n"
            "  VUILLEMIN Claude                                 X\n",
            [("MOUGIN Éric", "CUENOT Jean-Louis")],
            id="attendance-grid-drawn-with-spaces",
        ),
        pytest.param(
            "Pouvoirs : M. Francis DUPOUY a le pouvoir de M. Serge LAFITTE ; Mme Hélène BROCAS a le pouvoir de "
            "Mme Marie-José LACAZE.\nExcusés : M. Jacques BERGÈS, Mme Odette LALANNE.",
            [("Serge LAFITTE", "Francis DUPOUY"), ("Marie-José LACAZE", "Hélène BROCAS")],
            id="list-ends-at-the-next-label",
        ),
        pytest.param(
            "Étaient excusés et représentés : Mme Sylvie DROUIN par M. Philippe GASNIER, M. Régis NAVEAU par\n"
            "M. Alain CORMIER.",
            [("Sylvie DROUIN", "Philippe GASNIER"), ("Régis NAVEAU", "Alain CORMIER")],
            id="excuses-et-representes-par",
        ),
        pytest.param(
            "Représentés : M. Raymond VAYSSIÈRES a délégué son droit de vote à M. Jean-Pierre LAVAYSSIÈRE ;",
            [("Raymond VAYSSIÈRES", "Jean-Pierre LAVAYSSIÈRE")],
            id="delegue-son-droit-de-vote",
        ),
        pytest.param(
            "Excusés ayant donné mandat : Mme Sandrine BOYER (mandataire : Mme Agnès CALMETTES), M. Bernard\n"
            "ESCAFFRE (mandataire : M. Jean-Louis CARRIÈRE).",
            [("Sandrine BOYER", "Agnès CALMETTES"), ("Bernard ESCAFFRE", "Jean-Louis CARRIÈRE")],
            id="mandataire-in-brackets",
        ),
        pytest.param(
            "Absents excuses : procuration de M. Guillaume LOBJOIS à M. Rémy PONSART ; procuration de\n"
            "Mme Karine WATELET a Mme Nadège GILLET.\nAbsent : M. Julien DEHAYE.",
            [("Guillaume LOBJOIS", "Rémy PONSART"), ("Karine WATELET", "Nadège GILLET")],
            id="procuration-de-x-a-y-after-a-label",
        ),
        pytest.param(
            "M. Patrick GAUTHEROT : présent ; M. Hubert JACQUINOT : absent\n  excusé, pouvoir à M. Patrick GAUTHEROT ;",
            [("Hubert JACQUINOT", "Patrick GAUTHEROT")],
            id="roll-call",
        ),
        pytest.param(
            "Représentés (pouvoir) : Mme Faouzia MZE par M. Saïd HALIDI ; M. Kamal ANDJILANI par\n"
            "M. Ahamada ABDOU-MADI.",
            [("Faouzia MZE", "Saïd HALIDI"), ("Kamal ANDJILANI", "Ahamada ABDOU-MADI")],
            id="label-with-brackets",
        ),
        pytest.param(
            "Conseiller\tPrésent\tExcusé\tAbsent\tPouvoir donné à\nMme Hélène GIROD\tx\t\t\t\n"
            "M. Romain GAIDDON\t\tx\t\tM. Lionel BUTTIN\n",
            [("Romain GAIDDON", "Lionel BUTTIN")],
            id="column-label-is-not-a-clause",
        ),
        pytest.param(
            "Pouvoirs :\n\nMandant\tMandataire\nMme Agnès TISSOT\tMme Catherine BRENOT\n"
            "M. Julien CRETIN\tM. Olivier DUSSOL\n\nAbsent excusé : M. Éric MONNET.",
            [("Agnès TISSOT", "Catherine BRENOT"), ("Julien CRETIN", "Olivier DUSSOL")],
            id="table-header-is-no-proxy",
        ),
        pytest.param(
            "POUVOIRS :\nMandant                                  Mandataire\n"
            "Mme Roselyne BESSON                      M. Pierre-Yves BOUCHER\n"
            "M. Thierry MALLET                        Mme Martine ESBELLE\n\nAbsents : M. Lucien DEVEZE.",
            [("Roselyne BESSON", "Pierre-Yves BOUCHER"), ("Thierry MALLET", "Martine ESBELLE")],
            id="table-in-columns-of-spaces",
        ),
        pytest.param(
            "Absents représentés : M. Thierry DUFOUR (représenté par Mme Martine GRUS), Mme Agnès HEMAR\n"
            "(représentée par M. Didier NOYEL).",
            [("Thierry DUFOUR", "Martine GRUS"), ("Agnès HEMAR", "Didier NOYEL")],
            id="represented-in-brackets",
        ),
        pytest.param(
            "Pouvoirs (2) :\nPouvoir de Mme Josette BELLE donné à M. Rosan NAGE\n"
            "Pouvoir de M. Serge CALIX donné à Mme Marie-Line ZÉPHIR\n\nAbsents : M. X.",
            [("Josette BELLE", "Rosan NAGE"), ("Serge CALIX", "Marie-Line ZÉPHIR")],
            id="pouvoir-de-x-donne-a-y",
        ),
        pytest.param(
            "Pouvoirs :\nM. Bernard AGNE a remis pouvoir à Mme Maryse LAUGE\n",
            [("Bernard AGNE", "Maryse LAUGE")],
            id="a-remis-pouvoir",
        ),
        pytest.param(
            "Présents : M. Jean DUR.\nMme Isabelle DERAM, excusée, représentée par M. Hervé DUCH.\n",
            [("Isabelle DERAM", "Hervé DUCH")],
            id="excusee-representee-par",
        ),
        pytest.param(
            "Pouvoirs : M. Henri MAZEAUD à M. Bernard JARDRY, Mme Josette PAILLET à Mme Nicole VALADEAU.\n"
            "M. Roger DESVERGNE a le pouvoir de M. Serge TRONCHETTE.\nAbsents : M. Claude ESCLAFFER.\n",
            [
                ("Henri MAZEAUD", "Bernard JARDRY"),
                ("Josette PAILLET", "Nicole VALADEAU"),
                ("Serge TRONCHETTE", "Roger DESVERGNE"),
            ],
            id="a-list-then-an-explicit-clause",
        ),
        pytest.param(
            "Absents excusés ayant donné pouvoir :\n  • Mme Françoise LE GOASDUFF à M. Hervé LE BIHANNOU\n"
            "  • M. Jean-Yves POSTOLLEC à Mme Soizic MORVANNOU\n\nAbsents : M. Fabrice ELLÉGOËT.\n",
            [("Françoise LE GOASDUFF", "Hervé LE BIHANNOU"), ("Jean-Yves POSTOLLEC", "Soizic MORVANNOU")],
            id="excused-having-given-a-proxy-bulleted",
        ),
        pytest.param(
            "M. Gérard PIGEON-MAUDUITEL donne procuration à son collègue M. Stéphane GOSSELINAIS-PIGNOTEL.\n",
            [("Gérard PIGEON-MAUDUITEL", "Stéphane GOSSELINAIS-PIGNOTEL")],
            id="a-son-collegue",
        ),
        pytest.param(
            "VAUCHEREY Lucien (pouvoir de M. VAUCHEREY à M. GUENIOT)\n",
            [],
            id="pouvoir-de-x-a-y-is-no-reverse-clause",
        ),
        pytest.param(
            "Nom\tPrésent\tAbsent\tPouvoir à\nGUENIOT Marcel\tX\n"
            "VAUCHEREY Lucien (pouvoir de M. VAUCHEREY à M. GUENIOT)\t\tX\tGUENIOT Marcel\n",
            [("VAUCHEREY Lucien", "GUENIOT Marcel")],
            id="grid-row-with-a-note-in-brackets",
        ),
        pytest.param("Je soussigné(e) ……, donne pouvoir à ……", [], id="blank-form"),
        pytest.param("Lionel Cayet suppléé par Philippe Verret", [], id="substitute-is-not-a-proxy"),
    ],
)
def test_proxies_read_wording(text: str, expected: list[tuple[str, str]]) -> None:
    assert _proxies(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Ont donné procuration : Mme LECOEUVRE Stéphanie à Mme VAN EECKHOUT Sophie — "
            "Mme DEBRABANT Marjorie à Mr DELARRE Daniel.",
            ["LECOEUVRE Stéphanie à Mme VAN EECKHOUT Sophie", "DEBRABANT Marjorie à Mr DELARRE Daniel"],
            id="list",
        ),
        pytest.param(
            "Roger BLANC a le pouvoir de M. Paul GIRAUD.",
            ["Roger BLANC a le pouvoir de M. Paul GIRAUD"],
            id="holder-first",
        ),
    ],
)
def test_proxies_evidence_spans_giver_to_holder(text: str, expected: list[str]) -> None:
    text = clean_page(text)
    clauses = find_proxies(text, 0, len(text), find_sections(text, 0, len(text)))
    assert [text[clause.start : clause.end] for clause in clauses] == expected


def test_attendance_proxies_list_names_givers_absent_not_holders() -> None:
    text = (
        "Présents : M. DESMEDT André - Mr DELARRE Daniel\n"
        "Ont donné procuration : Mme DEBRABANT Marjorie à Mr DELARRE Daniel - Mme LUTAS Sylvie à Mr DESMEDT André\n"
    )
    members = read_session(text, 0, len(text)).members
    assert [(member.name, member.status) for member in members] == [
        ("DESMEDT André", "present"),
        ("DELARRE Daniel", "present"),
        ("DEBRABANT Marjorie", "absent"),
        ("LUTAS Sylvie", "absent"),
    ]


@pytest.mark.parametrize(
    ("name", "listed", "expected"),
    [
        pytest.param("Ernest Auchaïrt", "Ernest Auchart", "Ernest Auchart", id="slip-in-clause-takes-list-spelling"),
        pytest.param("DELARRE Daniel", "DELARRE Daniet", None, id="slip-in-list-is-not-copied"),
        pytest.param("Ernest Auchart", "Ernest Auchart", None, id="same-name"),
    ],
)
def test_snap_closest_member(name: str, listed: str, expected: str | None) -> None:
    members = [Member(name=listed, status="present"), Member(name="Jacques Thellier", status="present")]
    assert closest_member(name, members, frozenset({"present"})) == expected


@pytest.mark.parametrize(
    ("text", "status", "expected"),
    [
        pytest.param(
            "Présents : Denis JUVIN -- Alessandra STURANI - Jean-Pierre PLUS - Philippe\nVINÇON",
            "present",
            ["Denis JUVIN", "Alessandra STURANI", "Jean-Pierre PLUS", "Philippe VINÇON"],
            id="present-wrapped",
        ),
        pytest.param(
            "Absents suppléés : Lionel Cayet suppléé par Philippe Verret, Béatrice Dausse suppléée par André Horon",
            "substitute",
            ["Philippe Verret", "André Horon"],
            id="substitutes",
        ),
        pytest.param(
            "Excusés : Marielle (pouvoir donné à Agnès) / Marc",
            "excused",
            ["Marielle", "Marc"],
            id="excused-without-clauses",
        ),
        pytest.param(
            "Présents :\nJean-Pierre, Yves, Mario, Nelly, David &\nAdeline (procuration à Mario)\n\nAbsent\nHélène",
            "present",
            ["Jean-Pierre", "Yves", "Mario", "Nelly", "David"],
            id="present-list-with-a-represented-member",
        ),
        pytest.param(
            "Présents : 14\nVotants : 20\n\nL'an deux mille vingt-cinq, le 2 avril, le Conseil s'est réuni sous la "
            "présidence de Monsieur Jean-Paul RYCKELYNCK, Maire.\n\nPRESENTS : MM. RYCKELYNCK J.P. + PERTOLDI C.",
            "present",
            ["RYCKELYNCK J.P.", "PERTOLDI C."],
            id="count-line-then-prose-is-no-list",
        ),
        pytest.param(
            "Présents : Jean-Pierre DUPUIS, Anne MARTIN,\n\nBellengier, Jean-Marc Cuvillier, Luc Petit",
            "present",
            ["Jean-Pierre DUPUIS", "Anne MARTIN", "Bellengier", "Jean-Marc Cuvillier", "Luc Petit"],
            id="list-cut-by-a-blank-line-continues",
        ),
        pytest.param(
            "Présents : Jean-Pierre, Yves (pouvoir de Hélène), Mario",
            "present",
            ["Jean-Pierre", "Yves", "Mario"],
            id="present-holder-stays-present",
        ),
    ],
)
def test_attendance_members_of_lists(text: str, status: str, expected: list[str]) -> None:
    sections = find_sections(text, 0, len(text))
    members = [member for section in sections for member in members_of(text, section)]
    assert [member.name for member in members if member.status == status] == expected


def test_attendance_roll_call_counts_members_present_and_sitting_substitutes() -> None:
    text = (
        "Appel nominal des délégués :\nCommune de Bragelogne\n  M. Paul GAUTIER : présent ; Mme Annie DOUX : présente ;"
        " M. Hubert JACQUET : absent\n  excusé, pouvoir à M. Paul GAUTIER ;\nCommune de Channes\n  Mme Martine COL :"
        " présente ; Mme Sandrine PROUST : absente\n  excusée, remplacée par son suppléant M. Alexis CORNU ;\n"
        "  M. Ludovic TRUCHE : absent.\n\nLe quorum étant atteint, M. le Président ouvre la séance.\n"
    )
    facts = read_session(text, 0, len(text))
    assert facts.roll_call is not None and facts.roll_call.value == 4  # three marked present, one substitute
    assert [(proxy.giver, proxy.holder) for proxy in facts.proxies] == [("Hubert JACQUET", "Paul GAUTIER")]


def test_attendance_a_sentence_is_no_roll_call() -> None:
    text = "Le rapporteur : présent à la réunion de la commission, M. X indique que le projet avance.\n"
    assert read_session(text, 0, len(text)).roll_call is None


def test_attendance_all_but_names_the_absent() -> None:
    text = (
        "Le conseil municipal s'est réuni le mardi 11 février 2025. Le conseil compte 11 conseillers.\n\n"
        "Présents : tous sauf Jacques Cazalère (pouvoir à Marie-Hélène Respaud) et Lucien Roumiguières.\n\n"
        "Anne Sabathé a été nommée secrétaire.\n"
    )
    facts = read_session(text, 0, len(text))
    present = present_count(facts)
    assert present is not None and present.value == 9
    assert [(proxy.giver, proxy.holder) for proxy in facts.proxies] == [("Jacques Cazalère", "Marie-Hélène Respaud")]

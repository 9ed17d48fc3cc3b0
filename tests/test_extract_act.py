"""Votes, prefecture stamps, convention parties and session fields (one test id per wording)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pipeline.config import load_settings
from pipeline.extract import session
from pipeline.extract.act import act_object, without_stamp_debris, without_title_tails
from pipeline.extract.parties import SelfParty, convention_parties
from pipeline.extract.stamp import read_stamp, siren_in_letterhead
from pipeline.extract.stamp_rows import number_key, row_stamp
from pipeline.extract.vote import read_vote
from pipeline.extract.vote_table import count_table_vote, table_vote, with_table_counts
from pipeline.records import ActSpan, Span
from pipeline.run import process_file
from pipeline.segment.headings import is_empty_title


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Le dispositif est validé à l'unanimité.", (True, None, None, None, "adopted"), id="unanimite"),
        pytest.param(
            "après en avoir délibéré, à l'unanimité (20 voix « POUR »),",
            (True, 20, None, None, "adopted"),
            id="unanimite-voix-pour",
        ),
        pytest.param(
            "ONT VOTE POUR : 14 ONT VOTE CONTRE : / SE SONT ABSTENUS : /",
            (None, 14, 0, 0, "adopted"),
            id="slash-is-zero",
        ),
        pytest.param("adopté à la majorité", (False, None, None, None, "adopted"), id="majorite"),
        pytest.param("par 18 voix pour, 2 contre et 3 abstentions", (False, 18, 2, 3, "adopted"), id="par-voix"),
        pytest.param("3 abstentions 8 votes pour", (False, 8, None, 3, "adopted"), id="informal"),
        pytest.param("2 contre 3 absentions 6 votes pour", (False, 6, 2, 3, "adopted"), id="absentions-typo"),
        pytest.param("6 voix Contre, 0 Abstention, 5 pour", (False, 5, 6, 0, "rejected"), id="rejected-by-count"),
        pytest.param("4 pour 6 contre. Refusé.", (False, 4, 6, None, "rejected"), id="refuse"),
        pytest.param("Vote : 7 pour, 3 abstentions", (False, 7, None, 3, "adopted"), id="vote-colon"),
        pytest.param(
            "Adopté à l'unanimité des membres présents et représentés (25 voix).",
            (True, 25, None, None, "adopted"),
            id="unanimous-total",
        ),
        pytest.param("Pour le changement de prestataire : 13 votes", (None, 13, None, None, "adopted"), id="n-votes"),
        pytest.param(
            "après en avoir délibéré, à l'unanimité des suffrages exprimés (M. Christian MARSAULT s'abstient) :"
            " APPROUVE",
            (True, None, None, 1, "adopted"),
            id="one-named-abstention",
        ),
        pytest.param(
            "à l'unanimité des suffrages exprimés (M. Paul DURAND et Mme Anne ROY s'abstiennent), approuve le projet",
            (True, None, None, 2, "adopted"),
            id="two-named-abstentions",
        ),
        pytest.param(
            "après en avoir délibéré, par dix-huit voix pour et deux abstentions, approuve",
            (False, 18, None, 2, "adopted"),
            id="counts-in-hyphenated-words",
        ),
        pytest.param(
            "Vote : Pour : 34 – Contre : 7 (M. SERRES et pouvoir de Mme MILLET, Mme DELON) – Abstention : 0",
            (False, 34, 7, 0, "adopted"),
            id="names-with-civilities-inside",
        ),
        pytest.param(
            "Résultat du vote : Pour 15 / Contre 2 / Abstention 1\nPour extrait conforme, Le Président",
            (False, 15, 2, 1, "adopted"),
            id="label-then-number",
        ),
        pytest.param(
            "d'ajuster les crédits du chapitre 011 pour tenir compte de la hausse. Adoptée à l'unanimité.",
            (True, None, None, None, "adopted"),
            id="a-number-before-pour-is-not-always-a-count",
        ),
        pytest.param(
            "Vote sur l'amendement : Pour : 4 ; Contre : 14 ; Abstention : 1\nL'amendement est rejeté.\n\n"
            "Le Conseil municipal, après en avoir délibéré, fixe les tarifs.\n\n"
            "Pour : 15 ; Contre : 4 ; Abstention : 0",
            (False, 15, 4, 0, "adopted"),
            id="the-amendment-vote-is-not-the-act-vote",
        ),
        pytest.param(
            "Le Conseil n'ayant pas décidé à l'unanimité de voter au scrutin public, il est procédé au scrutin "
            "secret.\nMme Émeline RABUSSEAU est élue avec 12 voix déléguée suppléante.",
            (None, 12, None, None, "adopted"),
            id="election",
        ),
        pytest.param("Refusé par 6 voix contre 4.", (False, 4, 6, None, "rejected"), id="refuse-par-n-voix-contre-m"),
        pytest.param("Adopté par 12 voix contre 3.", (False, 12, 3, None, "adopted"), id="adopte-par-n-voix-contre-m"),
        pytest.param(
            "Adopté à l'unanimité des membres présents (14 voix) et\nreprésentés (3 voix).",
            (True, 17, None, None, "adopted"),
            id="unanimity-of-present-and-represented",
        ),
        pytest.param(
            "Résultat du vote :\nNombre de votants : 47\nPour : 38\nContre : 6 – Groupe « Agir » : contre\n"
            "Abstentions : 3",
            (False, 38, 6, 3, "adopted"),
            id="a-count-above-the-next-label-is-not-its-count",
        ),
        pytest.param(
            "VOTE : POUR 12 – CONTRE 3 (MM. Didier GOUP, Franck RABO, Nicolas PICH) – ABSTENTION 0",
            (False, 12, 3, 0, "adopted"),
            id="counts-with-their-names-in-brackets",
        ),
        pytest.param(
            "Ont voté pour (16) : Alain ROUM, Mireille BLANC et Odile SAUT par procuration.\n"
            "Ont voté contre (4) : Didier FLOR, Corinne ALLÈ, Thierry JUL, et Frédéric AMI par\nprocuration.\n"
            "Se sont abstenus (2) : Valérie SOUCH, Éric SIM.\n\nLa délibération n° D2025-031 est adoptée.",
            (False, 16, 4, 2, "adopted"),
            id="a-public-ballot-by-name",
        ),
        pytest.param(
            "Ont obtenu :\n- Mme Sabine CALIP : douze voix (12)\n- M. Jérôme DEMAR : cinq voix (5)\n\n"
            "Mme Sabine CALIP, ayant obtenu la majorité absolue, est proclamée quatrième adjointe.",
            (None, None, None, None, "adopted"),
            id="an-election-proclaimed",
        ),
        pytest.param("Votes : pour 11, contre 1, abstention 1.", (False, 11, 1, 1, "adopted"), id="label-then-count"),
        pytest.param(
            "après en avoir délibéré, à l'unanimité des suffrages exprimés\n(21 voix pour, 2 abstentions : M. X) :",
            (True, 21, None, 2, "adopted"),
            id="unanimity-of-expressed-votes-with-abstentions",
        ),
        pytest.param(
            "une motion contre ce projet déjà voté à l'unanimité.\nVote de la motion : 12 votes pour / 2 abstentions",
            (False, 12, None, 2, "adopted"),
            id="unanimity-of-another-vote-in-a-recital",
        ),
    ],
)
def test_vote_reads_wording(text: str, expected: tuple[object, ...]) -> None:
    reading = read_vote(text, 0, len(text))
    assert reading is not None
    vote = reading.vote
    assert (vote.unanimous, vote.for_, vote.against, vote.abstention, vote.outcome) == expected


def test_vote_absent_when_nothing_is_voted() -> None:
    text = "Le recensement aura lieu du 16 janvier au 15 février 2025. Pas de vote."
    reading = read_vote(text, 0, len(text))
    assert reading is None or reading.vote.outcome is None


STAMP = (
    "Envoyé en préfecture le 31/03/2025\nReçu en préfecture le 31/03/2025\nPublié le\n"
    "ID : 059-215902842-20250327-31032025_64-DE"
)


@pytest.mark.parametrize(
    ("text", "hint", "act_id", "received", "repaired"),
    [
        pytest.param(STAMP, None, "059-215902842-20250327-31032025_64-DE", "2025-03-31", False, id="electronic"),
        pytest.param(
            "ID : 069-215002925-20250402-DELIB20250210-DE\nReçu en préfecture le 07/04/2025",
            "059",
            "059-215902925-20250402-DELIB20250210-DE",
            "2025-04-07",
            True,
            id="repaired-by-luhn",
        ),
        pytest.param(
            "ID: 6059-21 5902842-20250327-31032025 64-DI",
            None,
            "059-215902842-20250327-31032025_64-DE",
            None,
            True,
            id="heavy-ocr-rebuilt",
        ),
        pytest.param(
            ": ID: 0659-21 5902842-20250327-31032025 64-DE",
            None,
            "059-215902842-20250327-31032025_64-DE",
            None,
            True,
            id="heavy-ocr-digit-inside-department",
        ),
        pytest.param(
            "Acte rendu exécutoire après dépôt en préfecture du Pas-de-Calais le 05/10/2023",
            None,
            None,
            "2023-10-05",
            False,
            id="depot-en-prefecture",
        ),
        pytest.param(
            "Accusé de réception en préfecture\n013-211300074-20220106-AR-2022-02-AR\n"
            "Date de réception préfecture : 07/01/2022",
            None,
            "013-211300074-20220106-AR-2022-02-AR",
            "2022-01-07",
            False,
            id="accuse-number-with-dashes",
        ),
        pytest.param("PRÉFECTURE DU GARD\nReçu le\n\n27 MAI 2021", None, None, "2021-05-27", False, id="paper-stamp"),
        pytest.param(
            "Transmis en préfecture le 21/05/2025 – reçu le 22/05/2025 – ID : 042-200085363-20250515-B2025_031-DE",
            None,
            "042-200085363-20250515-B2025_031-DE",
            "2025-05-22",
            False,
            id="sent-then-received-on-one-line",
        ),
        pytest.param(
            "Accusé de réception n° 014-211465208-20250120-PV_2024_12-DE du 22/01/2025",
            None,
            "014-211465208-20250120-PV_2024_12-DE",
            "2025-01-22",
            False,
            id="accuse-numero-du",
        ),
        pytest.param(
            "Réception par le préfet : 06/06/2025\nAffichage : 06/06/2025\n"
            "Identifiant : 036-213629504-20250603-D2025_027-DE",
            None,
            "036-213629504-20250603-D2025_027-DE",
            "2025-06-06",
            False,
            id="reception-par-le-prefet",
        ),
        pytest.param(
            "ID : 030-213001100-20231215-PV17112028-AU",
            None,
            "030-213001100-20231215-PV17112023-AU",
            None,
            True,
            id="impossible-year-in-the-number",
        ),
        pytest.param(
            "ID : 059-215902842-20250327-31032025_64-DE",
            None,
            "059-215902842-20250327-31032025_64-DE",
            None,
            False,
            id="number-dated-days-after-the-id-is-kept",
        ),
        pytest.param(
            "Accusé de réception - Ministère de l'Intérieur\n"
            "0 2 1 - 2 1 2 1 0 4 0 5 3 - 2 0 2 5 0 3 0 4 - D E L 2 0 2 5 _ 0 1 1 - D E",
            None,
            "021-212104053-20250304-DEL2025_011-DE",
            None,
            True,
            id="letter-spaced-stamp",
        ),
        pytest.param(
            "ID : O40-2540O1878-2024121 2-2024_32-DE",
            None,
            "040-254001878-20241212-2024_32-DE",
            None,
            True,
            id="letters-for-digits-and-a-space",
        ),
        pytest.param(
            "ID : O15-2ll5O417O-2O250204-DEL_2025_07-DE",
            None,
            "015-211504170-20250204-DEL_2025_07-DE",
            None,
            True,
            id="l-for-one",
        ),
        pytest.param(
            "ID : O54-2l54O4393-2O25O5l5-DEL2O25_l8-DE",
            None,
            "054-215404393-20250515-DEL2025_18-DE",
            None,
            True,
            id="l-for-one-in-the-act-number",
        ),
        pytest.param(
            "voye en prefecture le 17/04/2025\nu en prefecture le 17/04/2025\n0-211003868-20250411-PV20250411-DE",
            None,
            "010-211003868-20250411-PV20250411-DE",
            "2025-04-17",
            True,
            id="stamp-cut-at-the-page-edge",
        ),
        pytest.param(
            f"{' ' * 40}PRÉFECTURE DE L'AUBE\n{' ' * 40}Reçu le\n{' ' * 40}3 FÉVRIER 2025\n",
            None,
            None,
            "2025-02-03",
            False,
            id="paper-stamp-de-l-department",
        ),
        pytest.param(
            "Télétransmis en préfecture le 16/04/2025\nAccusé de réception préfecture du 16/04/2025\n"
            "Identifiant de l'acte : 035-200086411-20250410-B2025_031-DE",
            None,
            "035-200086411-20250410-B2025_031-DE",
            "2025-04-16",
            False,
            id="accuse-de-reception-prefecture-du",
        ),
        pytest.param(
            "Reçu au contrôle de légalité le 09/07/2025 – Identifiant : 083-200093615-20250703-DEL_2025_0412-DE",
            None,
            "083-200093615-20250703-DEL_2025_0412-DE",
            "2025-07-09",
            False,
            id="recu-au-controle-de-legalite",
        ),
    ],
)
def test_stamp_reads_wording(
    text: str, hint: str | None, act_id: str | None, received: str | None, repaired: bool
) -> None:
    stamp = read_stamp(text, 0, len(text), department_hint=hint, reference_year=2025)
    assert (stamp.act_id.value if stamp.act_id else None) == act_id
    assert (stamp.received.value.isoformat() if stamp.received else None) == received
    assert bool(stamp.act_id and stamp.act_id.repaired_from) == repaired


def test_stamp_simulated_sending_is_not_a_transmission() -> None:
    text = "Envoi simulé le 12/03/2024\nID : 059-215902842-20240310-2024_12-DE"
    stamp = read_stamp(text, 0, len(text), department_hint=None, reference_year=2024)
    assert stamp.test_stamp and stamp.sent is None and stamp.received is None


_TRANSMISSIONS = (
    "Transmission au contrôle de légalité\n\n"
    "N°\tIdentifiant de l'acte\tTransmis le\tAccusé de réception le\n"
    "CP 24-09-041\t055-225500479-20240916-CP24_09_041-DE\t19/09/2024\t19/09/2024\n"
    "CP 24-09-043\t055-225500479-20240916-CP24_09_043-DE\t19/09/2024\t20/09/2024\n"
)


@pytest.mark.parametrize(
    ("number", "act_id", "sent", "received"),
    [
        pytest.param("CP 24-09-043", "055-225500479-20240916-CP24_09_043-DE", "2024-09-19", "2024-09-20", id="row"),
        pytest.param("CP 24-09-042", None, None, None, id="number-not-listed"),
        pytest.param("43", None, None, None, id="too-short-to-link"),
    ],
)
def test_stamp_row_of_a_transmission_table(
    number: str, act_id: str | None, sent: str | None, received: str | None
) -> None:
    stamp = row_stamp(_TRANSMISSIONS, number, reference_year=2024)
    assert (stamp.act_id.value if stamp and stamp.act_id else None) == act_id
    assert (stamp.sent.value.isoformat() if stamp and stamp.sent else None) == sent
    assert (stamp.received.value.isoformat() if stamp and stamp.received else None) == received


@pytest.mark.parametrize(
    ("number", "key"),
    [("CP 24-09-042", "2409042"), ("CP24_09_042", "2409042"), ("D2025-027", "2025027"), ("12", None), (None, None)],
)
def test_stamp_number_key(number: str | None, key: str | None) -> None:
    assert number_key(number) == key


OWN = SelfParty(name="Hasnon", president="André DESMEDT", president_role="Maire")


@pytest.mark.parametrize(
    ("text", "title", "expected"),
    [
        pytest.param(
            "IL EST CONVENU CE QUI SUIT\nENTRE\nLa Communauté d'Agglomération de La Porte du Hainaut\n"
            "représentée par Aymeric ROBIN, Président, dûment autorisé\n"
            "Ci-après désignée « la CAPH », d'une part,\nET\n"
            "La Commune de Haveluy,\nreprésentée par Jean-Paul RYCKELYNCK, Maire, dûment autorisée\nd'autre part,",
            None,
            [
                ("Communauté d'Agglomération de La Porte du Hainaut", "Aymeric ROBIN", "Président"),
                ("Haveluy", "Jean-Paul RYCKELYNCK", "Maire"),
            ],
            id="entre-et",
        ),
        pytest.param(
            "ENTRE\nLe Syndicat Mixte du Bassin de l'Authie, représenté par son Président, Monsieur Francis BOULOGNE,\n"
            "ET\nLa Commune de XXXXXX, représentée par son Maire, XXXXXX,\nIl a été convenu ce qui suit",
            None,
            [
                ("Syndicat Mixte du Bassin de l'Authie", "Francis BOULOGNE", "Président"),
                (None, None, "Maire"),
            ],
            id="role-first-and-template",
        ),
        pytest.param(
            "D'autoriser Monsieur le Maire à signer les conventions de prestation de service avec La Communauté "
            "d'Agglomération de La Porte du Hainaut ainsi que leurs éventuels avenants.",
            None,
            [
                ("Communauté d'Agglomération de La Porte du Hainaut", None, None),
                ("Hasnon", "André DESMEDT", "Maire"),
            ],
            id="authorisation-avec",
        ),
        pytest.param(
            "d'approuver la convention de mutualisation avec les communes de Fléville-devant-Nancy, Heillecourt et "
            "Houdemont (ci-jointe en annexe) ;",
            None,
            [
                ("Fléville-devant-Nancy", None, None),
                ("Heillecourt", None, None),
                ("Houdemont", None, None),
                ("Hasnon", None, None),
            ],
            id="communes-list",
        ),
        pytest.param(
            "Présentation du directeur territorial de GRDF. 3 abstentions 8 votes pour",
            "Renouvellement contrat GRDF",
            [("GRDF", None, None), ("Hasnon", None, None)],
            id="title-acronym",
        ),
        pytest.param("Vu la convention avec l'État du 3 mars 2020,", None, None, id="recital-is-not-a-party"),
        pytest.param(
            "autorise le Maire à signer la convention avec SNCF Gares & Connexions, représentée par son directeur "
            "régional Auvergne-Rhône-Alpes, M. François-Xavier BRACHET.",
            None,
            [
                ("SNCF Gares & Connexions", "François-Xavier BRACHET", "Directeur régional Auvergne-Rhône-Alpes"),
                ("Hasnon", "André DESMEDT", "Maire"),
            ],
            id="partner-represented-by",
        ),
        pytest.param(
            "VU le décret n° 85-603 ;\nsigner une convention de prestation de service avec le SDIS pour les "
            "contrôles\n\nLe conseil municipal après en avoir délibéré\nautorise Monsieur le Maire à conclure la "
            "convention correspondante avec le Centre de gestion du Gard annexée à la présente délibération,",
            None,
            [("Centre de gestion du Gard", None, None), ("Hasnon", "André DESMEDT", "Maire")],
            id="operative-clause-before-preamble",
        ),
        pytest.param(
            "La commission approuve la convention de partenariat entre le Département de la Meuse, représenté par "
            "son Président, M. Bertrand HUMBLOT, et la Fédération des foyers ruraux de la Meuse, représentée par sa "
            "Présidente, Mme Lucie HANNEQUIN, prévoyant une subvention de 45 000 €.",
            None,
            [
                ("Département de la Meuse", "Bertrand HUMBLOT", "Président"),
                ("Fédération des foyers ruraux de la Meuse", "Lucie HANNEQUIN", "Présidente"),
            ],
            id="entre-et-in-a-sentence",
        ),
        pytest.param(
            "La convention est conclue ENTRE la Communauté de communes du Mézenc, représentée par son Président, "
            "M. Hervé CHAPUIS, ET l'association « Les Jardins du Mézenc », représentée par sa Présidente, "
            "Mme Ginette ROCHEBLAVE.",
            None,
            [
                ("Communauté de communes du Mézenc", "Hervé CHAPUIS", "Président"),
                ("Les Jardins du Mézenc", "Ginette ROCHEBLAVE", "Présidente"),
            ],
            id="quoted-association-name",
        ),
        pytest.param(
            "Le GAEC des Trois Sapins, représenté par M. Thibaut JEUNET-MOREL, son gérant, propose d'assurer le "
            "déneigement.\nLe conseil municipal, après en avoir délibéré, approuve la convention de déneigement "
            "avec le GAEC des Trois Sapins et autorise le Maire à la signer.",
            None,
            [
                ("GAEC des Trois Sapins", "Thibaut JEUNET-MOREL", "Gérant"),
                ("Hasnon", "André DESMEDT", "Maire"),
            ],
            id="representative-given-before-the-decision",
        ),
        pytest.param(
            "- APPROUVE la convention de financement à conclure avec SNCF Gares & Connexions ;\n"
            "- AUTORISE le Maire ou son représentant à la signer.",
            None,
            [("SNCF Gares & Connexions", None, None), ("Hasnon", "André DESMEDT", "Maire")],
            id="signatory-in-the-next-clause",
        ),
        pytest.param(
            "- APPROUVE la convention à conclure entre la commune de Hasnon et la Communauté de communes Seugne et "
            "Saintonge, représentée par son Président, M. Gérard LAFLEUR ;\n- AUTORISE M. le Maire à signer ladite "
            "convention.",
            None,
            [
                ("Hasnon", "André DESMEDT", "Maire"),
                ("Communauté de communes Seugne et Saintonge", "Gérard LAFLEUR", "Président"),
            ],
            id="entre-et-only-the-second-represented",
        ),
        pytest.param(
            "- d'approuver la convention de fonds de concours entre la Ville et le SDIS, jointe en annexe ;\n"
            "- d'autoriser le Maire à la signer.\nLe SDIS de la Drôme en assure le suivi.",
            None,
            [("Hasnon", "André DESMEDT", "Maire"), ("SDIS de la Drôme", None, None)],
            id="entre-et-without-representatives",
        ),
        pytest.param(
            "VU la convention de partenariat entre la Caisse des Dépôts et le CDG 30, représenté par son Président, "
            "M. Jean NOËL ;",
            None,
            None,
            id="entre-et-in-a-recital-is-another-convention",
        ),
        pytest.param(
            "ENTRE LES SOUSSIGNÉS :\nLa Commune de Hasnon, représentée par son Maire en exercice, Madame\n"
            "Maialen DUHALDE,\nd'une part,\nET\nLa société ÉLECBORNE, représentée par\nMonsieur Iñaki "
            "ETCHEVERRY, agissant en qualité de Président,\nd'autre part,",
            None,
            [("Hasnon", "Maialen DUHALDE", "Maire"), ("société ÉLECBORNE", "Iñaki ETCHEVERRY", "Président")],
            id="wrapped-names-and-agissant-en-qualite",
        ),
        pytest.param(
            "La convention est conclue entre l'État, représenté par le Préfet de l'Aude, M. Laurent DORIAC, et le "
            "Département de l'Aude, représenté par sa Présidente, Mme Hélène SANDRAGNÉ.",
            None,
            [
                ("État", "Laurent DORIAC", "Préfet de l'Aude"),
                ("Département de l'Aude", "Hélène SANDRAGNÉ", "Présidente"),
            ],
            id="the-state-represented-by-its-prefect",
        ),
        pytest.param(
            "ENTRE :\n1) Le Département de la Meuse, représenté par le Président du Conseil départemental,\n"
            "   M. Paul VIGNERON ;\n2) La Communauté de communes du Val d'Ornois, représentée par son Président,\n"
            "   M. Luc HAZARD ;\n3) L'association Ornois Services, représentée par sa présidente, Mme Anne LIS.\n",
            None,
            [
                ("Département de la Meuse", "Paul VIGNERON", "Président du Conseil départemental"),
                ("Communauté de communes du Val d'Ornois", "Luc HAZARD", "Président"),
                ("association Ornois Services", "Anne LIS", "Présidente"),
            ],
            id="three-numbered-parties",
        ),
        pytest.param(
            "ENTRE\n\nLa commune de Hasnon, représentée par son Maire, M. André DESMEDT,\n"
            "ci-après dénommée « la commune »,\n\nLe Département du Nord, représenté par M. Jean RIVE, Président\n"
            "du Conseil départemental,\nci-après dénommé « le Département »,\n\nET\n\n"
            "L'association Nord Insertion, représentée par sa présidente, Mme Léa COLIN,\n"
            "ci-après dénommée « l'association »,\n\nIL EST CONVENU CE QUI SUIT :",
            None,
            [
                ("Hasnon", "André DESMEDT", "Maire"),
                ("Département du Nord", "Jean RIVE", "Président du Conseil départemental"),
                ("association Nord Insertion", "Léa COLIN", "Présidente"),
            ],
            id="two-parties-before-et",
        ),
        pytest.param(
            "L'avenant est conclu entre la commune de Hasnon, représentée par son Maire, M. André DESMEDT, et la "
            "société EAUX DU NORD, représentée par son directeur régional Hauts-de-France, M. Marc VALLE.",
            None,
            [
                ("Hasnon", "André DESMEDT", "Maire"),
                ("société EAUX DU NORD", "Marc VALLE", "Directeur régional Hauts-de-France"),
            ],
            id="role-with-a-region-then-the-name",
        ),
        pytest.param(
            "ENTRE\nLa Communauté de communes des Vaux, représentée par son Président, M. Jean POUILLY,\nET\n"
            "La commune de [nom de la commune], représentée par son Maire, [nom du Maire],\nd'autre part",
            None,
            [("Communauté de communes des Vaux", "Jean POUILLY", "Président"), (None, None, "Maire")],
            id="bracketed-template-blanks-are-no-names",
        ),
        pytest.param(
            "La convention est conclue entre l'État, représenté par le Préfet de la Mayenne, la Communauté\n"
            "de communes Ernée-Colmont, représentée par son Président, et les communes de Colmont-le-Bourg\n"
            "et de Vautorte-sur-Ernée, représentées par leurs maires. L'Agence nationale de l'habitat y est associée.",
            None,
            [
                ("État", None, "Préfet de la Mayenne"),
                ("Communauté de communes Ernée-Colmont", None, "Président"),
                ("Colmont-le-Bourg", None, None),
                ("Vautorte-sur-Ernée", None, None),
            ],
            id="four-parties-in-a-sentence",
        ),
        pytest.param(
            "Une convention doit être conclue entre la Communauté de communes Treulon et Gée, coordonnateur du\n"
            "groupement, représentée par son Président, et les communes de Vaulandry-sur-Gée, Chassillé-le-Bois\n"
            "et Amné-sur-Gée, chacune représentée par son Maire. La Communauté assure la passation du marché.",
            None,
            [
                ("Communauté de communes Treulon et Gée", None, "Président"),
                ("Vaulandry-sur-Gée", None, "Maire"),
                ("Chassillé-le-Bois", None, "Maire"),
                ("Amné-sur-Gée", None, "Maire"),
            ],
            id="a-list-of-communes-each-represented-by-its-mayor",
        ),
        pytest.param(
            "La convention signée en 2024 entre la Région Bretagne (autorité de gestion), l'Agence de services et "
            "de paiement (organisme payeur) et le PETR du Pays de Redon doit être modifiée.\n"
            "- APPROUVE l'avenant n° 1 à la convention tripartite entre la Région Bretagne,\n"
            "  l'Agence de services et de paiement et le PETR du Pays de Redon ;",
            None,
            [
                ("Région Bretagne", None, None),
                ("Agence de services et de paiement", None, None),
                ("PETR du Pays de Redon", None, None),
            ],
            id="three-named-parties-of-the-decision",
        ),
        pytest.param(
            "- approuve la convention de délégation de compétence à conclure entre la Région Grand Est et le\n"
            "  SIVOS du Val de Laignes pour les années scolaires 2025-2026 à 2027-2028 ;",
            None,
            [("Région Grand Est", None, None), ("SIVOS du Val de Laignes", None, None)],
            id="name-ends-before-pour-les",
        ),
        pytest.param(
            "L'avenant est conclu entre le Syndicat d'énergie du Diois, représenté par son\nPrésident, M. Jean-Marc "
            "ROSTA, la société Enedis, représentée par M. Pierre-Yves DOURS,\ndirecteur territorial Drôme-Ardèche, "
            "et EDF, représentée par Mme Carole JOUFF, directrice Commerce.",
            None,
            [
                ("Syndicat d'énergie du Diois", "Jean-Marc ROSTA", "Président"),
                ("société Enedis", "Pierre-Yves DOURS", "Directeur territorial Drôme-Ardèche"),
                ("EDF", "Carole JOUFF", "Directrice Commerce"),
            ],
            id="three-parties-the-last-without-article",
        ),
        pytest.param(
            "**3. Instruction des autorisations d'urbanisme**\n\nLa communauté de communes Volp-Arize propose une "
            "nouvelle convention, avec une participation de 2,10 € par habitant. Le conseil accepte et autorise le "
            "maire à signer la convention avec la communauté de communes. Accord unanime.",
            None,
            [("communauté de communes Volp-Arize", None, None), ("Hasnon", "André DESMEDT", "Maire")],
            id="a-noun-autorisations-is-no-authorisation",
        ),
        pytest.param(
            "ENTRE :\nLa commune de Hasnon, représentée par son Maire,\nd'une part,\nET :\nLe collège Les Prés, "
            "représenté par son Principal, M. Paul VERS, agissant au nom de l'établissement,\nd'autre part,\n\n"
            "- AUTORISE le Maire à signer la convention.",
            None,
            [("Hasnon", "André DESMEDT", "Maire"), ("collège Les Prés", "Paul VERS", "Principal")],
            id="a-college-and-its-principal",
        ),
        pytest.param(
            "ENTRE LES COMMUNES SUIVANTES :\n\nla commune de Valmont, représentée par son Maire, M. Jean MORT, "
            "autorisé par\n  délibération du 27 mai 2025 ;\nla commune de Martainville, représentée par son Maire, "
            "Mme Josiane FRANCE,\n  autorisée par délibération du 12 mai 2025 ;\nla commune d'Hocquelus, représentée "
            "par son Maire, M. Christian ANDRÉ, autorisé\n  par délibération du 22 mai 2025 ;\n\nci-après dénommées "
            "« les membres du groupement ».\n\nArticle 1 – Objet",
            None,
            [
                ("Valmont", "Jean MORT", "Maire"),
                ("Martainville", "Josiane FRANCE", "Maire"),
                ("Hocquelus", "Christian ANDRÉ", "Maire"),
            ],
            id="a-list-of-members-of-a-groupement",
        ),
        pytest.param(
            "Une convention doit etre conclue entre le Departement de Meurthe-et-Moselle, represente par le\n"
            "President du Conseil departemental, et la commune de Rechicourt-sur-Sanon, representee par son\n"
            "Maire, M. Gerard BRACONNIER.",
            None,
            [
                ("Departement de Meurthe-et-Moselle", None, "President du Conseil departemental"),
                ("Rechicourt-sur-Sanon", "Gerard BRACONNIER", "Maire"),
            ],
            id="a-role-without-its-accents",
        ),
        pytest.param(
            "La convention est conclue entre :\n"
            "- le Pôle d'équilibre territorial et rural du Pays de Braye, représenté par son Président,"
            " M. Hervé BOUTTE ;\n"
            "- la Communauté de communes du Val de Braye, représentée par son Président, M. Alain BOUSSION ;\n"
            "- la Chambre de commerce et d'industrie Sarthe-Perche, représentée par son Président,"
            " M. Bertrand JOUSSE.\n"
            "Le Comité syndical, après en avoir délibéré, approuve la convention et autorise le Président à la signer.",
            None,
            [
                ("Pôle d'équilibre territorial et rural du Pays de Braye", "Hervé BOUTTE", "Président"),
                ("Communauté de communes du Val de Braye", "Alain BOUSSION", "Président"),
                ("Chambre de commerce et d'industrie Sarthe-Perche", "Bertrand JOUSSE", "Président"),
            ],
            id="conclue-entre-then-a-list",
        ),
        pytest.param(
            "ENTRE :\n\n1° La commune des Ventes-de-Sarthon, propriétaire, représentée par son Maire, M. Dominique\n"
            "LETELLAIS, ci-après dénommée « la commune » ;\n\n2° Le collège des Trois-Forêts, établissement public, "
            "représenté par sa\nprincipale, Mme Nathalie BRUNEVAL ;\n\n3° L'association « Union sportive des Ventes », "
            "régie par la loi du 1er juillet 1901,\nreprésentée par son président, M. Thierry COQUELINAIS ;\n\n"
            "IL EST CONVENU CE QUI SUIT :",
            None,
            [
                ("Les Ventes-de-Sarthon", "Dominique LETELLAIS", "Maire"),
                ("collège des Trois-Forêts", "Nathalie BRUNEVAL", "Principale"),
                ("Union sportive des Ventes", "Thierry COQUELINAIS", "Président"),
            ],
            id="numbered-parties-and-a-commune-des",
        ),
        pytest.param(
            "Le Conseil municipal, après en avoir délibéré :\n- APPROUVE la conclusion d'un bail emphytéotique entre "
            "la commune de\n  Hasnon et la SARL A Casaluna, représentée par sa gérante, Mme Lisandra CIABRINI ;\n"
            "- DÉSIGNE Mme Marie-Josée ALFONSI, première adjointe, pour signer le bail au nom de la commune ;\n",
            None,
            [
                ("Hasnon", "Marie-Josée ALFONSI", "première adjointe"),
                ("SARL A Casaluna", "Lisandra CIABRINI", "Gérante"),
            ],
            id="a-designated-signatory",
        ),
        pytest.param(
            "La convention de servitude est proposée par ENEDIS, société anonyme à directoire et à conseil de "
            "surveillance, représentée par M. Romain MOISANT, Directeur territorial.\nLe conseil municipal "
            "APPROUVE la convention de servitude avec ENEDIS et autorise le Maire à la signer.",
            None,
            [("ENEDIS", "Romain MOISANT", "Directeur territorial"), ("Hasnon", "André DESMEDT", "Maire")],
            id="a-representative-after-an-apposition",
        ),
    ],
)
def test_parties_read_wording(text: str, title: str | None, expected: list[tuple[object, ...]] | None) -> None:
    found = convention_parties(text, [(0, len(text))], title, OWN)
    parties = [(party.name, party.representative, party.role) for party in found.value] if found else None
    assert parties == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Séance du 28 septembre 2023", "2023-09-28", id="seance-du"),
        pytest.param("L'an deux mil vingt CINQ, le VINGT SEPT MARS à 19 heures", "2025-03-27", id="l-an"),
        pytest.param("CR du conseil municipal 05 novembre 2021", "2021-11-05", id="title"),
        pytest.param("COMPTE RENDU DU CONSEIL MUNICIPAL\nDU VENDREDI 22 NOVEMBRE 2024", "2024-11-22", id="weekday"),
        pytest.param("Approbation du procès-verbal de la séance du 14 décembre 2023", None, id="earlier-session"),
        pytest.param("adopté par le Conseil Communautaire le 16 octobre 2023", None, id="other-body-date"),
    ],
)
def test_session_date_wording(text: str, expected: str | None) -> None:
    found = session.session_date(text, 0, len(text))
    assert (found.value.isoformat() if found else None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Date de convocation : 27 MARS 2025", dt.date(2025, 3, 27), id="label"),
        pytest.param("sur convocation du 21 septembre 2023", dt.date(2023, 9, 21), id="sur-convocation"),
        pytest.param("la convocation du conseil avait été faite le 20 mars 2025", dt.date(2025, 3, 20), id="faite-le"),
        pytest.param(
            "Date de la première convocation : 4 mars 2024\nDate de la seconde convocation : 12 mars 2024",
            dt.date(2024, 3, 12),
            id="second-convocation",
        ),
        pytest.param(
            "Date de convocation :             trente, le Conseil municipal de cette commune, régulièrement\n"
            "12/05/2025                        convoqué, s'est réuni au nombre prescrit par la loi",
            dt.date(2025, 5, 12),
            id="label-ending-a-left-column",
        ),
        pytest.param(
            "Date d'affichage\tDate de convocation\tEn exercice\n04/03/2026\t02/03/2026\t11\n",
            dt.date(2026, 3, 2),
            id="label-heading-a-table-column",
        ),
        pytest.param("Convoqué le 12 mars 26, le conseil municipal", dt.date(2026, 3, 12), id="year-on-two-digits"),
    ],
)
def test_session_convocation_wording(text: str, expected: dt.date) -> None:
    found = session.convocation_date(text, 0, len(text))
    assert found is not None and found.value == expected


@pytest.mark.parametrize(
    ("text", "president", "secretary"),
    [
        pytest.param(
            "sous la présidence de Monsieur André DESMEDT, Maire.\nMr MERVILLE Hervé a été désigné pour remplir "
            "les fonctions de secrétaire.",
            "André DESMEDT",
            "MERVILLE Hervé",
            id="seed-000",
        ),
        pytest.param(
            "sous ia présidence de Monsieur Jean-Paul RYCKELYNCK, Maire, 2 la suite\n"
            "Secrétaire de séance : Mme MAYEUX M.",
            "Jean-Paul RYCKELYNCK",
            "MAYEUX M.",
            id="ocr",
        ),
        pytest.param(
            "sous la présidence de Monsieur Denis JUVIN - Maire\nMonsieur le Maire propose la candidature de "
            "Mr VINCON en qualité de secrétaire",
            "Denis JUVIN",
            "VINCON",
            id="candidature",
        ),
        pytest.param("Séance ouverte à 20h05 par Jean-Marc, maire.", "Jean-Marc", None, id="seance-ouverte-par"),
        pytest.param(
            "Absents : M. A.\n\nMme Enora SALAÜNIC, benjamine de l'assemblée, est désignée secrétaire de séance.",
            None,
            "Enora SALAÜNIC",
            id="secretary-with-an-apposition",
        ),
        pytest.param(
            "Secrétaire de séance, désigné à l'unanimité : M. Patrick LEMAUVIEL.",
            None,
            "Patrick LEMAUVIEL",
            id="secretary-designated-unanimously",
        ),
    ],
)
def test_session_president_and_secretary(text: str, president: str | None, secretary: str | None) -> None:
    found_president = session.president(text, 0, len(text))
    found_secretary = session.secretary(text, 0, len(text))
    assert (found_president.value.name if found_president else None) == president
    assert (found_secretary.value if found_secretary else None) == secretary


@pytest.mark.parametrize(
    ("text", "body_kind", "expected"),
    [
        pytest.param(
            "DEPARTEMENT DU NORD - ARRONDISSEMENT DE VALENCIENNES\nVILLE D'HAVELUY",
            "commune",
            ("Haveluy", "commune"),
            id="ville-after-department-line",
        ),
        pytest.param(
            "Communauté de Communes des Campagnes de l'Artois\nSéance du 28 septembre 2023",
            "epci",
            ("Campagnes de l'Artois", "epci"),
            id="epci",
        ),
        pytest.param(
            "COMMUNE DE LABASTIDE-SUR-SAVE", "commune", ("Labastide-sur-Save", "commune"), id="la-inside-name"
        ),
        pytest.param("du CONSEIL MUNICIPAL de la COMMUNE de FLAUX", "commune", ("Flaux", "commune"), id="commune-de"),
        pytest.param(
            "La commune de Brémoncourt-sur-Marne souhaite également distinguer",
            "commune",
            ("Brémoncourt-sur-Marne", "commune"),
            id="prose-after-name",
        ),
        pytest.param(
            "MAIRIE DE MAZEIRAT-LA-FEUILLADE Courrier n° 12",
            "commune",
            ("Mazeirat-la-Feuillade", "commune"),
            id="stamp-word-after-capitals",
        ),
        pytest.param(
            "COMMUNE NOUVELLE DE TERRES-DE-L'ODON", "commune", ("Terres-de-l'Odon", "commune"), id="commune-nouvelle"
        ),
        pytest.param(
            "CENTRE COMMUNAL D'ACTION SOCIALE\nDE SAINT-RÉMY-SUR-CISSE\n(Loir-et-Cher)",
            "other",
            ("Saint-Rémy-sur-Cisse", "other"),
            id="ccas",
        ),
        pytest.param(
            "SMICTOM LOT ET LÉMANCE\nSyndicat mixte intercommunal de collecte et de traitement des ordures ménagères",
            "syndicat",
            ("SMICTOM Lot et Lémance", "syndicat"),
            id="syndicat-by-its-acronym",
        ),
        pytest.param(
            "SYNDICAT MIXTE BARANGEON-MÉANT\nGestion des milieux aquatiques",
            "syndicat",
            ("Barangeon-Méant", "syndicat"),
            id="syndicat-mixte-without-particle",
        ),
    ],
)
def test_session_collectivity(text: str, body_kind: str, expected: tuple[str, str]) -> None:
    found = session.collectivity(text, 0, len(text), body_kind=body_kind)
    assert found is not None and found.value == expected


@pytest.mark.parametrize(
    ("title", "agenda", "expected"),
    [
        pytest.param(
            "Approbation du procès-verbal du Conseil Municipal du 22 septembre 2023",
            "Approbation du procès-verbal du 22 septembre 2023",
            "Approbation du procès-verbal du Conseil Municipal du 22 septembre 2023",
            id="fuller-body-heading",
        ),
        pytest.param(
            "Adhésion au service = Partenariat CNRACL et RovaÉ ee je 21122028",
            "Adhésion au service Partenariat CNRACL et Invalidité",
            "Adhésion au service Partenariat CNRACL et Invalidité",
            id="stamp-debris-is-not-fuller",
        ),
        pytest.param("Budget primitif", "Budget primitif 2024", "Budget primitif 2024", id="agenda-wording"),
        pytest.param(
            "Accueil de loisirs – Tarifs de l'été 2024 Délibération n° 2024-027",
            "",
            "Accueil de loisirs – Tarifs de l'été 2024",
            id="number-line-after-the-title",
        ),
        pytest.param(
            "Délibération n° 2025-012 : Vote des taux d'imposition 2025",
            "",
            "Vote des taux d'imposition 2025",
            id="number-before-the-title",
        ),
        pytest.param(
            "DEL-2025-0412 – Budget principal – Décision modificative n° 1",
            "",
            "Budget principal – Décision modificative n° 1",
            id="code-before-the-title",
        ),
    ],
)
def test_object_prefers_agenda_unless_body_says_more(title: str, agenda: str, expected: str) -> None:
    span = Span(start=0, end=0)
    act = ActSpan(
        index=0, kind="deliberation", start=0, end=10, lead_start=0, session=span, title=title, agenda_title=agenda
    )
    found = act_object("", act)
    assert found is not None and found.value == expected


@pytest.mark.parametrize(
    ("sentence", "severity"),
    [
        pytest.param(
            "M. Paul MARTIN, Maire, s'est retiré au moment du vote et n'a pas pris part au vote.",
            "warning",
            id="withdrew-in-header",
        ),
        pytest.param("Mme Anne ROUX est secrétaire de séance.", "error", id="nothing-said"),
    ],
)
def test_context_non_voting_said_in_the_session_header(tmp_path: Path, sentence: str, severity: str) -> None:
    """Voters fewer than present + proxies: an error, unless the header says someone did not vote."""
    record = tmp_path / "extrait.txt"
    record.write_text(
        "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL DE BEAUVAL\n\n"
        "Séance du 25 avril 2024 – Date de convocation : 18 avril 2024\n\n"
        "En exercice : 15 — Présents : 12 — Votants : 13\n\n"
        "Pouvoirs : M. Alain SÉNÉCAL a donné pouvoir à M. Jacques DELAMARE ; "
        "Mme Odile TOUTAIN a donné pouvoir à Mme Claire LEMERCIER.\n\n"
        f"{sentence}\n\n"
        "Délibération n° 2024-042\n\nObjet : Compte administratif 2023\n\n"
        "Après en avoir délibéré, le Conseil municipal, par 11 voix pour et 2 abstentions, APPROUVE le compte.\n",
        encoding="utf-8",
    )
    act = process_file(record, load_settings()).acts[0]
    assert [f.severity for f in act.findings if f.code == "COUNT_VOTANTS"] == [severity]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        pytest.param("Reçu le\t- __M14- Affectation de résultat", "M14- Affectation de résultat", id="stamp-words"),
        pytest.param(
            "7 2 AVR. 2021\t- M49 - Affectation de résultat", "M49 - Affectation de résultat", id="stamp-date"
        ),
        pytest.param("[Bureau du - _ Don concession pleine terre", "Don concession pleine terre", id="bracket"),
        pytest.param(
            "Bureau de vote - désignation des assesseurs",
            "Bureau de vote - désignation des assesseurs",
            id="real-words-kept",
        ),
        pytest.param("PV du 12 mars 2021 - approbation", "PV du 12 mars 2021 - approbation", id="date-in-title-kept"),
    ],
)
def test_object_without_stamp_debris(title: str, expected: str) -> None:
    assert without_stamp_debris(title) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        pytest.param("DISPOSITIF (délib. 2025/02/11) :", "DISPOSITIF", id="reference"),
        pytest.param("Vote des taux 2025 Délibération n° 2025-012", "Vote des taux 2025", id="number-after"),
        pytest.param(
            "Approbation du compte rendu ; 048-214801763-20260213-PV-2026-0l-DE",
            "Approbation du compte rendu",
            id="stamp-id",
        ),
        pytest.param("Tarifs 2026 - 048 abonnés", "Tarifs 2026 - 048 abonnés", id="number-kept"),
    ],
)
def test_object_without_title_tails(title: str, expected: str) -> None:
    assert without_title_tails(title) == expected


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        pytest.param("REPUBLIQUE FRANÇAISE", True, id="letterhead"),
        pytest.param("MNoinbre de membres ul ont pris part à la clélibérarion : 11", True, id="count-box-ocr"),
        pytest.param("Nombre de mermhres en exercice : 11", True, id="count-box-garbled"),
        pytest.param("Indemnités de fonction des élus", False, id="title"),
        pytest.param("Nombre d'adjoints au maire", False, id="title-starting-with-nombre"),
    ],
)
def test_object_letterhead_is_no_title(title: str, expected: bool) -> None:
    assert is_empty_title(title) is expected


_VOTE_TABLE = (
    "N° de délibération\tObjet\tPour\tContre\tAbstention\tNe prend pas part au vote\tDécision\n"
    "CP 24-09-041\tRoutes départementales\t31\t0\t0\t0\tAdoptée à l'unanimité\n"
    "CP 24-09-042\tCollèges – dotations\t25\t0\t6\t0\tAdoptée\n"
    "CP 24-09-044\tMotion\t5\t20\t6\t0\tRejetée\n"
)


@pytest.mark.parametrize(
    ("row", "expected"),
    [
        pytest.param("CP 24-09-041", (True, 31, 0, 0, "adopted"), id="unanimous"),
        pytest.param("CP 24-09-042", (False, 25, 0, 6, "adopted"), id="abstentions"),
        pytest.param("CP 24-09-044", (False, 5, 20, 6, "rejected"), id="rejected"),
    ],
)
def test_vote_read_from_a_vote_table_row(row: str, expected: tuple[object, ...]) -> None:
    found = table_vote(_VOTE_TABLE, _VOTE_TABLE.index(row))
    assert found is not None
    vote = found.vote
    assert (vote.unanimous, vote.for_, vote.against, vote.abstention, vote.outcome) == expected


def test_vote_table_without_count_columns_is_left_to_the_text() -> None:
    table = "N°\tObjet\tDécision\n2024-32\tBudget – DM n° 1\tAdoptée (17 voix pour, 2 voix contre)\n"
    assert table_vote(table, table.index("2024-32")) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Le conseil APPROUVE le plan de financement.\n\nPour\tContre\tAbstentions\n21\t0\t4\n",
            (False, 21, 0, 4, "adopted"),
            id="counts-table-under-the-decision",
        ),
        pytest.param(
            "Adopté à l'unanimité.\n\nPour\tContre\tAbstentions\n25\t0\t0\n",
            (True, 25, 0, 0, "adopted"),
            id="unanimity-from-the-statement",
        ),
        pytest.param(
            "Le conseil fixe les tarifs.\nVotants Pour Contre Abstentions\n17 15 0 2\nRésultat : adopté.\n",
            (False, 15, 0, 2, "adopted"),
            id="spaced-table-of-a-text-layer",
        ),
        pytest.param(
            "Le conseil se prononce sur la cession.\nVotants Pour Contre Abstentions\n17 5 10 2\n"
            "Résultat : la proposition de cession est rejetée.\n",
            (False, 5, 10, 2, "rejected"),
            id="spaced-table-rejected",
        ),
    ],
)
def test_vote_counts_from_a_small_count_table(text: str, expected: tuple[object, ...]) -> None:
    found = with_table_counts(read_vote(text, 0, len(text)), count_table_vote(text, 0, len(text)))
    assert found is not None
    vote = found.vote
    assert (vote.unanimous, vote.for_, vote.against, vote.abstention, vote.outcome) == expected


_RECUEIL = """COMMUNAUTÉ DE COMMUNES DU VAL DE TEST
CONSEIL COMMUNAUTAIRE – SÉANCE DU MERCREDI 26 JUIN 2024
Présidence : M. Bernard CHAMBION, Président

Pouvoirs : AUBLANC Gilles à CHAMBION Bernard, FOUILLAND Josiane à LAPALUS Sylvie.

Secrétaire de séance : LAPALUS Sylvie.

EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS

Délibération n° CC-2024-071

- en exercice : 46 - présents : 33 - procurations : 2 - votants : 35 - pour : 35 - contre : 0

OBJET : Approbation du rapport de la CLECT

Le conseil communautaire, après en avoir délibéré, à l'unanimité, APPROUVE le rapport.

EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS

Délibération n° CC-2024-072

- en exercice : 46 - présents : 33 - procurations : 2 - votants : 35 - pour : 30 - contre : 5

OBJET : Adoption du plan de mobilité

Le conseil communautaire, après en avoir délibéré, à la majorité, ADOPTE le plan.
"""


def test_extracts_of_one_session_keep_their_own_count_box(tmp_path: Path) -> None:
    """Each extract's box is its own vote (not the previous act's); its bare header continues the session's."""
    record = tmp_path / "recueil.txt"
    record.write_text(_RECUEIL, encoding="utf-8")
    acts = process_file(record, load_settings()).acts
    assert [(act.vote.for_, act.vote.against) for act in acts] == [(35, 0), (30, 5)]
    assert [act.deliberation_number for act in acts] == ["CC-2024-071", "CC-2024-072"]
    assert all(act.president == "Bernard CHAMBION" and len(act.proxies) == 2 for act in acts)
    assert all(act.session_date == dt.date(2024, 6, 26) for act in acts)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "DÉPARTEMENT DES DEUX-SÈVRES        CONSEIL DÉPARTEMENTAL\n\n      COMMISSION PERMANENTE\n"
            "La Commission permanente du Conseil départemental s'est réunie",
            "commission permanente",
            id="commission-heading-under-its-council",
        ),
        pytest.param(
            "CONSEIL DÉPARTEMENTAL\nSéance plénière\nVu la délibération donnant délégation à la commission permanente",
            "conseil départemental",
            id="commission-named-in-prose",
        ),
        pytest.param("COMMUNE DE X\nSéance du conseil municipal", "conseil municipal", id="first-named"),
        pytest.param(
            "CENTRE COMMUNAL D'ACTION SOCIALE\nEXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL D'ADMINISTRATION\n"
            "s'est réuni à la mairie de Saint-Rémy",
            "conseil d'administration",
            id="board-of-a-public-body",
        ),
    ],
)
def test_session_body(text: str, expected: str) -> None:
    found = session.body(text, 0, len(text))
    assert found is not None and found.value[0] == expected


_AFFAIRES = """SYNDICAT MIXTE DES EAUX DU TEST
COMPTE RENDU DU COMITÉ SYNDICAL
Séance du jeudi 17 octobre 2024
Convocation du 10 octobre 2024

________________________________________

Affaire n° 1 – Délibération n° CS-2024-27
Rapport annuel 2023 sur le prix et la qualité du service

Le Comité syndical, après en avoir délibéré, adopte le rapport, à l'unanimité.

________________________________________

Affaire n° 2 – Délibération n° CS-2024-28
Budget annexe 2024 – Décision modificative n° 1

Le Comité syndical, après en avoir délibéré, approuve la décision modificative.
Pour : 18 – Contre : 0 – Abstention : 2
"""


def test_items_labelled_affaire_take_the_title_under_them(tmp_path: Path) -> None:
    record = tmp_path / "affaires.txt"
    record.write_text(_AFFAIRES, encoding="utf-8")
    acts = process_file(record, load_settings()).acts
    assert [(act.deliberation_number, act.object) for act in acts] == [
        ("CS-2024-27", "Rapport annuel 2023 sur le prix et la qualité du service"),
        ("CS-2024-28", "Budget annexe 2024 – Décision modificative n° 1"),
    ]
    assert [act.convocation_date for act in acts] == [dt.date(2024, 10, 10)] * 2


_CAPITAL_TITLES = """COMMUNAUTÉ DE COMMUNES DE TEST
Séance du 3 juillet 2025

Délibération n° CC2025-064
AMÉNAGEMENT DU TERRITOIRE – OPÉRATION DE REVITALISATION DE TERRITOIRE

Le Conseil communautaire, après en avoir délibéré, APPROUVE la convention-cadre. Adopté à l'unanimité.

Délibération n° CC2025-065
Rapporteur : Mme Sylvie PLANCHENAULT

Le quorum étant atteint, le Conseil communautaire, après en avoir délibéré, attribue le fonds de concours.
Adopté à l'unanimité.
"""


def test_number_line_heads_an_item_only_above_a_title_in_capitals(tmp_path: Path) -> None:
    record = tmp_path / "capitals.txt"
    record.write_text(_CAPITAL_TITLES, encoding="utf-8")
    acts = process_file(record, load_settings()).acts
    assert acts[0].object == "AMÉNAGEMENT DU TERRITOIRE – OPÉRATION DE REVITALISATION DE TERRITOIRE"
    assert acts[0].deliberation_number == "CC2025-064"
    assert all(act.object != "Rapporteur : Mme Sylvie PLANCHENAULT" for act in acts)


_LETTERHEAD_STAMPS = """REPUBLIQUE FRANCAISE            Envoyé en préfecture le 24/04/2025
COMMUNAUTE DE COMMUNES DU TEST   ID : 976-200356236-20250416-2025CC19-DE
 |                                  |
EXTRAIT DU REGISTRE DES DELIBERATIONS DU CONSEIL COMMUNAUTAIRE
Séance du mercredi 16 avril 2025
Délibération n° 2025CC19

OBJET : BUDGET PRIMITIF 2025

Le Conseil communautaire, après en avoir délibéré, à l'unanimité, adopte le budget.

Le Président, Ahamada ABDOU-MADI

REPUBLIQUE FRANCAISE            Envoyé en préfecture le 24/04/2025
                                Reçu en préfecture le 25/04/2025
COMMUNAUTE DE COMMUNES DU TEST   ID : 976-200356236-20250416-2025CC20-DE
 |                                  |
EXTRAIT DU REGISTRE DES DELIBERATIONS DU CONSEIL COMMUNAUTAIRE
Séance du mercredi 16 avril 2025
Délibération n° 2025CC20

OBJET : CRÉATION D'UNE RÉGIE DE RECETTES

Le Conseil communautaire, après en avoir délibéré, à l'unanimité, décide la création de la régie.
"""


def test_an_extract_takes_the_stamp_of_its_own_letterhead(tmp_path: Path) -> None:
    record = tmp_path / "letterheads.txt"
    record.write_text(_LETTERHEAD_STAMPS, encoding="utf-8")
    second = process_file(record, load_settings()).acts[1]
    assert second.prefecture_act_id == "976-200356236-20250416-2025CC20-DE"
    assert second.prefecture_received_date == dt.date(2025, 4, 25)


def _extract_with_stamp(number: str, title: str, act_id: str) -> str:
    return (
        f"{' ' * 50}Envoyé en préfecture le 22/03/2022\n{' ' * 50}Reçu en préfecture le 22/03/2022\n"
        f"{' ' * 50}ID : {act_id}\n\nCOMMUNAUTÉ DE COMMUNES DES VAUX D'ARON\n\n"
        "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL COMMUNAUTAIRE\nSéance du 17 mars 2022\n\n"
        f"Délibération n° {number}\n\nObjet : {title}\n\n"
        "Le Conseil communautaire, après en avoir délibéré, à l'unanimité, APPROUVE la proposition.\n\n"
    )


def test_an_extracts_own_id_is_not_outvoted_by_the_next_ones(tmp_path: Path) -> None:
    """'…2022_021-DE' above extract 2022-021 is its own, though '…2022_022-DE' is printed twice further on."""
    record = tmp_path / "extraits.txt"
    record.write_text(
        _extract_with_stamp("2022-021", "Taxe GEMAPI", "058-200049286-20220317-2022_021-DE")
        + _extract_with_stamp("2022-022", "Service commun ADS", "058-200049286-20220317-2022_022-DE")
        + "ANNEXE\n\n"
        + f"{' ' * 50}ID : 058-200049286-20220317-2022_022-DE\n",
        encoding="utf-8",
    )
    acts = process_file(record, load_settings()).acts
    assert [(act.deliberation_number, act.prefecture_act_id) for act in acts] == [
        ("2022-021", "058-200049286-20220317-2022_021-DE"),
        ("2022-022", "058-200049286-20220317-2022_022-DE"),
    ]


def _extract_with_box(number: str, present: int, voting: int, title: str) -> str:
    return (
        "RÉPUBLIQUE FRANÇAISE\nDépartement de la Haute-Saône\n\nCOMMUNE DE GRANDVELLE\n\nNombre de conseillers\n"
        f"En exercice 19\nPrésents {present}\nVotants {voting}\n\nConvoqué le 04/03/2025\n\n"
        f"Délibération n° {number}\n\nEXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL\n\n"
        "Séance du 11 mars 2025\n\nLe Conseil municipal s'est réuni sous la présidence de Mme Christine MOUGIN, "
        f"Maire.\n\nOBJET : {title}\n\nLe Conseil municipal, après en avoir délibéré, APPROUVE.\n"
        "Adopté à l'unanimité.\n\nFait et délibéré les jour, mois et an susdits.\n\n"
    )


def test_an_extracts_count_box_above_its_marker_is_its_own(tmp_path: Path) -> None:
    """The next extract's letterhead and count box (not in capitals) belong to it, not to the act above."""
    record = tmp_path / "extraits.txt"
    record.write_text(
        _extract_with_box("2025-09", 14, 17, "Forêt communale") + _extract_with_box("2025-10", 13, 16, "Cession"),
        encoding="utf-8",
    )
    acts = process_file(record, load_settings()).acts
    assert [(act.members_present, act.members_voting) for act in acts] == [(14, 17), (13, 16)]


_PV_WITH_STAMPS = """COMMUNE DE TROIS-RIVIÈRES-DU-SUD
PROCÈS-VERBAL DE LA SÉANCE DU CONSEIL MUNICIPAL DU 26 JUIN 2025

POINT 1 – APPROBATION DU PROCÈS-VERBAL DE LA SÉANCE DU 22 MAI 2025

Le procès-verbal est approuvé à l'unanimité.

POINT 2 – TARIFS DE LA RESTAURATION SCOLAIRE

(Présents : 21 – Représentés : 4 – Votants : 25)
Délibération n° 2025-041
Le conseil municipal, après en avoir délibéré, fixe les tarifs.
Votants : 25 – Pour : 25 – Contre : 0
Délibération n° 2025-041 télétransmise le 02/07/2025 – accusé de réception préfecture du 03/07/2025
ID : 971-219711892-20250626-2025_041-DE

POINT 3 – SUBVENTIONS AUX ASSOCIATIONS

Délibération n° 2025-042
Le conseil municipal, après en avoir délibéré, attribue les subventions. Adopté à l'unanimité.
Délibération n° 2025-042 télétransmise le 02/07/2025 – accusé de réception préfecture du 03/07/2025
ID : 971-219711892-20250626-2025_042-DE
"""


def test_acts_of_a_pv_with_their_own_stamps_do_not_lend_them(tmp_path: Path) -> None:
    """The minutes' approval has no stamp of its own when each act of the record carries its own; a stamp
    line's 'Délibération n° …' is no heading's number."""
    record = tmp_path / "pv.txt"
    record.write_text(_PV_WITH_STAMPS, encoding="utf-8")
    acts = process_file(record, load_settings()).acts
    assert [(act.deliberation_number, act.prefecture_act_id, act.prefecture_sent_date) for act in acts] == [
        (None, None, None),
        ("2025-041", "971-219711892-20250626-2025_041-DE", dt.date(2025, 7, 2)),
        ("2025-042", "971-219711892-20250626-2025_042-DE", dt.date(2025, 7, 2)),
    ]
    assert acts[1].members_voting == 25


_PV_NUMBERS_AT_THE_END = """COMMUNE DES GRANGES
PROCÈS-VERBAL DE LA SÉANCE DU CONSEIL MUNICIPAL DU 7 JUILLET 2025

POINT 1 – RÉVISION DU PLAN LOCAL D'URBANISME

Le Conseil municipal, après en avoir délibéré, ARRÊTE le projet.
Adoptée à l'unanimité.
La délibération n° D2025-031 est adoptée.

POINT 2 – PROTECTION FONCTIONNELLE ACCORDÉE À UNE ÉLUE

Le Conseil municipal, après en avoir délibéré, ACCORDE la protection fonctionnelle.
Adoptée à l'unanimité des votants (20 voix).
Délibération n° D2025-032.

RÉCAPITULATIF DES DÉLIBÉRATIONS TRANSMISES AU CONTRÔLE DE LÉGALITÉ

N°          Date de dépôt   Date d'AR      Identifiant ACTES
D2025-031   10/07/2025      10/07/2025     084-218409175-20250707-D2025_031-DE
D2025-032   10/07/2025      11/07/2025     084-218409175-20250707-D2025_032-DE
"""


def test_numbers_given_after_the_decision_and_a_closing_table_of_transmissions(tmp_path: Path) -> None:
    record = tmp_path / "pv.txt"
    record.write_text(_PV_NUMBERS_AT_THE_END, encoding="utf-8")
    acts = process_file(record, load_settings()).acts
    assert [
        (act.deliberation_number, act.prefecture_act_id, act.prefecture_sent_date, act.prefecture_received_date)
        for act in acts
    ] == [
        ("D2025-031", "084-218409175-20250707-D2025_031-DE", dt.date(2025, 7, 10), dt.date(2025, 7, 10)),
        ("D2025-032", "084-218409175-20250707-D2025_032-DE", dt.date(2025, 7, 10), dt.date(2025, 7, 11)),
    ]


_PV_WITH_A_DEPARTURE = """COMMUNE DE VAL-DES-PRÉS
PROCÈS-VERBAL DE LA SÉANCE DU CONSEIL MUNICIPAL DU 9 AVRIL 2026

Conseillers en exercice : 19 – Présents : 15 – Pouvoirs : 2 – Votants : 17

1 – Tarifs de la cantine
Le Conseil municipal, après en avoir délibéré, à l'unanimité, FIXE les tarifs.

M. Paul RENAUD, parti au point 1, a donné pouvoir à Mme Anne ROY.
Présents : 14 – Pouvoirs : 3 – Votants : 17.

2 – Subventions aux associations
Le Conseil municipal, après en avoir délibéré, à l'unanimité, ATTRIBUE les subventions.

3 – Travaux de voirie
Le Conseil municipal, après en avoir délibéré, par 16 voix pour et 1 abstention, APPROUVE le programme.
"""


def test_counts_stated_after_a_decision_hold_for_the_items_that_follow(tmp_path: Path) -> None:
    """A member left after the first vote and gave a proxy: the counts and the proxy written under it are
    the following items', not its own."""
    record = tmp_path / "pv.txt"
    record.write_text(_PV_WITH_A_DEPARTURE, encoding="utf-8")
    acts = process_file(record, load_settings()).acts
    assert [(act.members_present, act.proxies_count, act.members_voting) for act in acts] == [
        (15, 2, 17),
        (14, 3, 17),
        (14, 3, 17),
    ]
    assert [len(act.proxies) for act in acts] == [0, 1, 1]
    assert acts[2].proxies[0].giver == "Paul RENAUD" and acts[2].proxies[0].holder == "Anne ROY"
    assert all(act.context.departures_mentioned for act in acts[1:])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Le Conseil Municipal, après en avoir délibéré,        | PREFECTURE DU CANTAL\n"
            "par 8 voix pour et 2 abstentions (MM. FELGINES ACCUSÉ DE RÉCEPTION\n"
            "et MONTOURCY) :\n"
            "                                        24 MARS 2026\n",
            dt.date(2026, 3, 24),
            id="paper-box-interleaved",
        ),
        pytest.param(
            "Département d'Eure-et-Loir            │ SOUS-PRÉFECTURE DE CHÂTEAUDUN │\n"
            "28140                                  │          REÇU LE              │\n"
            "                                       │        07 MARS 2025           │\n",
            dt.date(2025, 3, 7),
            id="drawn-box-beside-letterhead",
        ),
        pytest.param(
            "MAIRIE DU BREUIL\n                          REÇU EN SOUS-PRÉFECTURE\n"
            "                             DE LISIEUX\n                            24 MARS 2026\n",
            dt.date(2026, 3, 24),
            id="recu-en-sous-prefecture-without-le",
        ),
        pytest.param(
            "PREFECTURE DU CANTAL\nenvoyée par lettre avec accusé de réception à la société\n",
            None,
            id="letter-no-date",
        ),
    ],
)
def test_received_date_of_a_paper_stamp_box(text: str, expected: dt.date | None) -> None:
    stamp = read_stamp(text, 0, len(text), department_hint=None, reference_year=2026)
    assert (stamp.received.value if stamp.received else None) == expected


def test_collectivity_below_a_margin_count_box(tmp_path: Path) -> None:
    """A template's left margin read first ('Présents : 9') is a count, not the attendance list that ends
    the letterhead: the commune named under it is still the record's."""
    record = tmp_path / "pv.txt"
    record.write_text(
        "REPUBLIQUE FRANCAISE\nNombre de membres\nen exercice : 11\n\nPrésents : 9\n\n"
        "COMMUNE de SAINTE-COLOMBE-DE-COLAGNE\n\nSéance du 13 février 2026\n\n"
        "Présents : Bernard ROUQUETTAS - Sylvie CHABALIER\n\n"
        "Tarifs de l'eau 2026\n\nLe Conseil Municipal, après en avoir délibéré, approuve les tarifs.\n"
        "Vote : unanimité\n",
        encoding="utf-8",
    )
    act = process_file(record, load_settings()).acts[0]
    assert act.collectivity_name == "Sainte-Colombe-de-Colagne"


_PV_OF_A_TEXT_LAYER = """COMMUNE DE VAL-DES-SAULES
PROCÈS-VERBAL DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL
Séance ordinaire du mardi 2 juin 2026
Conseillers élus En fonctions Présents Procurations Présents ou représentés
15 15 12 1 13
Point 1 – Délibération n°19/2026
Approbation du procès-verbal de la séance du 7 avril 2026
Le procès-verbal de la séance du 7 avril 2026, transmis à chaque conseiller avec la convocation,
n'appelle aucune observation.
Votants Pour Contre Abstentions
13 13 0 0
Résultat : adopté à l'unanimité.
Point 2 – Délibération n°20/2026
Subvention exceptionnelle à l'association des arboriculteurs
L'association organise la fête du verger et sollicite une aide de 1 500 € pour un chapiteau.
Votants Pour Contre Abstentions
13 12 0 1
Résultat : adopté.
3. Délibération DCM-2026-21 – Création d'un emploi d'agent technique
Le Maire propose de créer un emploi permanent à temps complet à compter du 1er septembre 2026.
Résultat : adopté.
Certifié exécutoire compte tenu de la transmission au contrôle de légalité le 08/06/2026.
"""


def test_a_text_layer_pv_without_blank_lines(tmp_path: Path) -> None:
    """A procès-verbal as pdfplumber gives it: no blank line between a title and its report, count and vote
    tables whose cells are spaced words, 'Résultat : adopté.' as the only vote, numbers written
    'Délibération n°19/2026' over the title or 'Délibération DCM-2026-21 – Title'."""
    record = tmp_path / "pv.txt"
    record.write_text(_PV_OF_A_TEXT_LAYER, encoding="utf-8")
    acts = process_file(record, load_settings()).acts
    assert [(act.deliberation_number, act.object) for act in acts] == [
        ("19/2026", "Approbation du procès-verbal de la séance du 7 avril 2026"),
        ("20/2026", "Subvention exceptionnelle à l'association des arboriculteurs"),
        ("DCM-2026-21", "Création d'un emploi d'agent technique"),
    ]
    assert [(act.members_in_office, act.members_present, act.members_voting) for act in acts] == [(15, 12, 13)] * 3
    assert [(act.vote.for_, act.vote.abstention, act.vote.outcome) for act in acts] == [
        (13, 0, "adopted"),
        (12, 1, "adopted"),
        (None, None, "adopted"),
    ]
    assert {act.prefecture_sent_date for act in acts} == {dt.date(2026, 6, 8)}


def test_a_stamp_block_above_its_identifier_is_its_acts(tmp_path: Path) -> None:
    """Each act's stamp block stands above it ('Envoyé … / Reçu … / Publié … / ID : …'): the first act's
    dates are read with its own identifier, not from the next act's block inside its text."""
    record = tmp_path / "registre.txt"
    record.write_text(
        "SIVOM DU VAL DE DRONNE Envoyé en préfecture le 30/03/2026\n"
        "Syndicat intercommunal à vocation multiple Reçu en préfecture le 30/03/2026\n"
        "ID : 024-252403191-20260326-2026_03_001-DE\n"
        "REGISTRE DES DÉLIBÉRATIONS DU COMITÉ SYNDICAL\nSéance du jeudi 26 mars 2026\n"
        "Délibération n° 2026/03/001\nObjet : Budget primitif 2026\n"
        "Le comité syndical, après en avoir délibéré, adopte le budget à l'unanimité.\n"
        "Envoyé en préfecture le 31/03/2026\nReçu en préfecture le 31/03/2026\n"
        "ID : 024-252403191-20260326-2026_03_002-DE\n"
        "Délibération n° 2026/03/002\nObjet : Participations des communes membres 2026\n"
        "Le comité syndical, après en avoir délibéré, fixe les participations à l'unanimité.\n",
        encoding="utf-8",
    )
    acts = process_file(record, load_settings()).acts
    assert [(act.prefecture_act_id, act.prefecture_sent_date) for act in acts] == [
        ("024-252403191-20260326-2026_03_001-DE", dt.date(2026, 3, 30)),
        ("024-252403191-20260326-2026_03_002-DE", dt.date(2026, 3, 31)),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Martine préside pour ce point.", "Martine", id="name-then-verb"),
        pytest.param(
            "M. le Président, ordonnateur, quitte la salle au moment du vote ; Mme Armelle KERDAVID,\n"
            "Vice-présidente, préside la séance pour ce point.",
            "Armelle KERDAVID",
            id="name-role-then-verb",
        ),
    ],
)
def test_item_president_named_before_the_verb(text: str, expected: str) -> None:
    found = session.item_president(text, 0, len(text))
    assert found is not None and found.value.name == expected


def test_collectivity_name_stops_at_a_stamp_printed_beside_it() -> None:
    text = (
        "PÔLE D'ÉQUILIBRE TERRITORIAL ET RURAL Envoyé en préfecture le 18/06/2026\n"
        "DU PAYS DE BRAYE ET ANILLE Reçu en préfecture le 18/06/2026\n"
        "Le Comité syndical du Pôle d'équilibre territorial et rural du Pays de Braye et Anille, convoqué le 4 juin"
    )
    found = session.collectivity(text, 0, len(text))
    assert found is not None and found.value == ("Pays de Braye et Anille", "syndicat")


def test_a_table_of_contents_heads_no_act(tmp_path: Path) -> None:
    """A recueil's contents ('Arrêté du Maire n° A-2026-021 – … ........ p. 2') lists the acts printed
    further on: its entries are no acts of their own."""
    record = tmp_path / "recueil.txt"
    record.write_text(
        "COMMUNE DES ESSARTS\nRECUEIL DES ACTES ADMINISTRATIFS\n\nSOMMAIRE\n"
        "Arrêté du Maire n° A-2026-021 – Circulation rue des Moulins ........ p. 2\n"
        "Délibération n° 2026-014 – Tarifs de la salle polyvalente ..... p. 3\n\n"
        "ARRÊTÉ DU MAIRE N° A-2026-021\nportant réglementation temporaire de la circulation rue des Moulins\n"
        "Le Maire de la commune des Essarts,\nARRÊTE :\nArticle 1 : la circulation est interdite.\n\n"
        "EXTRAIT DU REGISTRE DES DÉLIBÉRATIONS DU CONSEIL MUNICIPAL\nSéance du 10 mars 2026\n"
        "Délibération n° 2026-014\nObjet : Tarifs de la salle polyvalente\n"
        "Le conseil municipal, après en avoir délibéré, à l'unanimité, fixe les tarifs.\n",
        encoding="utf-8",
    )
    acts = process_file(record, load_settings()).acts
    assert [(act.document_kind, act.deliberation_number) for act in acts] == [
        ("other", None),
        ("deliberation", "2026-014"),
    ]


def test_the_next_acts_stamp_above_its_heading_is_not_this_acts(tmp_path: Path) -> None:
    """A procès-verbal with its own stamp, and one act's accusé printed just above that act's heading (in
    the previous act's text): the previous act keeps the procès-verbal's stamp."""
    record = tmp_path / "pv.txt"
    record.write_text(
        "Envoyé en préfecture le 14/04/2026\nReçu en préfecture le 14/04/2026\n"
        "ID : 027-252704192-20260414-PV_2026_02-DE\nSYNDICAT DES EAUX DE LA RISLE\n"
        "PROCÈS-VERBAL DU COMITÉ SYNDICAL – Séance du 2 avril 2026\n\n"
        "1. Délibération n° 2026-08 – Budget primitif 2026\nLe comité syndical adopte le budget à l'unanimité.\n\n"
        "      Accusé de réception en préfecture\n      027-252704192-20260402-2026_09-DE\n"
        "      Date de télétransmission : 07/04/2026\n"
        "2. Délibération n° 2026-09 – Prix de l'eau au 1er mai 2026\n"
        "Le comité syndical adopte la proposition à l'unanimité.\n",
        encoding="utf-8",
    )
    acts = process_file(record, load_settings()).acts
    assert [(act.prefecture_act_id, act.prefecture_sent_date) for act in acts] == [
        ("027-252704192-20260414-PV_2026_02-DE", dt.date(2026, 4, 14)),
        ("027-252704192-20260402-2026_09-DE", dt.date(2026, 4, 7)),
    ]


_INSTALLATION = """VILLE DE MORNE-GOYAVES
PROCÈS-VERBAL DE LA SÉANCE D'INSTALLATION DU CONSEIL MUNICIPAL DU 28 MARS 2026
Conseillers en exercice : 29 – Présents : 29 – Votants : 29

1. INSTALLATION DES CONSEILLERS MUNICIPAUX
La séance a été ouverte sous la présidence de M. LOUISIUS Edmond, maire sortant.

2. ÉLECTION DU MAIRE
Résultats du premier tour de scrutin :
a. Nombre de votants (enveloppes déposées) : 29
b. Nombre de bulletins blancs : 1
c. Majorité absolue : 15
M. CALODAT-RAMIER Frantz : vingt-deux voix (22)
M. CALODAT-RAMIER Frantz, ayant obtenu la majorité absolue, a été proclamé maire.

3. FIXATION DU NOMBRE DES ADJOINTS
Sous la présidence de M. CALODAT-RAMIER Frantz, maire, le conseil municipal, après en avoir délibéré,
à l'unanimité, décide de fixer à huit le nombre des adjoints au maire.

4. ÉLECTION DES ADJOINTS
Ont été proclamés adjoints les candidats de la liste conduite par M. NÉLIDOR Harry.
"""


def test_an_installation_session(tmp_path: Path) -> None:
    """Each election is an act ('a été proclamé maire', 'Ont été proclamés adjoints'), the lines of its
    results ('a. Nombre de votants : 29') are no items, and the new mayor who took the chair presides
    the items that follow."""
    record = tmp_path / "installation.txt"
    record.write_text(_INSTALLATION, encoding="utf-8")
    acts = process_file(record, load_settings()).acts
    assert [act.object for act in acts] == [
        "ÉLECTION DU MAIRE",
        "FIXATION DU NOMBRE DES ADJOINTS",
        "ÉLECTION DES ADJOINTS",
    ]
    assert [act.president for act in acts] == ["LOUISIUS Edmond", "CALODAT-RAMIER Frantz", "CALODAT-RAMIER Frantz"]


def test_collectivity_of_an_ehpad_board() -> None:
    text = "ÉTABLISSEMENT D'HÉBERGEMENT POUR PERSONNES ÂGÉES DÉPENDANTES « LES JARDINS DE LA SIOULE »\n"
    found = session.collectivity(text, 0, len(text), body_kind="other")
    assert found is not None and found.value == ("Les Jardins de la Sioule", "other")


def test_a_board_chair_named_in_the_attendance_list() -> None:
    """'- M. X, maire de Y, Président du conseil d'administration' at the end of its line: the chair; not
    'M. Z, président du conseil d'administration du collège Jean-Moulin, …' in a report."""
    text = (
        "Présents avec voix délibérative :\n- M. Roland DUMONTEIL-JARSAILLON, maire de Montagut, "
        "Président du conseil d'administration\n- Mme Geneviève BURLAUD, représentante de la commune\n"
    )
    found = session.president_named_before(text, 0, len(text))
    assert found is not None and found.value.name == "Roland DUMONTEIL-JARSAILLON"
    report = "M. Thierry BERNAGAUD, président du conseil d'administration du collège Jean-Moulin, présente le projet."
    assert session.president_named_before(report, 0, len(report)) is None


def test_a_record_of_the_presidents_decisions(tmp_path: Path) -> None:
    """'DÉCISION N° DP-2026-018' in capitals heads a decision of the executive (a record of kind `other`);
    '- décision n° 2024-D-011 : …' in a list of them, in a procès-verbal, heads nothing."""
    record = tmp_path / "releve.txt"
    record.write_text(
        "COMMUNAUTÉ DE COMMUNES DADOU-AGOUT\nRELEVÉ DES DÉCISIONS DU PRÉSIDENT PRISES PAR DÉLÉGATION\n\n"
        "DÉCISION N° DP-2026-018\nObjet : Attribution du marché de fourniture de bacs roulants\nDÉCIDE\n"
        "Article 1 : Le marché est attribué à la société Plastibac Sud.\n\n"
        "DÉCISION N° DP-2026-019\nObjet : Réalisation d'un emprunt de 400 000 €\nDÉCIDE\n"
        "Article 1 : Un emprunt de 400 000 € est contracté sur 20 ans.\n",
        encoding="utf-8",
    )
    acts = process_file(record, load_settings()).acts
    assert [act.document_kind for act in acts] == ["other", "other"]


def test_a_commission_permanente_table_drawn_in_ascii(tmp_path: Path) -> None:
    """Border lines '+----+' out, each row of the report table is an act numbered by its 'Rapport n°' cell."""
    record = tmp_path / "cp.txt"
    record.write_text(
        "DÉPARTEMENT DU GERS\nCOMMISSION PERMANENTE DU LUNDI 8 JUIN 2026\n\n"
        "+--------------+------------------------------------------+------+--------+-------+-----------+\n"
        "| Rapport n°   | Objet                                    | Pour | Contre | Abst. | Décision  |\n"
        "+--------------+------------------------------------------+------+--------+-------+-----------+\n"
        "| CP-26-06-101 | Fonds départemental d'équipement des communes | 32 | 0 | 0 | Unanimité |\n"
        "| CP-26-06-103 | Aides à l'installation des jeunes agriculteurs | 26 | 0 | 6 | Adopté |\n"
        "+--------------+------------------------------------------+------+--------+-------+-----------+\n",
        encoding="utf-8",
    )
    acts = process_file(record, load_settings()).acts
    assert [(act.deliberation_number, act.vote.for_, act.vote.abstention) for act in acts] == [
        ("CP-26-06-101", 32, 0),
        ("CP-26-06-103", 26, 6),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("SYNDICAT DU GABAS\nSiège : mairie – N° SIREN : 254007966\n", "254007966", id="siren"),
        pytest.param("COMMUNE DE CHAREIL\nSIRET 210 302 642 00017\n", "210302642", id="siret"),
        pytest.param("COMMUNE DE X\nSIRET 210 302 643 00017\n", None, id="luhn-fails"),
    ],
)
def test_siren_written_in_the_letterhead(text: str, expected: str | None) -> None:
    found = siren_in_letterhead(text, 0)
    assert (found.value if found else None) == expected

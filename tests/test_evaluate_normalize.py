"""Normalisation and comparison of single values (pipeline.evaluate.normalize, fields)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pipeline.evaluate import normalize as nz
from pipeline.evaluate.fields import FIELDS, same_scalar

SPECS = {spec.name: spec for spec in FIELDS}

NAME_CASES = [
    pytest.param("VAN EECKHOUT Sophie", "Mme VAN EECKHOUT Sophie", True, id="civility-mme"),
    pytest.param("André DESMEDT", "Monsieur André DESMEDT", True, id="civility-monsieur"),
    pytest.param("MERVILLE Hervé", "Mr MERVILLE Hervé", True, id="civility-mr"),
    pytest.param("BONNET Nadine", "Madame BONNET Nadine", True, id="civility-madame"),
    pytest.param("DURAND Léa", "Mlle DURAND Léa", True, id="civility-mlle"),
    pytest.param("NIGGEL Muriel", "Muriel NIGGEL", True, id="word-order"),
    pytest.param("Philippe VINÇON", "philippe vincon", True, id="accents-and-case"),
    pytest.param("BONNET", "Nadine BONNET", True, id="surname-alone-matches-full-name"),
    pytest.param("RYCKELYNCK J.P.", "RYCKELYNCK", True, id="initials-ignored"),
    pytest.param("MAYEUX M.", "Mariette MAYEUX", True, id="initial-vs-first-name"),
    pytest.param("Philippe ROUVIER – COROUGE", "Philippe ROUVIER-COROUGE", True, id="spaced-dash"),
    pytest.param("Catherine VINAS", "Catherine MARTEL", False, id="same-first-name-other-person"),
    pytest.param("LUTAS Sylvie", "LHEUREUX Natacha", False, id="other-person"),
    pytest.param(None, "DESMEDT", False, id="null-vs-value"),
    pytest.param("DESMEDT", None, False, id="value-vs-null"),
    pytest.param(None, None, True, id="null-vs-null"),
    pytest.param("M.", None, True, id="civility-only-is-null"),
]


@pytest.mark.parametrize(("gold", "pred", "expected"), NAME_CASES)
def test_normalize_same_name(gold, pred, expected):
    assert nz.same_name(gold, pred) is expected


TEXT_CASES = [
    pytest.param("Zones d’accélération", "Zones d'accélération", id="typographic-apostrophe"),
    pytest.param("« Garachol », « Les Roques »", '"Garachol", "Les Roques"', id="french-quotes"),
    pytest.param("Inclusion numérique – Recrutement", "Inclusion numérique - Recrutement", id="en-dash"),
    pytest.param("M57– Décision", "M57 — Décision", id="dash-spacing"),
    pytest.param("CONSEIL MUNICIPAL", "conseil municipal", id="case"),
    pytest.param("conseil\u00a0 municipal ", "conseil municipal", id="whitespace-and-nbsp"),
    pytest.param("ﬁnances", "finances", id="nfkc-ligature"),
    pytest.param("Objet : budget", "Objet: budget", id="space-before-colon"),
]


@pytest.mark.parametrize(("gold", "pred"), TEXT_CASES)
def test_normalize_text_equal(gold, pred):
    assert nz.normalize_text(gold) == nz.normalize_text(pred)


def test_normalize_text_keeps_accents():
    assert nz.normalize_text("Fléville") != nz.normalize_text("Fleville")


SCALAR_CASES = [
    pytest.param("body", "Conseil Municipal", "CONSEIL MUNICIPAL", True, id="text-case"),
    pytest.param("body", "conseil municipal", "conseil communautaire", False, id="text-differs"),
    pytest.param("document_kind", "convention", "deliberation", False, id="enum-differs"),
    pytest.param(
        "collectivity_name",
        "Campagnes de l'Artois",
        "Communauté de Communes des Campagnes de l’Artois",
        True,
        id="organisation-contained",
    ),
    pytest.param("collectivity_name", "Flaux", "Flauxville", False, id="organisation-word-boundary"),
    pytest.param("deliberation_number", "10", "N° 10", True, id="number-prefix"),
    pytest.param("deliberation_number", "28-09-2023 / N°163", "28-09-2023/N° 163", True, id="number-spacing"),
    pytest.param("deliberation_number", "2025-02-10", "2025-02-11", False, id="number-differs"),
    pytest.param("session_date", "2025-03-27", "27/03/2025", True, id="date-french-form"),
    pytest.param("session_date", "2025-03-27", "2025-03-27T00:00:00", True, id="date-datetime"),
    pytest.param("session_date", "2025-03-27", "2025-03-28", False, id="date-differs"),
    pytest.param("members_present", 20, "20", True, id="count-string"),
    pytest.param("members_present", 20, 21, False, id="count-differs"),
    pytest.param("vote.for", 0, None, False, id="count-zero-is-not-null"),
    pytest.param("vote.unanimous", True, 1, False, id="bool-is-not-count"),
    pytest.param("vote.unanimous", False, None, False, id="false-is-not-null"),
    pytest.param(
        "prefecture_act_id",
        "059-215902842-20250327-31032025_64-DE",
        "059-215902842-20250327-31032025_64-de ",
        True,
        id="act-id-case-space",
    ),
    pytest.param("siren", "215902842", "215 902 842", True, id="siren-spaces"),
    pytest.param("president", "Jean-Paul RYCKELYNCK", "M. RYCKELYNCK Jean-Paul", True, id="name-field"),
    pytest.param("object", "Budget Primitif 2021", "Budget primitif 2021.", True, id="object-close"),
    pytest.param(
        "object",
        "M14 - Budget Primitif 2021",
        "M49 - Budget Primitif 2021",
        False,
        id="object-close-but-numbers-differ",
    ),
    pytest.param(
        "object",
        "Approbation du compte rendu du 11 mars 2021",
        "Approbation du compte-rendu du 11 mars 2021",
        True,
        id="object-close-same-numbers",
    ),
    pytest.param("object", "Budget Primitif 2021", "Budget Primitif 2024", False, id="object-year-differs"),
    pytest.param(
        "object",
        "Motion sur les finances locales",
        "Vente des anciennes tables",
        False,
        id="object-different",
    ),
]


@pytest.mark.parametrize(("field", "gold", "pred", "expected"), SCALAR_CASES)
def test_normalize_same_scalar(field, gold, pred, expected):
    assert same_scalar(SPECS[field], gold, pred, object_threshold=nz.OBJECT_THRESHOLD) is expected


OBJECT_SIMILARITY_CASES = [
    pytest.param(
        "DISPOSITIF DE MUTUALISATION D'INGENIERIE",
        "Dispositif de mutualisation d’ingénierie",
        1.0,
        id="case-accents-apostrophe",
    ),
    pytest.param("Budget", None, 0.0, id="missing-prediction"),
    pytest.param(None, None, 1.0, id="both-missing"),
]


@pytest.mark.parametrize(("gold", "pred", "expected"), OBJECT_SIMILARITY_CASES)
def test_normalize_object_similarity(gold, pred, expected):
    assert nz.object_similarity(gold, pred) == pytest.approx(expected)


ORGANISATION_CASES = [
    pytest.param("Porte du Hainaut", "Communauté d'Agglomération de La Porte du Hainaut", True, id="contained"),
    pytest.param("Communauté d'Agglomération de La Porte du Hainaut", "Porte du Hainaut", True, id="contains"),
    pytest.param("État", "l'Etat", True, id="accent-and-article"),
    pytest.param("CHAVAMIEUX", "association CHAVAMIEUX", True, id="association"),
    pytest.param("GRDF", "Flaux", False, id="different"),
]


@pytest.mark.parametrize(("gold", "pred", "expected"), ORGANISATION_CASES)
def test_normalize_same_organisation(gold, pred, expected):
    assert nz.same_organisation(gold, pred) is expected


ROLE_CASES = [
    pytest.param("Maire", "le Maire", True, id="article"),
    pytest.param("Président", "PRESIDENT", True, id="accent-case"),
    pytest.param("Maire", "Adjoint au Maire", False, id="other-role"),
]


@pytest.mark.parametrize(("gold", "pred", "expected"), ROLE_CASES)
def test_normalize_same_role(gold, pred, expected):
    assert nz.same_role(gold, pred) is expected


@given(st.text(), st.text())
def test_normalize_comparisons_never_raise(gold, pred):
    for spec in FIELDS:
        if spec.kind != "list":
            assert isinstance(same_scalar(spec, gold, pred, object_threshold=0.9), bool)
    assert isinstance(nz.same_name(gold, pred), bool)
    assert 0.0 <= nz.object_similarity(gold, pred) <= 1.0

"""Every legal check on acts written for the test: one that passes, ones that fail, the boundaries.

The base act is a lawful session of a commune of 1 200 inhabitants; each case changes what it needs.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from pipeline.records import ActRecord, Evidence
from pipeline.validate import legal
from pipeline.validate.checks_actes import repair_reason
from pipeline.validate.rules import legal_rules

D = dt.date
PRESENT = ["Jean DURAND", "Paul MARTIN", "Claire PETIT", "Luc BERNARD", "Sophie THOMAS", "Marie ROBERT",
           "Pierre RICHARD", "Julie MOREAU", "Alain SIMON", "Nadia LAURENT"]  # fmt: skip
EXCUSED = ["Anne LEROY", "Marc DUBOIS"]
ABSENT = ["Hugo GARNIER", "Léa FAURE", "Eric ROUX"]
MEMBERS = [
    *({"name": name, "status": "present"} for name in PRESENT),
    *({"name": name, "status": "excused"} for name in EXCUSED),
    *({"name": name, "status": "absent"} for name in ABSENT),
]
BASE: dict[str, Any] = {
    "doc": "written_legal_test",
    "act_index": 0,
    "document_kind": "deliberation",
    "collectivity_name": "Testville",
    "collectivity_kind": "commune",
    "session_date": D(2025, 3, 27),
    "convocation_date": D(2025, 3, 20),
    "members_in_office": 15,
    "members_present": 10,
    "members_voting": 12,
    "proxies_count": 2,
    "proxies": [
        {"giver": "Mme Anne LEROY", "holder": "M. Paul MARTIN"},
        {"giver": "DUBOIS Marc", "holder": "PETIT"},
    ],
    "president": "Jean DURAND",
    "secretary": "Mme Claire PETIT",
    "vote": {"unanimous": True, "outcome": "adopted"},
    "prefecture_act_id": "059-215902842-20250327-2025_12-DE",
    "siren": "215902842",
    "prefecture_sent_date": D(2025, 3, 31),
    "prefecture_received_date": D(2025, 3, 31),
    "context": {"population": 1200, "members": MEMBERS},
}
WITHOUT_PRESIDENT = [member for member in MEMBERS if member["name"] != "Jean DURAND"]


def _act(**changes: Any) -> ActRecord:
    """The base act with ``changes``; ``context`` entries are merged into the base context."""
    data = {**BASE, **changes}
    data["context"] = {**BASE["context"], **changes.get("context", {})}
    return ActRecord.model_validate(data)


def _severities(code: str, act: ActRecord) -> list[str]:
    check = next(check for check in legal.CHECKS if check.code == code)
    found = check.function(act, legal_rules())
    assert all(item.code == code for item in found)
    return [item.severity for item in found]


def test_legal_checks_lawful_act_has_no_finding():
    assert legal.run_checks(_act()) == []


CASES = [
    # QUORUM
    (
        "QUORUM",
        {"members_in_office": 14, "members_present": 7, "members_voting": 9},
        ["error"],
        "exactly-half",
    ),
    ("QUORUM", {"members_in_office": 13, "members_present": 7, "members_voting": 9}, [], "just-over-half"),
    (
        "QUORUM",
        {"members_in_office": 11, "members_present": 5, "members_voting": 7, "context": {"members": []}},
        ["error"],
        "five-of-eleven",
    ),
    (
        "QUORUM",
        {"members_present": 3, "members_voting": 5, "context": {"second_convocation": True}},
        [],
        "second-convocation",
    ),
    (
        "QUORUM",
        {
            "collectivity_kind": "epci",
            "members_in_office": 20,
            "members_present": 9,
            "members_voting": 13,
            "context": {"substitutes_count": 2, "members": []},
        },
        [],
        "epci-substitutes-count",
    ),
    (
        "QUORUM",
        {
            "collectivity_kind": "epci",
            "members_in_office": 20,
            "members_present": 9,
            "members_voting": 13,
            "context": {"members": []},
        },
        ["warning"],
        "epci-substitutes-implied-by-votants",
    ),
    (
        "QUORUM",
        {"members_present": 7, "members_voting": 9, "context": {"members": WITHOUT_PRESIDENT}},
        ["warning"],
        "president-missing-from-lists",
    ),
    (
        "QUORUM",
        {"session_date": None, "members_present": 6, "members_voting": 8},
        ["warning"],
        "unknown-date-covid-possible",
    ),
    (
        "QUORUM",
        {"session_date": D(2021, 3, 31), "members_present": 6, "members_voting": 8},
        [],
        "covid-window-not-ordinary-rule",
    ),
    # QUORUM_COVID
    (
        "QUORUM_COVID",
        {
            "session_date": D(2021, 3, 31),
            "members_present": 4,
            "members_voting": 4,
            "proxies": [],
            "proxies_count": 0,
        },
        ["error"],
        "under-a-third",
    ),
    (
        "QUORUM_COVID",
        {"session_date": D(2021, 3, 31), "members_present": 4, "members_voting": 6},
        ["warning"],
        "a-third-only-with-represented",
    ),
    ("QUORUM_COVID", {"session_date": D(2021, 3, 31)}, [], "ordinary-quorum-reached"),
    (
        "QUORUM_COVID",
        {
            "session_date": D(2021, 3, 31),
            "members_present": 4,
            "members_voting": 4,
            "proxies": [],
            "proxies_count": 0,
            "context": {"second_convocation": True},
        },
        [],
        "covid-second-convocation",
    ),
    # PROXY_MAX
    (
        "PROXY_MAX",
        {
            "proxies": [
                {"giver": "Anne LEROY", "holder": "Paul MARTIN"},
                {"giver": "Marc DUBOIS", "holder": "MARTIN Paul"},
            ]
        },
        ["error"],
        "two-proxies-same-name",
    ),
    (
        "PROXY_MAX",
        {
            "proxies": [
                {"giver": "Anne LEROY", "holder": "Mme Paul MARTIN"},
                {"giver": "Marc DUBOIS", "holder": "MARTIN"},
            ],
            "context": {"members": []},
        },
        ["warning"],
        "surname-only-match",
    ),
    (
        "PROXY_MAX",
        {
            "proxies": [
                {"giver": "Anne LEROY", "holder": "Mme Paul MARTIN"},
                {"giver": "Marc DUBOIS", "holder": "MARTIN"},
            ]
        },
        ["error"],
        "surname-only-one-martin-in-lists",
    ),
    (
        "PROXY_MAX",
        {
            "proxies": [
                {"giver": "Anne LEROY", "holder": "Paul MARTIN"},
                {"giver": "Marc DUBOIS", "holder": "MARTIN"},
            ],
            "context": {"members": [*MEMBERS, {"name": "Rose MARTIN", "status": "present"}]},
            "members_in_office": 16,
        },
        ["warning"],
        "surname-only-two-martins-in-lists",
    ),
    (
        "PROXY_MAX",
        {
            "proxies": [
                {"giver": "Anne LEROY", "holder": "Paul MARTIN"},
                {"giver": "Anne LEROY", "holder": "Paul MARTIN"},
            ],
            "proxies_count": 1,
            "members_voting": 11,
        },
        [],
        "same-proxy-read-twice",
    ),
    (
        "PROXY_MAX",
        {
            "session_date": D(2021, 3, 31),
            "proxies": [
                {"giver": "Anne LEROY", "holder": "Paul MARTIN"},
                {"giver": "Marc DUBOIS", "holder": "Paul MARTIN"},
            ],
        },
        [],
        "two-proxies-in-covid-window",
    ),
    (
        "PROXY_MAX",
        {
            "session_date": D(2021, 3, 31),
            "proxies_count": 3,
            "members_voting": 13,
            "proxies": [
                {"giver": "Anne LEROY", "holder": "Paul MARTIN"},
                {"giver": "Marc DUBOIS", "holder": "Paul MARTIN"},
                {"giver": "Hugo GARNIER", "holder": "Paul MARTIN"},
            ],
        },
        ["error"],
        "three-proxies-in-covid-window",
    ),
    # PROXY_HOLDER_PRESENT
    (
        "PROXY_HOLDER_PRESENT",
        {
            "proxies": [{"giver": "Anne LEROY", "holder": "Eric ROUX"}],
            "proxies_count": 1,
            "members_voting": 11,
        },
        ["error"],
        "holder-absent",
    ),
    (
        "PROXY_HOLDER_PRESENT",
        {
            "proxies": [{"giver": "Anne LEROY", "holder": "Eric ROUX"}],
            "proxies_count": 1,
            "members_voting": 11,
            "context": {"departures_mentioned": True},
        },
        ["warning"],
        "holder-absent-departures",
    ),
    (
        "PROXY_HOLDER_PRESENT",
        {
            "proxies": [{"giver": "Anne LEROY", "holder": "Zoé INCONNUE"}],
            "proxies_count": 1,
            "members_voting": 11,
        },
        ["info"],
        "holder-not-found",
    ),
    (
        "PROXY_HOLDER_PRESENT",
        {"proxies": [{"giver": "Anne LEROY", "holder": "Eric ROUX"}], "context": {"members": []}},
        [],
        "no-lists",
    ),
    (
        "PROXY_HOLDER_PRESENT",
        {
            "proxies": [{"giver": "Anne LEROY", "holder": "M. DURAND"}],
            "context": {"members": WITHOUT_PRESIDENT},
        },
        [],
        "holder-is-unlisted-president",
    ),
    # PROXY_GIVER_ABSENT
    (
        "PROXY_GIVER_ABSENT",
        {"proxies": [{"giver": "Luc BERNARD", "holder": "Paul MARTIN"}]},
        ["error"],
        "giver-present",
    ),
    (
        "PROXY_GIVER_ABSENT",
        {
            "proxies": [{"giver": "Luc BERNARD", "holder": "Paul MARTIN"}],
            "context": {"departures_mentioned": True},
        },
        ["warning"],
        "giver-left-during-session",
    ),
    (
        "PROXY_GIVER_ABSENT",
        {"proxies": [{"giver": "Paul MARTIN", "holder": "M. MARTIN Paul"}], "context": {"members": []}},
        ["error"],
        "giver-is-holder",
    ),
    (
        "PROXY_GIVER_ABSENT",
        {"proxies": [{"giver": "Luc BERNARD", "holder": "Paul MARTIN"}], "context": {"members": []}},
        [],
        "no-lists",
    ),
    # COUNT_VOTANTS
    ("COUNT_VOTANTS", {"members_voting": 13}, ["error"], "one-voter-too-many"),
    (
        "COUNT_VOTANTS",
        {"members_voting": 11, "context": {"departures_mentioned": True}},
        ["warning"],
        "departures",
    ),
    (
        "COUNT_VOTANTS",
        {"members_voting": 11, "context": {"non_voting_mentioned": True}},
        ["warning"],
        "ne-prend-pas-part-au-vote",
    ),
    (
        "COUNT_VOTANTS",
        {"collectivity_kind": "epci", "members_voting": 14, "context": {"substitutes_count": 2}},
        [],
        "epci-substitutes",
    ),
    (
        "COUNT_VOTANTS",
        {"collectivity_kind": "epci", "members_voting": 14, "context": {"members": []}},
        ["warning"],
        "epci-substitutes-not-stated",
    ),
    (
        "COUNT_VOTANTS",
        {"members_present": 9, "context": {"members": WITHOUT_PRESIDENT}},
        ["warning"],
        "president-missing-from-count",
    ),
    ("COUNT_VOTANTS", {"proxies": [], "proxies_count": None, "members_voting": 14}, [], "proxies-unknown"),
    # COUNT_MEMBERS
    (
        "COUNT_MEMBERS",
        {"members_present": 16, "members_voting": 18, "context": {"members": []}},
        ["error", "error"],
        "present-over-in-office",
    ),
    ("COUNT_MEMBERS", {"members_voting": 16}, ["error"], "voting-over-in-office"),
    (
        "COUNT_MEMBERS",
        {"members_present": 14, "members_voting": 15, "proxies_count": 2, "context": {"members": []}},
        ["error"],
        "present-plus-proxies-over-in-office",
    ),
    ("COUNT_MEMBERS", {"proxies_count": 3, "members_voting": 13}, ["warning"], "proxies-listed-vs-stated"),
    ("COUNT_MEMBERS", {"members_present": 11, "members_voting": 13}, ["warning"], "present-listed-vs-stated"),
    ("COUNT_MEMBERS", {"context": {"members": WITHOUT_PRESIDENT}}, [], "president-unlisted-but-counted"),
    ("COUNT_MEMBERS", {"members_in_office": 14, "members_voting": 12}, ["warning"], "more-names-than-seats"),
    # VOTE_SUM
    (
        "VOTE_SUM",
        {"vote": {"unanimous": False, "for": 10, "against": 2, "abstention": 0, "outcome": "adopted"}},
        [],
        "counts-add-up",
    ),
    (
        "VOTE_SUM",
        {"vote": {"for": 10, "against": 2, "abstention": 1, "outcome": "adopted"}},
        ["error"],
        "more-votes-than-voters",
    ),
    (
        "VOTE_SUM",
        {
            "vote": {"for": 10, "against": 2, "abstention": 1, "outcome": "adopted"},
            "context": {"departures_mentioned": True},
        },
        ["warning"],
        "more-votes-than-voters-after-an-arrival",
    ),
    (
        "VOTE_SUM",
        {"members_voting": None, "vote": {"for": 10, "against": 2, "abstention": 1, "outcome": "adopted"}},
        ["warning"],
        "more-votes-than-present-and-represented",
    ),
    ("VOTE_SUM", {"vote": {"for": 4, "against": 6, "outcome": "adopted"}}, ["error"], "adopted-minority"),
    (
        "VOTE_SUM",
        {"vote": {"against": 7, "abstention": 0, "outcome": "adopted"}},
        ["error"],
        "adopted-against-majority-for-unstated",
    ),
    ("VOTE_SUM", {"vote": {"for": 7, "against": 5, "outcome": "rejected"}}, ["error"], "rejected-majority"),
    ("VOTE_SUM", {"vote": {"for": 5, "outcome": "rejected"}}, [], "rejected-against-unstated"),
    ("VOTE_SUM", {"vote": {"for": 6, "against": 6, "outcome": "adopted"}}, ["info"], "tie-president-decides"),
    (
        "VOTE_SUM",
        {"vote": {"for": 6, "against": 6, "outcome": "adopted"}, "context": {"secret_ballot": True}},
        ["error"],
        "tie-secret-ballot",
    ),
    # VOTE_UNANIMITY
    (
        "VOTE_UNANIMITY",
        {"vote": {"unanimous": True, "for": 10, "against": 0, "abstention": 2, "outcome": "adopted"}},
        [],
        "abstentions-allowed",
    ),
    (
        "VOTE_UNANIMITY",
        {"vote": {"unanimous": True, "for": 11, "against": 1, "outcome": "adopted"}},
        ["error"],
        "unanimous-with-against",
    ),
    (
        "VOTE_UNANIMITY",
        {"vote": {"unanimous": True, "for": 0, "against": 12, "outcome": "rejected"}},
        [],
        "unanimous-rejection",
    ),
    (
        "VOTE_UNANIMITY",
        {"vote": {"unanimous": True, "for": 2, "against": 10, "outcome": "rejected"}},
        ["error"],
        "unanimous-rejection-with-for",
    ),
    # CONVOCATION_DELAY (session 27/03/2025)
    ("CONVOCATION_DELAY", {"convocation_date": D(2025, 3, 23)}, [], "exactly-3-jours-francs"),
    ("CONVOCATION_DELAY", {"convocation_date": D(2025, 3, 24)}, ["error"], "2-jours-francs"),
    (
        "CONVOCATION_DELAY",
        {"convocation_date": D(2025, 3, 23), "context": {"population": 3499}},
        [],
        "3499-3-days",
    ),
    (
        "CONVOCATION_DELAY",
        {"convocation_date": D(2025, 3, 23), "context": {"population": 3500}},
        ["error"],
        "3500-3-days",
    ),
    (
        "CONVOCATION_DELAY",
        {"convocation_date": D(2025, 3, 22), "context": {"population": 3500}},
        ["error"],
        "3500-4-days",
    ),
    (
        "CONVOCATION_DELAY",
        {"convocation_date": D(2025, 3, 21), "context": {"population": 3500}},
        [],
        "3500-5-days",
    ),
    (
        "CONVOCATION_DELAY",
        {"convocation_date": D(2025, 3, 24), "context": {"population": None}},
        ["error"],
        "population-unknown-2-days",
    ),
    (
        "CONVOCATION_DELAY",
        {"convocation_date": D(2025, 3, 23), "context": {"population": None}},
        ["warning"],
        "population-unknown-3-days",
    ),
    (
        "CONVOCATION_DELAY",
        {"convocation_date": D(2025, 3, 22), "context": {"population": None}},
        ["warning"],
        "population-unknown-4-days",
    ),
    (
        "CONVOCATION_DELAY",
        {"convocation_date": D(2025, 3, 21), "context": {"population": None}},
        [],
        "population-unknown-5-days",
    ),
    (
        "CONVOCATION_DELAY",
        {"collectivity_kind": None, "convocation_date": D(2025, 3, 24), "context": {"population": None}},
        ["error"],
        "kind-unknown-2-days",
    ),
    (
        "CONVOCATION_DELAY",
        {"collectivity_kind": "epci", "convocation_date": D(2025, 3, 22)},
        ["warning"],
        "epci-4-days",
    ),
    (
        "CONVOCATION_DELAY",
        {"collectivity_kind": "epci", "convocation_date": D(2025, 3, 24)},
        ["error"],
        "epci-2-days",
    ),
    (
        "CONVOCATION_DELAY",
        {"convocation_date": D(2025, 3, 25), "context": {"urgency": True}},
        ["info"],
        "urgency-1-day",
    ),
    (
        "CONVOCATION_DELAY",
        {"convocation_date": D(2025, 3, 26), "context": {"urgency": True}},
        ["error"],
        "urgency-0-day",
    ),
    (
        "CONVOCATION_DELAY",
        {"convocation_date": D(2025, 3, 23), "context": {"second_convocation": True, "population": 5000}},
        [],
        "second-convocation-3-days",
    ),
    (
        "CONVOCATION_DELAY",
        {"convocation_date": D(2025, 3, 24), "context": {"second_convocation": True}},
        ["error"],
        "second-convocation-2-days",
    ),
    (
        "CONVOCATION_DELAY",
        {"collectivity_kind": "departement", "convocation_date": D(2025, 3, 25)},
        [],
        "departement-not-checked",
    ),
    (
        "CONVOCATION_DELAY",
        {"convocation_date": D(2025, 3, 28)},
        [],
        "convocation-after-session-left-to-date-order",
    ),
    # DATE_ORDER
    ("DATE_ORDER", {"convocation_date": D(2025, 3, 27)}, ["error"], "convocation-same-day"),
    (
        "DATE_ORDER",
        {"prefecture_sent_date": D(2025, 3, 26), "prefecture_received_date": D(2025, 3, 26)},
        ["error"],
        "sent-before-session",
    ),
    ("DATE_ORDER", {"prefecture_received_date": D(2025, 3, 30)}, ["error"], "received-before-sent"),
    (
        "DATE_ORDER",
        {"prefecture_sent_date": None, "prefecture_received_date": D(2025, 3, 20)},
        ["error"],
        "received-before-session",
    ),
    ("DATE_ORDER", {"context": {"publication_date": D(2025, 3, 26)}}, ["error"], "published-before-session"),
    (
        "DATE_ORDER",
        {"prefecture_sent_date": D(2025, 3, 27), "prefecture_received_date": D(2025, 3, 27)},
        [],
        "sent-on-session-day",
    ),
    # TRANSMISSION
    (
        "TRANSMISSION",
        {
            "prefecture_act_id": None,
            "siren": None,
            "prefecture_sent_date": None,
            "prefecture_received_date": None,
        },
        ["warning"],
        "no-transmission",
    ),
    (
        "TRANSMISSION",
        {
            "prefecture_act_id": None,
            "siren": None,
            "prefecture_sent_date": None,
            "prefecture_received_date": None,
            "context": {"test_stamp": True},
        },
        ["warning"],
        "envoi-simule",
    ),
    (
        "TRANSMISSION",
        {
            "prefecture_act_id": None,
            "siren": None,
            "prefecture_sent_date": None,
            "prefecture_received_date": D(2025, 4, 2),
        },
        [],
        "paper-received-stamp",
    ),
    (
        "TRANSMISSION",
        {
            "document_kind": "convention",
            "prefecture_act_id": None,
            "prefecture_sent_date": None,
            "prefecture_received_date": None,
        },
        [],
        "convention-not-checked",
    ),
    (
        "TRANSMISSION",
        {
            "prefecture_act_id": None,
            "prefecture_sent_date": None,
            "prefecture_received_date": None,
            "context": {"template": True},
        },
        [],
        "template-not-checked",
    ),
    # SECRETARY
    ("SECRETARY", {"secretary": None}, ["warning"], "no-secretary"),
    ("SECRETARY", {"secretary": "Eric ROUX"}, ["warning"], "secretary-absent"),
    ("SECRETARY", {"secretary": "Claire"}, [], "secretary-first-name"),
    (
        "SECRETARY",
        {"secretary": None, "session_date": None, "members_present": None, "members_voting": None},
        [],
        "no-session-header",
    ),
    ("SECRETARY", {"secretary": None, "collectivity_kind": "departement"}, [], "departement-not-checked"),
    # ACTES_ID_FORMAT
    ("ACTES_ID_FORMAT", {"prefecture_act_id": "059-21590284-2025"}, ["warning"], "garbled"),
    (
        "ACTES_ID_FORMAT",
        {"prefecture_act_id": "059-215902842-20250327-2025_12-XY"},
        ["warning"],
        "unknown-nature",
    ),
    (
        "ACTES_ID_FORMAT",
        {"prefecture_act_id": "000-200063402-20250327-2025_12-DE", "siren": "200063402"},
        ["warning"],
        "unknown-department",
    ),
    ("ACTES_ID_FORMAT", {"prefecture_act_id": None}, [], "no-id"),
    # ACTES_ID_DATE
    (
        "ACTES_ID_DATE",
        {"prefecture_act_id": "059-215902842-20250328-2025_12-DE"},
        ["warning"],
        "date-differs",
    ),
    (
        "ACTES_ID_DATE",
        {"prefecture_act_id": "059-215902842-20250401-2025_12-DE"},
        ["warning", "warning"],
        "date-after-sending",
    ),
    ("ACTES_ID_DATE", {"session_date": None}, [], "session-date-unknown"),
    # ACTES_ID_SIREN
    (
        "ACTES_ID_SIREN",
        {"prefecture_act_id": "059-215902843-20250327-2025_12-DE", "siren": None},
        ["error"],
        "luhn-fails",
    ),
    (
        "ACTES_ID_SIREN",
        {"prefecture_act_id": "069-215902842-20250327-2025_12-DE"},
        ["error"],
        "department-mismatch",
    ),
    ("ACTES_ID_SIREN", {"siren": "213001100"}, ["warning"], "siren-field-differs"),
    (
        "ACTES_ID_SIREN",
        {"prefecture_act_id": None, "siren": "215902843"},
        ["error"],
        "siren-field-luhn-fails",
    ),
    (
        "ACTES_ID_SIREN",
        {"prefecture_act_id": "02A-212000046-20250327-12-DE", "siren": "212000046"},
        [],
        "corsica",
    ),
    (
        "ACTES_ID_SIREN",
        {"prefecture_act_id": "974-219740115-20250327-12-DE", "siren": "219740115"},
        [],
        "reunion",
    ),
    (
        "ACTES_ID_SIREN",
        {"prefecture_act_id": "074-200063402-20250327-12-DE", "siren": "200063402"},
        [],
        "epci",
    ),
    (
        "ACTES_ID_SIREN",
        {
            "evidence": {
                "prefecture_act_id": Evidence(
                    text="069-215002925-20250402-DELIB20250210-DE",
                    repaired_from="069-215002925-20250402-DELIB20250210-DE",
                )
            }
        },
        ["info"],
        "repaired",
    ),
]


@pytest.mark.parametrize(("code", "changes", "expected"), [case[:3] for case in CASES],
                         ids=[f"{case[0]}-{case[3]}" for case in CASES])  # fmt: skip
def test_legal_checks_case(code, changes, expected):
    assert _severities(code, _act(**changes)) == expected


def test_legal_checks_every_check_has_a_failing_case():
    failing = {code for code, _, expected, _ in CASES if any(s in ("error", "warning") for s in expected)}
    assert failing == {check.code for check in legal.CHECKS}


WINDOWS = [(window.id, window.start, window.end) for window in legal_rules().covid_windows]


@pytest.mark.parametrize(
    "day",
    [pytest.param(start, id=f"{name}-first-day") for name, start, _ in WINDOWS]
    + [pytest.param(end, id=f"{name}-last-day") for name, _, end in WINDOWS],
)
def test_legal_checks_covid_window_edges_apply_a_third(day):
    act = _act(session_date=day, members_present=5, members_voting=7, context={"members": []})
    assert _severities("QUORUM", act) == []
    assert _severities("QUORUM_COVID", act) == ["info"]


@pytest.mark.parametrize(
    "day",
    [pytest.param(start - dt.timedelta(days=1), id=f"{name}-day-before") for name, start, _ in WINDOWS]
    + [pytest.param(end + dt.timedelta(days=1), id=f"{name}-day-after") for name, _, end in WINDOWS],
)
def test_legal_checks_outside_covid_windows_apply_half(day):
    act = _act(session_date=day, members_present=5, members_voting=7, context={"members": []})
    assert _severities("QUORUM", act) == ["error"]
    assert _severities("QUORUM_COVID", act) == []


def test_legal_checks_quorum_message_names_values_and_article():
    act = _act(members_in_office=11, members_present=5, members_voting=7, context={"members": []})
    (found,) = legal.check_quorum(act, legal_rules())
    assert found.message == (
        "Quorum non atteint : 5 présents pour 11 membres en exercice (plus de la moitié requise, art. L2121-17 CGCT)"
    )
    assert found.fields == ["members_present", "members_in_office"]


def test_legal_checks_convocation_message_counts_jours_francs():
    (found,) = legal.check_convocation_delay(_act(convocation_date=D(2025, 3, 24)), legal_rules())
    assert "2 jours francs entre la convocation du 24/03/2025 et la séance du 27/03/2025" in found.message
    assert "L2121-11" in found.message


def test_legal_checks_actes_id_date_message_explains_proces_verbal():
    act = _act(prefecture_act_id="059-215902842-20250328-2025_12-DE")
    (found,) = legal.check_actes_id_date(act, legal_rules())
    assert "procès-verbal" in found.message


def test_legal_checks_repair_message_says_from_what():
    act = _act(
        prefecture_act_id="059-215902925-20250402-DELIB20250210-DE",
        siren="215902925",
        session_date=D(2025, 4, 2),
        convocation_date=D(2025, 3, 27),
        prefecture_sent_date=D(2025, 4, 7),
        prefecture_received_date=D(2025, 4, 7),
        evidence={
            "prefecture_act_id": Evidence(
                text="069-215002925-20250402-DELIB20250210-DE",
                repaired_from="069-215002925-20250402-DELIB20250210-DE",
            )
        },
    )
    assert [(f.code, f.severity) for f in legal.run_checks(act)] == [("ACTES_ID_SIREN", "info")]
    assert "069-215002925-20250402-DELIB20250210-DE" in legal.run_checks(act)[0].message


@pytest.mark.parametrize(
    ("read", "value", "reason"),
    [
        ("069-215002925-20250402-DELIB20250210-DE", "059-215902925-20250402-DELIB20250210-DE", "clé de Luhn"),
        ("030-213001100-20231215-PV17112028-AU", "030-213001100-20231215-PV17112023-AU", "date impossible"),
        ("O51-215102344-20240611-2024_O37-DE", "051-215102344-20240611-2024_037-DE", "lecture OCR"),
        (
            "0 2 1 - 2 1 2 1 0 4 0 5 3 - 2 0 2 5 0 3 0 4 - D E L 2 0 2 5 _ 0 1 1 - D E",
            "021-212104053-20250304-DEL2025_011-DE",
            "lecture OCR",
        ),
    ],
)
def test_legal_checks_repair_finding_says_why(read, value, reason):
    assert repair_reason(read, value).startswith(reason)

"""models/legal.yaml loads and decides its own examples; the table of checks; checks are total."""

from __future__ import annotations

import datetime as dt

import pytest
from fuzz import examples
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.config import load_rules
from pipeline.identifiers import department_from_name, nature_label, parse_actes_id, repair_actes_id
from pipeline.records import ActContext, ActRecord, Evidence, Member, Proxy, Vote
from pipeline.validate import legal
from pipeline.validate.checks_attendance import check_quorum, check_quorum_covid
from pipeline.validate.checks_dates import check_convocation_delay
from pipeline.validate.rules import legal_rules

CODES = [
    "QUORUM", "QUORUM_COVID", "PROXY_MAX", "PROXY_HOLDER_PRESENT", "PROXY_GIVER_ABSENT", "COUNT_VOTANTS",
    "COUNT_MEMBERS", "VOTE_SUM", "VOTE_UNANIMITY", "CONVOCATION_DELAY", "SECRETARY", "DATE_ORDER",
    "TRANSMISSION", "ACTES_ID_FORMAT", "ACTES_ID_DATE", "ACTES_ID_SIREN",
]  # fmt: skip
RANK = {"info": 0, "warning": 1, "error": 2}
KINDS = ["commune", "epci", "departement", "region", "syndicat", "other"]
RULES = legal_rules()


def test_legal_rules_table_has_every_code_once():
    assert sorted(check.code for check in legal.CHECKS) == sorted(CODES)


@pytest.mark.parametrize("check", legal.CHECKS, ids=lambda check: check.code)
def test_legal_rules_table_entry_is_complete(check):
    assert check.code in CODES
    assert check.severity in RANK
    assert check.rule and check.article and check.function.__doc__


@pytest.mark.parametrize("section", sorted(load_rules("legal")), ids=str)
def test_legal_rules_yaml_section_loads(section):
    assert getattr(RULES, section) is not None


def test_legal_rules_covid_windows_are_ordered_and_sourced():
    windows = RULES.covid_windows
    assert [(w.start, w.end) for w in windows] == [
        (dt.date(2020, 3, 24), dt.date(2020, 8, 30)),
        (dt.date(2020, 11, 15), dt.date(2021, 9, 30)),
        (dt.date(2021, 11, 10), dt.date(2022, 7, 31)),
    ]
    assert all(w.sources and w.max_proxies_per_holder == 2 and w.quorum_fraction * 3 == 1 for w in windows)


def _quorum_act(case: dict) -> ActRecord:
    return ActRecord(doc="yaml", act_index=0, collectivity_kind="commune", session_date=case["session"],
                     members_in_office=case["in_office"], members_present=case["present"])  # fmt: skip


@pytest.mark.parametrize(
    ("check", "case"),
    [pytest.param(check_quorum, RULES.quorum.case, id="quorum")]
    + [pytest.param(check_quorum_covid, window.case, id=window.id) for window in RULES.covid_windows],
)
def test_legal_rules_quorum_cases_decide_as_written(check, case):
    found = check(_quorum_act(case), RULES)
    assert [item.severity for item in found] == ([case["finding"]] if case["finding"] else [])


DELAYS = [
    ("urgency", RULES.convocation.urgency.case),
    ("second_convocation", RULES.convocation.second_convocation.case),
    *((rule.id, rule.case) for rule in RULES.convocation.rules),
]


@pytest.mark.parametrize("case", [case for _, case in DELAYS], ids=[name for name, _ in DELAYS])
def test_legal_rules_convocation_cases_decide_as_written(case):
    context = ActContext(population=case["population"], urgency=case.get("urgency", False),
                         second_convocation=case.get("second_convocation", False))  # fmt: skip
    act = ActRecord(doc="yaml", act_index=0, collectivity_kind=case["kind"], session_date=case["session"],
                    convocation_date=case["convocation"], context=context)  # fmt: skip
    found = check_convocation_delay(act, RULES)
    assert [item.severity for item in found] == ([case["finding"]] if case["finding"] else [])


def test_legal_rules_actes_natures_and_examples():
    actes = RULES.actes_id
    assert set(actes["natures"]) == {"DE", "AR", "AI", "CC", "BF", "AU"}
    assert all(nature_label(code) for code in actes["natures"])
    assert parse_actes_id(actes["example"]) is not None
    example = actes["example_repair"]
    hint = department_from_name(example["document_mentions"])
    repair = repair_actes_id(example["read"], department_hint=hint)
    assert repair is not None and repair.value == example["repaired"]


names = st.text(max_size=25) | st.sampled_from(["Paul MARTIN", "MARTIN", "M. Paul MARTIN", "Claire PETIT", "X"])
counts = st.none() | st.integers(min_value=0, max_value=150)
dates = st.none() | st.dates()
act_ids = st.none() | st.text(max_size=50) | st.sampled_from(
    ["059-215902842-20250327-31032025_64-DE", "069-215002925-20250402-DELIB20250210-DE",
     "02A-212000046-20240110-12-CC", "000-200063402-20250327-1-XX"]
)  # fmt: skip
sirens = st.none() | st.from_regex(r"[0-9]{9}", fullmatch=True) | st.sampled_from(["215902842", "212000046"])
members = st.lists(
    st.builds(Member, name=names, status=st.sampled_from(["present", "absent", "excused", "substitute"])),
    max_size=8,
)
contexts = st.builds(
    ActContext, members=members, substitutes_count=counts, publication_date=dates, display_date=dates,
    population=counts, urgency=st.booleans(), second_convocation=st.booleans(),
    departures_mentioned=st.booleans(), non_voting_mentioned=st.booleans(), secret_ballot=st.booleans(),
    test_stamp=st.booleans(), template=st.booleans(),
)  # fmt: skip
votes = st.builds(Vote, unanimous=st.none() | st.booleans(), for_=counts, against=counts, abstention=counts,
                  outcome=st.none() | st.sampled_from(["adopted", "rejected"]))  # fmt: skip
evidence = st.dictionaries(
    st.sampled_from(["prefecture_act_id", "siren", "session_date"]),
    st.builds(Evidence, text=st.text(max_size=20), repaired_from=st.none() | st.text(max_size=30)),
    max_size=3,
)
acts = st.builds(
    ActRecord, doc=st.just("hypothesis"), act_index=st.integers(0, 5),
    document_kind=st.sampled_from(["deliberation", "convention", "other"]),
    collectivity_kind=st.none() | st.sampled_from(KINDS),
    session_date=dates, convocation_date=dates, members_in_office=counts, members_present=counts,
    members_voting=counts, proxies_count=counts,
    proxies=st.lists(st.builds(Proxy, giver=names, holder=names), max_size=5),
    president=st.none() | names, secretary=st.none() | names, vote=votes, prefecture_act_id=act_ids,
    siren=sirens,
    prefecture_sent_date=dates, prefecture_received_date=dates, evidence=evidence, context=contexts,
)  # fmt: skip


@settings(max_examples=examples(400), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(acts)
def test_legal_rules_checks_never_raise_and_keep_their_code_and_severity(act):
    for check in legal.CHECKS:
        for found in check.function(act, RULES):
            assert found.code == check.code
            assert RANK[found.severity] <= RANK[check.severity]
            assert found.message
    assert isinstance(legal.run_checks(act), list)

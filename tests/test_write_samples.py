"""Results of a small run, built from records (written for the tests), shared by the write tests.

Covers: two acts in one file (a deliberation and its annexed convention), an EPCI act with
error findings and inconsistent vote counts, an act whose collectivity is unknown with a
test stamp, an error row and a skipped duplicate row; names with quotes and ``<``.
"""

from __future__ import annotations

import datetime as dt

from pipeline.records import (
    ActContext,
    ActRecord,
    DocumentResult,
    Evidence,
    FileRow,
    Finding,
    Member,
    Party,
    Proxy,
    Vote,
)
from pipeline.write.rows import TABLE_ROWS

SHA_A = "a1" * 32
SHA_B = "b2" * 32
SHA_C = "c3" * 32
SHA_D = "d4" * 32
NASTY = "Jean \"Jo\" <script>alert('x')</script> D'ARC & fils"


def hasnon_result() -> DocumentResult:
    """A deliberation with proxies, members and findings, then its annexed convention."""
    deliberation = ActRecord(
        doc="hasnon_2025",
        act_index=0,
        document_kind="deliberation",
        collectivity_name="Hasnon",
        collectivity_kind="commune",
        body="conseil municipal",
        deliberation_number="2025/02/11",
        object="DISPOSITIF DE MUTUALISATION « <médiateurs> » D'INGENIERIE",
        session_date=dt.date(2025, 3, 27),
        convocation_date=dt.date(2025, 3, 20),
        members_in_office=27,
        members_present=20,
        members_voting=27,
        proxies_count=2,
        proxies=[
            Proxy(giver="LECOEUVRE Stéphanie", holder="VAN EECKHOUT Sophie"),
            Proxy(giver="LUTAS Sylvie", holder=NASTY),
        ],
        president="André DESMEDT",
        secretary="Hervé MERVILLE",
        vote=Vote(unanimous=True, outcome="adopted"),
        prefecture_act_id="059-215902842-20250327-31032025_64-DE",
        siren="215902842",
        prefecture_sent_date=dt.date(2025, 3, 31),
        prefecture_received_date=dt.date(2025, 3, 31),
        evidence={
            "session_date": Evidence(page=1, start=10, end=40, text="L'an deux mil vingt cinq, le vingt sept mars"),
            "members_in_office": Evidence(page=1, text="En exercice : 27", method="counts.inline"),
            "prefecture_act_id": Evidence(
                page=1,
                text="059-215902842-20250327-31032025_64-DE",
                repaired_from="059-215902842-20250327-31032025 64-DE",
            ),
        },
        findings=[
            Finding(
                code="SECRETARY",
                severity="warning",
                message="Secrétaire non trouvé parmi les présents",
                fields=["secretary"],
            ),
            Finding(code="ACTES_ID_DATE", severity="info", message="Date de l'ID égale à la séance"),
        ],
        context=ActContext(
            members=[
                Member(name="DESMEDT André", status="present"),
                Member(name="VAN EECKHOUT Sophie", status="present"),
                Member(name=NASTY, status="present"),
                Member(name="LECOEUVRE Stéphanie", status="absent"),
                Member(name="LUTAS Sylvie", status="excused"),
            ],
            publication_date=dt.date(2025, 4, 1),
            population=4100,
        ),
    )
    convention = ActRecord(
        doc="hasnon_2025",
        act_index=1,
        document_kind="convention",
        collectivity_name="Hasnon",
        collectivity_kind="commune",
        object="Convention de médiation numérique",
        convention_parties=[
            Party(
                name="Communauté d'Agglomération de La Porte du Hainaut",
                representative="Aymeric ROBIN",
                role="Président",
            ),
            Party(name="Hasnon", representative="André DESMEDT", role="Maire"),
        ],
    )
    row = FileRow(
        path="archive/hasnon 2025.pdf",
        sha256=SHA_A,
        status="ok",
        media_type="application/pdf",
        pages=3,
        acts=2,
        seconds=0.5,
    )
    return DocumentResult(file=row, acts=[deliberation, convention])


def epci_result() -> DocumentResult:
    """An EPCI act failing the quorum, with counts that do not add up and a late-looking stamp."""
    act = ActRecord(
        doc="ccca_2024_12",
        act_index=0,
        collectivity_name="Communauté de Communes des Campagnes de l'Artois",
        collectivity_kind="epci",
        body="conseil communautaire",
        deliberation_number="2024-112",
        object="Budget annexe: décision modificative n°2",
        session_date=dt.date(2024, 12, 12),
        convocation_date=dt.date(2024, 12, 9),
        members_in_office=82,
        members_present=35,
        members_voting=40,
        proxies_count=5,
        proxies=[
            Proxy(giver="DUPONT Marie", holder="MARTIN Paul"),
            Proxy(giver="DURAND Luc", holder="MARTIN Paul"),
        ],
        vote=Vote(unanimous=False, for_=30, against=6, abstention=2, outcome="adopted"),
        prefecture_act_id="062-200035442-20241212-2024_112-DE",
        siren="200035442",
        prefecture_sent_date=dt.date(2024, 12, 10),
        prefecture_received_date=dt.date(2024, 12, 10),
        findings=[
            Finding(
                code="QUORUM",
                severity="error",
                message="35 présents sur 82: quorum non atteint (L5211-1)",
                fields=["members_present"],
            ),
            Finding(
                code="PROXY_MAX",
                severity="error",
                message="MARTIN Paul détient 2 pouvoirs",
                fields=["proxies"],
            ),
            Finding(code="VOTE_SUM", severity="warning", message="30 + 6 + 2 ≠ 40 votants", fields=["vote"]),
        ],
        context=ActContext(
            members=[
                Member(name="MARTIN Paul", status="present"),
                Member(name="LEROY Anne", status="substitute", replaces="DURAND Luc"),
            ],
            substitutes_count=1,
        ),
    )
    row = FileRow(
        path="archive/ccca/2024-12.pdf",
        sha256=SHA_B,
        status="ok",
        media_type="application/pdf",
        pages=2,
        ocr_pages=2,
        acts=1,
        seconds=3.25,
    )
    return DocumentResult(file=row, acts=[act])


def unknown_result() -> DocumentResult:
    """A deliberation whose collectivity is not stated, with a test stamp."""
    act = ActRecord(
        doc="sans_entete",
        act_index=0,
        object="Tarifs de la cantine",
        session_date=dt.date(2023, 9, 28),
        members_in_office=15,
        members_present=8,
        members_voting=9,
        vote=Vote(for_=9, against=0, abstention=0, outcome="adopted"),
        prefecture_act_id="013-211300074-20230928-D2023_40-DE",
        prefecture_received_date=dt.date(2023, 10, 2),
        context=ActContext(test_stamp=True),
    )
    row = FileRow(
        path="archive/sans entête.txt",
        sha256=SHA_C,
        status="ok",
        media_type="text/plain",
        pages=1,
        acts=1,
        seconds=0.02,
    )
    return DocumentResult(file=row, acts=[act])


def error_result() -> DocumentResult:
    row = FileRow(
        path="archive/broken.pdf",
        sha256=SHA_D,
        status="error",
        error="the file is damaged or truncated — download it again",
        error_code="corrupt",
        seconds=0.01,
    )
    return DocumentResult(file=row)


def skipped_result() -> DocumentResult:
    row = FileRow(
        path="archive/copie de hasnon.pdf",
        sha256=SHA_A,
        status="skipped",
        duplicate_of="archive/hasnon 2025.pdf",
    )
    return DocumentResult(file=row)


def sample_results() -> list[DocumentResult]:
    """Every case above, in a stable order."""
    return [hasnon_result(), epci_result(), unknown_result(), error_result(), skipped_result()]


def test_write_samples_fill_every_table() -> None:
    results = sample_results()
    assert {name: len(build(results)) > 0 for name, build in TABLE_ROWS.items()} == dict.fromkeys(TABLE_ROWS, True)

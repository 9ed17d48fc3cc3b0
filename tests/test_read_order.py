"""Reading order from boxes: gutters between columns, rows of cells, paragraphs (pure geometry)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.read import reading_order as order
from pipeline.read.reading_order import Box

WIDTH = 2480.0
LINE = 45.0
PITCH = 60.0


def _line(left: float, right: float, row: float, *, pitch: float = PITCH, height: float = LINE) -> Box:
    top = 200 + row * pitch
    return Box(left=left, top=top, right=right, bottom=top + height, baseline=top + 0.8 * height)


def _words(left: float, right: float, row: float, *, pitch: float = PITCH, size: float = 150.0) -> list[Box]:
    """A line cut into words of ``size`` pixels or so (varying with the row), 20 pixels apart."""
    boxes, x, step = [], left, 0
    while x < right:
        width = size * (0.4 + ((row * 7 + step * 3) % 10) / 8)
        boxes.append(_line(x, min(x + width, right), row, pitch=pitch))
        x += width + 20
        step += 1
    return boxes


def _margin_page() -> tuple[list[Box], list[Box]]:
    """A margin column (short lines of its own pitch) beside a dense body: (margin words, body words)."""
    margin = [box for row in (2, 3, 4, 5, 9, 10, 14, 15, 16) for box in _words(200, 640, row, pitch=52)]
    body = [box for row in range(45) for box in _words(760, 2300 - (row % 3) * 200, row)]
    return margin, body


def test_order_gutter_found_beside_margin_column():
    margin, body = _margin_page()
    gutters = order.find_gutters(margin + body, page_width=WIDTH)
    assert gutters
    gutter = gutters[0]
    assert 640 <= gutter.left < gutter.right <= 760
    assert all(gutter.region(box) == order.LEFT for box in margin)
    assert all(gutter.region(box) == order.RIGHT for box in body)
    assert order.is_column_split(_rows(margin), _rows(body))


@pytest.mark.parametrize(
    "page",
    [
        [box for row in range(40) for box in _words(200, 2300, row)],
        [box for row in range(40) for box in _words(200, 2300 - (row % 4) * 300, row, size=120)],
    ],
    ids=["justified", "ragged"],
)
def test_order_no_gutter_in_single_column(page):
    assert order.find_gutters(page, page_width=WIDTH) == []


def test_order_table_is_not_columns():
    names = [box for row in range(30) for box in _words(200, 700, row)]
    status = [_line(900, 1300, row) for row in range(30)]
    assert order.find_gutters(names + status, page_width=WIDTH)  # the band is free ...
    assert not order.is_column_split(_rows(names), _rows(status))  # ... but rows share their baselines


def test_order_bullets_are_not_a_column():
    bullets = [_line(200, 240, row) for row in range(0, 40, 3)]
    text = [box for row in range(40) for box in _words(300, 2300, row)]
    assert not order.is_column_split(_rows(bullets), _rows(text))


def test_order_title_above_columns_reads_first():
    margin, body = _margin_page()
    title = _words(200, 2300, -3)
    gutter = order.find_gutters(title + margin + body, page_width=WIDTH)[0]
    assert {gutter.region(box) for box in title} == {order.ABOVE}
    assert {gutter.region(box) for box in margin} == {order.LEFT}


@pytest.mark.parametrize(
    ("second", "joined"),
    [
        (_line(900, 1300, 0), True),
        (Box(left=900, top=200 + 22, right=1300, bottom=200 + 67, baseline=200 + 58), False),
        (Box(left=900, top=150, right=1000, bottom=450, baseline=440), False),
        (_line(600, 1300, 0), False),
    ],
    ids=["cell-on-baseline", "lower-stamp-line", "tall-bullet-column", "overlapping"],
)
def test_order_rows_join_cells_on_one_baseline(second, joined):
    first = _line(200, 700, 0)
    assert (len(order.rows([first, second])) == 1) is joined


def test_order_rows_read_top_to_bottom_left_to_right():
    boxes = [_line(900, 1300, 1), _line(200, 700, 1), _line(200, 700, 0)]
    assert order.rows(boxes) == [[2], [1, 0]]


def test_order_paragraph_starts_where_pitch_widens():
    rows = [_line(200, 2300, row) for row in (0, 1, 2, 4, 5, 6, 7.5, 8.5)]
    assert order.paragraph_starts([rows]) == [[True, False, False, True, False, False, True, False]]


def test_order_each_column_starts_a_paragraph():
    left = [_line(200, 600, row) for row in range(3)]
    right = [_line(800, 2300, row) for row in range(5)]
    assert [flags[0] for flags in order.paragraph_starts([left, right])] == [True, True]


def _rows(boxes: list[Box]) -> list[Box]:
    return [order.row_box(boxes, row) for row in order.rows(boxes)]


_BOXES = st.lists(
    st.tuples(st.floats(0, 2400), st.floats(0, 3400), st.floats(1, 600), st.floats(1, 120), st.floats(0, 1)).map(
        lambda t: Box(left=t[0], top=t[1], right=t[0] + t[2], bottom=t[1] + t[3], baseline=t[1] + t[4] * t[3])
    ),
    max_size=60,
)


@settings(max_examples=60, deadline=None)
@given(_BOXES)
def test_order_any_boxes_give_a_partition(boxes):
    rows = order.rows(boxes)
    assert sorted(index for row in rows for index in row) == list(range(len(boxes)))
    for gutter in order.find_gutters(boxes, page_width=WIDTH):
        assert gutter.left <= gutter.x <= gutter.right
        assert {gutter.region(box) for box in boxes} <= {order.ABOVE, order.LEFT, order.RIGHT, order.BELOW}
    flags = order.paragraph_starts([[order.row_box(boxes, row) for row in rows]])
    assert len(flags[0]) == len(rows)

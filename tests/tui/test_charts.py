"""Drawing spans on one axis: open bounds, wide ranges, labels cut with an ellipsis."""

from __future__ import annotations

from datetime import date

from sourcecrit.tui.timeline import Bar, Chart, DATE_AXIS, draw, quantity_axis


def lines_of(chart: Chart, width: int = 80) -> list[str]:
    return [line.plain for line in draw(chart, width)]


def test_an_amount_with_no_upper_end_runs_open_to_the_right():
    chart = Chart([Bar("Gafarov", [(10e6, None)], "at least 10 million gold rubles"),
                   Bar("Akalın 2017", [(10e6, 11e6)], "10 to 11 million gold rubles", version=1)],
                  quantity_axis("gold ruble"))
    open_bar, closed_bar, rule, ticks = lines_of(chart)
    assert open_bar.rstrip().endswith("▶")
    assert "▶" not in closed_bar and "█" in closed_bar
    assert "gold ruble" in ticks and "10m" in ticks
    assert all(len(line) <= 80 for line in (open_bar, closed_bar, rule, ticks))


def test_an_amount_with_no_lower_end_starts_at_the_left_edge():
    chart = Chart([Bar("Hasanly 2012", [(None, 5000.0)], "less than 5,000 rifles"),
                   Bar("Gafarov", [(3000.0, 3000.0)], "3,000 rifles", version=1)], quantity_axis("rifle"))
    first = lines_of(chart)[0]
    assert first.split("│")[1].startswith("◀")
    assert "-" not in lines_of(chart)[-1]  # the axis does not run below nothing


def test_long_labels_end_with_an_ellipsis_and_carry_the_value_number():
    chart = Chart([Bar("Ersoy-McMeekin 2007, footnote 168 of chapter four", [(700000.0, 700000.0)], "16 March 1921", version=2)],
                  DATE_AXIS)
    label = lines_of(chart, 60)[0].split("│")[0]
    assert label.startswith("3 Ersoy") and label.rstrip().endswith("…")


def test_one_of_two_days_draws_two_marks():
    day = lambda d: float(date(1921, 3, d).toordinal())  # noqa: E731
    chart = Chart([Bar("a", [(day(22), day(22)), (day(23), day(23))], "22 or 23 March 1921"),
                   Bar("b", [(day(1), day(1))], "1 March 1921", 1)], DATE_AXIS)
    lines = [line.plain for line in draw(chart, 80)]
    assert lines[0].count("█") == 2 and lines[0].index("█") > lines[1].index("█")
    assert "Mar 1921" in lines[-1]


def test_days_before_ad_1_are_drawn_with_their_era():
    """44 BC and the First Punic War: Python's dates stop at AD 1, the axis does not."""
    from sourcecrit.values.calendars import GREGORIAN, day_ordinal

    day = lambda y, m, d: float(day_ordinal(GREGORIAN, y, m, d))  # noqa: E731
    ides = Chart([Bar("Suetonius", [(day(-43, 3, 13), day(-43, 3, 13))], "15 March 44 BC (Julian)"),
                  Bar("a misreading", [(day(-43, 3, 20), day(-43, 3, 20))], "22 March 44 BC (Julian)", 1)], DATE_AXIS)
    assert "Mar 44 BC" in lines_of(ides)[-1]
    war = Chart([Bar("Polybius", [(day(-263, 1, 1), day(-240, 12, 31))], "264–241 BC")], DATE_AXIS)
    ticks = lines_of(war)[-1]
    assert "260 BC" in ticks and "250 BC" in ticks and "-" not in ticks
    across = Chart([Bar("Augustus", [(day(-30, 1, 1), day(14, 8, 19))], "30 BC–AD 14")], DATE_AXIS)
    assert "10 BC" in lines_of(across)[-1] and "AD 10" in lines_of(across)[-1]

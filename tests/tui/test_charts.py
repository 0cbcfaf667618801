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

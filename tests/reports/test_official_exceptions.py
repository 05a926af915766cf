"""The official calendar's exceptions, read off chinesecalendar's lists (quick: the
first report of a long period used to ask it day by day for 0.8 s), are the days it
answers day by day, for every year it knows."""

from datetime import date, timedelta

from legaldesk.reports import rules
from legaldesk.workcal.rules import is_working_day, official_workday, official_years


def test_the_lists_give_the_days_the_calendar_answers_one_by_one():
    for year in sorted(official_years()):
        first = date(year, 1, 1)
        days = [first + timedelta(days=n) for n in range((date(year, 12, 31) - first).days + 1)]
        answered = [(day, is_working_day(day, {}, official_workday)) for day in days]
        assert rules._official_exceptions(year) == tuple(
            (day, working) for day, working in answered if working != (day.weekday() < 5)
        ), year
        assert rules.working_days(first, days[-1], {}) == sum(w for _, w in answered), year

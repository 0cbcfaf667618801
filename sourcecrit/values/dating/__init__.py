"""The reading, writing and comparing of dates, one module a concern; see sourcecrit.values.date."""

### Visitor statistics: the reading site's labels and the editors' report.

stats-today = today
stats-this-week = this week
stats-reading-now = Reading now
stats-views-per-day = Views and visitors per day
stats-top-articles = Most read
stats-top-sections = Most read sections
stats-referrers = Where readers came from
stats-filtered = Visits not counted

### Visitor statistics: the reading site's labels and the editors' report.

stats-today = today
stats-this-week = this week
stats-reading-now = Reading now
stats-views-per-day = Views and visitors per day
stats-top-articles = Most read
stats-top-sections = Most read sections
stats-referrers = Where readers came from
stats-filtered = Visits not counted

## The newsroom's statistics pages (/newsroom/stats).

stats-title = Statistics
stats-views = Views
stats-visitors = Visitors
stats-range-today = Today
# $days is already counted: "7 days".
stats-range-last = Last { $days }
stats-range-custom = Other dates
stats-range = Dates
stats-from = From
stats-to = To
stats-show = Show
stats-visitors-note = A visitor is known for one day only (no cookies), so the visitors of several days are the sum of each day's visitors.
# $minutes is already counted: "5 minutes".
stats-reading-now-note = Visitors who read in the last { $minutes } on this server; exact, from memory, never stored.
stats-filtered-note = Requests answered but not counted as views.
stats-export-csv = Download the table (CSV)
stats-per-day = Day by day
stats-date = Date
stats-article = Article
stats-section = Section
stats-no-section = No section
stats-deleted-article = Deleted article
stats-share = Share
stats-reason = Reason
stats-hits = Requests
stats-empty = No views in these dates yet.
stats-off = Visitor statistics are switched off on this server.
stats-other = Other
stats-dimension-referrer_group = Where readers came from
stats-dimension-referrer_site = Referring sites
stats-dimension-browser = Browsers
stats-dimension-os = Systems
stats-dimension-device = Devices
stats-column-referrer_group = Source
stats-column-referrer_site = Site
stats-column-browser = Browser
stats-column-os = System
stats-column-device = Device
stats-group-search = Search engines
stats-group-social = Social networks
stats-group-website = Other sites
stats-group-direct = Direct
stats-group-internal = From this site
stats-device-desktop = Computer
stats-device-mobile = Phone
stats-device-tablet = Tablet
stats-device-other = Other devices
stats-reason-crawler = Crawlers and indexers
stats-reason-headless = Automated browsers
stats-reason-empty_agent = No browser name
stats-reason-malformed_agent = Malformed browser name
stats-reason-prefetch = Prefetch
stats-reason-opt_out = Do Not Track (DNT/GPC)
stats-reason-address_cap = Over the per-address limit
stats-reason-overload = Counting memory full
# $example is a date in the site's digits, e.g. 2026-11-26.
stats-error-date-missing = Enter the date.
stats-error-date-invalid = Not a valid date; write it as { $example }.
stats-error-date-future = This day has not come yet.
stats-error-range-reversed = The end date is before the start date.
stats-error-range-too-long = More than two years; choose a shorter range.
stats-fix-range = Correct the dates and show them again.
stats-article-title = Article statistics
stats-all-time = All time
stats-in-range = In these dates
stats-open-article = The article on the site
stats-edit-article = Open in the editor
stats-back = All statistics
stats-no-sources = No referrers recorded for this article in these dates.

## The visitor badge in the site header.

stats-badge-today = Today
stats-badge-total = Total
stats-badge-online = Now

### Khabar — English interface strings.
###
### Arabic (../ar/common.ftl) is the reference: every message there must exist
### here with the same variables (a test checks); a message missing here is
### shown in Arabic and logged. English has two CLDR plural categories, one
### (exactly 1) and other. English may select on { $n -> … } directly, which
### lets `[0]` pick out zero (Fluent's English rule is correct, and tested);
### { PLURAL($n) -> … } works too.

## Site chrome

site-name = Khabar
nav-home = Home
latest = Latest news
most-read = Most read
read-also = Read also
related = Related articles
source = Source
tags = Tags
by-author = By
published-on = Published on
updated-on = Updated on
section = Section
author = Author
# $section (String) — the section's name.
more-in-section = More from { $section }
comments = Comments
leave-comment = Leave a comment
views-label = Views
visitors-label = Site visitors
skip-to-content = Skip to content
all-rights = All rights reserved

## Pagination

# $n (Number) — the page number.
page-n = Page { $n }
next-page = Next
prev-page = Previous

## Search

search = Search
search-placeholder = Search the news…
# $query (String) — what the reader typed.
search-results-for = Search results for: { $query }
search-no-results = No matching results. Try other or fewer words.

## Error pages

not-found-title = Page not found
not-found-body = Sorry, we could not find the page you are looking for. It may have been moved or deleted, or the link may be wrong.
error-title = Something went wrong
error-body = Sorry, something unexpected went wrong while handling your request. Please try again in a moment.
bad-request-title = Bad request
bad-request-body = The request could not be understood. Check the link or the data you sent and try again.

## Counted nouns: `Localizer::count`. $n (Number) — the count.

count-view =
    { $n ->
        [0] no views
        [one] { $n } view
       *[other] { $n } views
    }
count-comment =
    { $n ->
        [0] no comments
        [one] { $n } comment
       *[other] { $n } comments
    }
count-reply =
    { $n ->
        [0] no replies
        [one] { $n } reply
       *[other] { $n } replies
    }
count-article =
    { $n ->
        [0] no articles
        [one] { $n } article
       *[other] { $n } articles
    }
count-visitor =
    { $n ->
        [0] no visitors
        [one] { $n } visitor
       *[other] { $n } visitors
    }
count-result =
    { $n ->
        [0] no results
        [one] { $n } result
       *[other] { $n } results
    }
count-page =
    { $n ->
        [0] no pages
        [one] { $n } page
       *[other] { $n } pages
    }
count-minute =
    { $n ->
        [0] less than a minute
        [one] { $n } minute
       *[other] { $n } minutes
    }
count-hour =
    { $n ->
        [0] less than an hour
        [one] { $n } hour
       *[other] { $n } hours
    }
count-day =
    { $n ->
        [0] less than a day
        [one] { $n } day
       *[other] { $n } days
    }

## Relative times: `Localizer::relative`. $n (Number) — whole units elapsed,
## never 0.

relative-now = just now
relative-minutes =
    { $n ->
        [one] a minute ago
       *[other] { $n } minutes ago
    }
relative-hours =
    { $n ->
        [one] an hour ago
       *[other] { $n } hours ago
    }
relative-days =
    { $n ->
        [one] a day ago
       *[other] { $n } days ago
    }

## Search page.

search-empty = Type one or more words in the search box to find news and articles.
search-nothing-to-search = Your query has no words we can search for. Try Arabic or English words.
search-truncated = The query was long, so only its beginning was used.
# $max (Number) — how many results can be browsed.
search-page-out-of-range = No results on this page. Only the first { $max } results can be browsed.
search-submit = Search
search-filters = Filter results
search-section = Section
search-all-sections = All sections
search-from = From
search-to = To
search-author = Author
search-clear-author = Remove
search-hint = Words match their spelling variants (hamza, clitics). Put a phrase in quotes «…» to find it as written.

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

## «اقرأ أيضا» in the newsroom editor: pinned links.

search-pins = Pinned “Read also” links
search-pin-search = Find an article by its title to pin it
# $max (Number) — how many links may be pinned.
search-pins-hint =
    { $max ->
        [one] One article per line: its number or its address. Shown before the suggested articles; the first is the “Read also” link in the text.
       *[other] Up to { $max } articles, one per line: number or address. Shown before the suggested articles; the first is the “Read also” link in the text.
    }
search-pin-shown = visible to readers
search-pin-hidden = not published: readers will see it once it is
# $max (Number)
search-pin-too-many =
    { $max ->
        [one] Only one article can be pinned.
       *[other] At most { $max } articles can be pinned.
    }
# $line (String) — what the editor typed on that line.
search-pin-unreadable = The line “{ $line }” is neither an article number nor the address of an article on this site.
search-pin-self = An article cannot point to itself.
# $id (String) — an article number, as written in its address.
search-pin-repeated = Article { $id } is listed more than once.
search-pin-missing = There is no article number { $id }.

## Near-duplicates: the editor's warning and the newsroom page.

search-duplicate-warning = Warning: this article's text is very close to a published one. Make sure the same story is not published twice.
# $n (Number) — estimated similarity, in percent.
search-similarity = { $n }% similar
search-similarity-heading = Similarity
search-duplicates = Duplicates
search-duplicates-intro = Pairs of published articles with very similar texts, newest first. If a pair is not a duplicate, choose “Not a duplicate” to remove it from the list.
# $n (Number) — how many pairs.
search-duplicates-count =
    { $n ->
        [one] one pair
       *[other] { $n } pairs
    }
search-duplicate-newer = Newer article
search-duplicate-older = Older article
search-not-a-duplicate = Not a duplicate
search-duplicate-dismissed = The pair was removed from the list and will not appear again.
search-no-duplicates = No duplicate articles.

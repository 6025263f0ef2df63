# Strings of the public reading site (the web layer's templates and error pages).

site-tagline = Trustworthy news in Arabic, as it happens
sections-nav = Site sections
top-stories = Top stories
no-articles-yet = Nothing has been published yet.
back-home = Back to the home page
breadcrumb = Breadcrumb
toc = In this article
pagination = Pages
tag = Tag
# Page n of m, under a list of articles.
page-n-of-m = Page { $n } of { $m }
method-not-allowed-body = This request cannot be made on this page.
timeout-body = Preparing the page took longer than usual. Please try again in a moment.
too-large-body = The request is larger than allowed.
too-many-requests-body = Too many requests in a short time. Please wait a little and try again.

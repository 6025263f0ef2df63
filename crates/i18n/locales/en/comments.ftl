### Comments ("Leave a comment"): the form, the list and the messages after
### a submission.

comment-name-label = Name
comment-email-label = Email
comment-email-hint = Optional, never published.
comment-body-label = Comment
comment-submit = Post comment
comment-sending = Sending…
comment-reply = Reply
# $name (String) — the commenter answered.
comment-replying-to = Replying to { $name }
comment-cancel-reply = Cancel reply
comment-closed = Comments are closed on this article.
comment-none = No comments yet. Be the first.
comment-staff = From the newsroom
comment-honeypot-label = Leave this field empty
comment-rules = Comments may be reviewed before they appear. Respectful debate is welcome; abuse and advertising are removed.

comment-msg-published = Your comment is published. Thank you.
comment-msg-held = Your comment has arrived and will appear once the newsroom has reviewed it.
comment-msg-name-required = Please give your name.
# $max (Number) — the longest name accepted, in characters.
comment-msg-name-too-long = The name is too long: { $max } characters at most.
comment-msg-body-required = The comment is empty.
# $max (Number) — the longest comment accepted, in characters.
comment-msg-body-too-long = The comment is too long: { $max } characters at most. Please shorten it and send it again.
comment-msg-email-invalid = The email address is not valid. You may leave it empty.
comment-msg-control-characters = The text contains control characters that are not allowed.
comment-msg-too-many-combining-marks = The text stacks too many combining marks.
comment-msg-parent-invalid = The comment you are replying to does not exist.
comment-msg-token-invalid = The form has expired or did not come from this site. Reload the page and try again.
comment-msg-token-expired = The form has expired. Reload the page and try again.
comment-msg-token-used = This form was already sent. Reload the page to write another comment.
comment-msg-too-fast = The comment was sent too quickly. Wait a moment and send it again.
comment-msg-duplicate = You already sent this comment.
comment-msg-comments-closed = Comments are closed on this article.
comment-msg-cross-site = The request was refused because it was not sent from this site's page.
comment-msg-rate-limited = You sent many comments in a short time. Please wait a little and try again.

error-comments-closed = Comments are closed on this article.
error-cross-site = The request was refused because it was not sent from this site's page.
error-token-invalid = The form has expired or did not come from this site. Reload the page and try again.
error-token-used = This form was already sent. Reload the page to write another comment.
error-rate-limited = You sent many comments in a short time. Please wait a little and try again.

# The subject of the moderators' digest email.
# $count (String) — the counted comments, e.g. "3 comments".
comment-digest-subject = Khabar: { $count } awaiting review

## A reader deleting their own comment, and what stands in the place of a
## comment that is gone but heads replies. "Deleted" is the writer's own act;
## staff "remove" — the two are never mixed.

comment-gone-deleted = The writer deleted this comment.
comment-gone-removed = The newsroom removed this comment.
comment-delete = Delete my comment
comment-delete-confirm = Click again to confirm
comment-delete-offer = You can delete your comment at any time.
comment-delete-offer-held = Your comment awaits review; you can delete it at any time.
comment-delete-keep = Keep this link if you may want to delete it later:
comment-delete-link = link to delete your comment
comment-msg-deleted = Your comment is deleted.
comment-msg-delete-key-invalid = This deletion link is not for this comment; nothing was deleted.
comment-msg-comment-not-deletable = This comment can no longer be deleted: the newsroom has reviewed it.
error-delete-key-invalid = This deletion link is not for this comment; nothing was deleted.
error-comment-not-deletable = This comment can no longer be deleted: the newsroom has reviewed it.

### The newsroom's moderation queue. Staff "remove" a comment; its writer
### "deletes" it. Never one word for both.

nr-comments = Comments
# $count (String) — the counted comments, e.g. "3 comments".
nr-cm-pending-badge = { $count } awaiting review
nr-cm-tab-pending = Awaiting review
nr-cm-tab-approved = Published
nr-cm-tab-spam = Spam
nr-cm-tab-removed = Removed by staff
nr-cm-tab-deleted = Deleted by their writers
nr-cm-status-pending = Awaiting review
nr-cm-status-approved = Published
nr-cm-status-spam = Spam
nr-cm-status-removed = Removed by staff
nr-cm-status-deleted = Deleted by its writer
nr-cm-reason-policy = moderation policy
nr-cm-reason-links = many links
nr-cm-reason-first-time-link = link from a new commenter
nr-cm-reason-word-list = phrase on the word list
nr-cm-reason-bayes = spam filter
# $percent (Number) — the spam filter's probability, 0 to 100.
nr-cm-score = spam probability { $percent }%
nr-cm-held-for = Held for:
nr-cm-on-article = On
nr-cm-article-comments = this article's comments
nr-cm-is-reply = a reply
nr-cm-select = Select this comment
nr-cm-with-selected = With the selected comments:
nr-cm-approve = Publish
nr-cm-spam = Spam
nr-cm-remove = Remove
nr-cm-reply = Reply for the newsroom
nr-cm-reply-label = Your reply
nr-cm-reply-hint = The reply is published at once under the comment, marked "From the newsroom".
nr-cm-reply-submit = Publish reply
nr-cm-reply-empty = Write the reply before publishing it.
nr-cm-reply-not-approved = Only published comments can be answered.
nr-cm-reply-refused = Your reply was not published; see the message under the comment. What you wrote is still in the form.
nr-cm-none-selected = No comment selected. Tick the comments, then choose an action.
nr-cm-none = No comments here.
nr-cm-article-filter = Comments on:
nr-cm-all-articles = All articles
nr-cm-article-open = comments are open
nr-cm-article-closed = comments are closed
nr-cm-article-closed-by-age = comments closed with age
nr-cm-close-comments = Close comments
nr-cm-open-comments = Open comments
# $n (Number) — how many comments the decision changed.
nr-cm-done-approve =
    { $n ->
        [0] Nothing changed: the selected comments were published already.
        [one] 1 comment published.
       *[other] { $n } comments published.
    }
# $n (Number) — how many comments the decision changed.
nr-cm-done-spam =
    { $n ->
        [0] Nothing changed: the selected comments were spam already.
        [one] 1 comment marked as spam.
       *[other] { $n } comments marked as spam.
    }
# $n (Number) — how many comments the decision changed.
nr-cm-done-remove =
    { $n ->
        [0] Nothing changed: the selected comments were removed already.
        [one] 1 comment removed; its text is kept.
       *[other] { $n } comments removed; their text is kept.
    }
nr-cm-done-reply = Your reply is published under the comment, marked as the newsroom's.
nr-cm-done-closed = Comments on this article are closed.
nr-cm-done-opened = Comments on this article are open.

nr-cm-words = Word lists
nr-cm-words-hint = Phrases match whole words after Arabic spelling is normalised (hamza forms, diacritics, tatweel): «قمار» matches «القِمار» and «والقمار», not «قمارة».
nr-cm-back-to-queue = Back to comments
nr-cm-word-phrase = Phrase
nr-cm-word-does = What it does
nr-cm-word-hold = holds the comment for review
nr-cm-word-spam = marks it as spam
nr-cm-word-add = Add
nr-cm-word-remove = Remove from the list
nr-cm-words-none = Both lists are empty.
nr-cm-word-added = Phrase saved.
nr-cm-word-removed = Phrase removed from the list.
nr-cm-word-required = Type a phrase with at least one letter or digit.
nr-cm-word-action-invalid = Choose what the phrase does.
# $max (Number) — the longest phrase accepted, in characters.
nr-cm-word-too-long = The phrase is too long: { $max } characters at most.

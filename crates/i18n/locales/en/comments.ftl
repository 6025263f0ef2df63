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

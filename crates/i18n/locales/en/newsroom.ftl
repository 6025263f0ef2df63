# The newsroom: editors' pages, sign-in, form messages.

nr-newsroom = Newsroom
nr-articles = Articles
nr-audit = Audit log
nr-view-site = View site
nr-menu = Menu
nr-end-other-sessions = Sign out other sessions
nr-logout = Sign out
nr-login-title = Sign in to the newsroom
nr-email = E-mail
nr-password = Password
nr-login = Sign in
nr-login-failed = Wrong e-mail address or password.
nr-login-throttled = Too many sign-in attempts. Wait a little and try again.
nr-session-expired = Your session has ended. Sign in again to continue.
nr-sessions-ended = Your sessions on other devices have ended.
nr-new-article = New article
nr-edit-article = Edit article
nr-status = Status
nr-all = All
nr-section = Section
nr-search = Search
nr-filter = Filter
nr-title = Title
nr-owner = Editor
nr-date = Date
nr-no-articles = No articles here yet.
nr-previous = Previous
nr-next = Next
nr-account = Account
nr-action = Action
nr-target = Target
nr-address = Address
nr-revisions = Revisions
nr-back-to-editor = Back to the editor
nr-revision = Revision
nr-current-revision = This is the current revision.
nr-restore = Restore this revision
nr-before = Before
nr-after = After
nr-fix-errors = The article was not saved. Fix the fields marked below; what you typed is still in the form.
nr-conflict-title = Someone else saved this article after you opened it
nr-conflict-body = Your changes were not saved, so your colleague's are not lost. Both versions are shown below.
nr-conflict-how = Your version is still in the form. Saving it now replaces your colleague's; or copy what you need and reopen the article.
nr-their-version = Saved version
nr-your-version = Your version
nr-lead = Lead
nr-body = Body
nr-body-hint = Markdown: "## " for a sub-heading, "> " for a quotation.
nr-md-heading = Sub-heading
nr-md-bold = Bold
nr-md-italic = Italic
nr-md-quote = Quote
nr-md-list = List
nr-md-link = Link
nr-preview = Preview
nr-publish-at = Publication time
nr-time-zone = Time zone
nr-slug = Slug
nr-tags = Tags
nr-tags-hint = Separate tags with commas.
nr-byline = By-line
nr-source = Source
nr-source-name = Source name
nr-source-url = Source URL
nr-cover = Cover image
nr-cover-url = Image URL
nr-cover-alt = Alternative text
nr-cover-credit = Credit
nr-save = Save
nr-saved = Article saved.
nr-restored = Revision restored and saved as a new revision.
nr-view-on-site = View on the site
nr-autosaved = Draft kept on this device
nr-role-admin = Admin
nr-role-editor = Editor
nr-role-author = Author
nr-role-moderator = Moderator
nr-status-draft = Draft
nr-status-scheduled = Scheduled
nr-status-published = Published
nr-status-unpublished = Unpublished
nr-err-title-required = A title is required.
nr-err-title-too-long = The title is longer than { $max } characters.
nr-err-lead-too-long = The lead is longer than { $max } characters.
nr-err-body-too-long = The body is longer than { $max } characters.
nr-err-slug-invalid = The slug is empty or has characters a URL cannot hold (space, /, ? or #).
nr-err-slug-too-long = The slug is longer than { $max } characters.
nr-err-slug-taken = Another article uses this slug. Choose another.
nr-err-control-characters = This field contains control characters.
nr-err-name-required = This field is empty.
nr-err-name-too-long = This field is longer than { $max } characters.
nr-err-too-many-tags = At most { $max } tags.
nr-err-source-url-invalid = The source URL must start with https:// or http://.
nr-err-source-name-required = Give the source's name with its URL.
nr-err-cover-url-invalid = The image URL must start with https:// or be a path on this site.
nr-err-cover-alt-required = Describe the image for readers who cannot see it.
nr-err-schedule-time-required = Set a publication time for a scheduled article.
nr-err-status-invalid = Choose a status from the list.
nr-err-status-not-allowed = Authors save drafts; an editor publishes them.
nr-err-publish-time-invalid = The publication time is not understood. Use 2026-11-26T10:00.
nr-err-publish-time-past = The scheduled time has passed. Choose a later time, or choose "Published" to publish now.
nr-err-publish-time-future = The publication time is in the future: choose the status "Scheduled".
nr-err-publish-time-far =
    Articles cannot be scheduled more than { PLURAL($n) ->
        [one] one day
       *[other] { $n } days
    } ahead.
forbidden-body = Your account may not do this, or the form has expired. Reload the page and try again.
conflict-body = This content changed since you opened it. Reload the page.
nr-upload = Upload an image
nr-err-media-not-an-image = This file is not a JPEG, PNG, WebP or GIF image.
nr-err-media-svg = SVG images are refused: they can carry scripts that would run on the site. Use PNG.
nr-err-media-too-many-pixels = The image is too large (50 megapixels at most, 12,000 pixels a side).
nr-err-media-broken = The image cannot be read; the file may be damaged.
nr-err-media-too-large = The file is too large.

## Sections and tags

nr-sections = Sections
nr-sections-total =
    { PLURAL($n) ->
        [zero] no sections
        [one] one section
       *[other] { $n } sections
    }
nr-tags-total =
    { PLURAL($n) ->
        [zero] no tags
        [one] one tag
       *[other] { $n } tags
    }
nr-new-section = New section
nr-new-tag = New tag
nr-no-sections = No sections yet.
nr-no-tags = No tags here.
nr-tax-fix-errors = Not saved. Correct the field marked below; what you typed is still in the form.
nr-tax-name = Name
nr-tax-slug-hint = Leave empty to make it from the name by the Arabic slug rules.
nr-tax-create = Add
nr-nav-order = Order in the site's menu
nr-move-up = Move up
nr-move-down = Move down
nr-tax-created = Added; the site shows it now.
nr-tax-saved = Saved; the site shows the change now.
nr-tax-deleted = Deleted.
nr-tax-merged = Tag merged; its articles now carry this tag.
nr-tax-moved = Order changed; the site's menu follows it now.
nr-tax-moved-articles = Section deleted; its articles moved to the section you chose.
nr-edit-section = Edit the section “{ $name }”
nr-edit-tag = Edit the tag “{ $name }”
nr-back-to-sections = Back to the sections
nr-back-to-tags = Back to the tags
nr-delete-section = Delete the section
nr-delete-tag = Delete the tag
nr-delete = Delete
nr-tax-suggested-slug = Slug suggested by the name
nr-view-page-on-site = View its page on the site
nr-tax-slug-warning = Changing the slug changes the address of its page on the site.
nr-merge-tag = Merge into another tag
nr-merge-into = Name of the tag to merge into
nr-merge-hint = This tag's articles get the chosen tag, then this tag is deleted.
nr-merge = Merge
nr-move-articles-to = Move its articles to the section
nr-err-section-name-taken = Another section has this name.
nr-err-tag-name-taken = Another tag has this name.
nr-err-section-slug-taken = Another section uses this slug. Choose another.
nr-err-tag-slug-taken = Another tag uses this slug. Choose another.
nr-err-section-has-articles =
    This section holds { PLURAL($n) ->
        [one] one article
       *[other] { $n } articles
    }; choose a section to move them to before deleting it.
nr-err-tag-has-articles =
    { PLURAL($n) ->
        [one] One article carries
       *[other] { $n } articles carry
    } this tag; merge it into another tag instead of deleting it.
nr-err-move-target = The chosen section does not exist. Choose one from the list.
nr-err-merge-unknown = There is no tag with this name.
nr-err-merge-same = A tag cannot be merged into itself.

## Site settings

nr-settings = Site settings
nr-settings-fix-errors = The settings were not saved. Correct the fields marked below; what you typed is still in the form.
nr-settings-from-config = These values come from the configuration file. Saving this page makes its values the ones that apply.
nr-settings-saved-by = { $name } saved these settings on { $date }; they take precedence over the configuration file.
nr-settings-identity = The site
nr-site-name = Site name
nr-logo = Logo
nr-logo-hint = A JPEG, PNG or WebP image shown in the site's header instead of the letter mark.
nr-logo-remove = Remove the logo
nr-logo-alt = Logo description, for readers who cannot see it
nr-settings-dates = Digits and dates
nr-digits = Digits
nr-digits-western = Western digits ({ $example })
nr-digits-arabic-indic = Arabic-Indic digits ({ $example })
nr-month-names = Month names
nr-months-egypt = Egypt and the Gulf
nr-months-levant = The Levant and Iraq
nr-months-maghreb = Algeria and Tunisia
nr-months-morocco = Morocco
nr-time-zone-hint = An IANA zone name, such as Asia/Riyadh or Africa/Cairo.
nr-show-hijri = Show the Hijri date beside the Gregorian one
nr-settings-comments = Comments
nr-comment-moderation = Comment moderation
nr-moderation-all = A moderator reviews every comment before it appears
nr-moderation-first-time = A moderator reviews each commenter's first comment only
nr-moderation-none = Comments appear at once unless the anti-spam rules hold them
nr-close-after-days = Close comments this many days after publication
nr-close-after-days-hint = 0: comments never close.
nr-settings-saved = Settings saved; the site uses them now.
nr-settings-reset = Go back to the configuration file's values
nr-settings-reset-hint = Forgets what was saved on this page; the configuration file's values apply again.
nr-settings-reset-done = The configuration file's values apply again.
nr-err-site-name-required = The site needs a name.
nr-err-logo-unknown = This logo is not an image uploaded to this site. Upload the image again.
nr-err-logo-alt-required = Describe the logo for readers who cannot see it.
nr-err-choose-from-list = Choose a value from the list.
nr-err-time-zone-unknown = This is not a known time zone. Write a name such as Asia/Riyadh.
nr-err-close-days = Write a whole number from 0 to { $max }.

## Autosave and the full-page preview

nr-autosaved-server = Draft saved to the server at { $time }
nr-autosave-offer = You have a draft saved automatically at { $time }, newer than this article's last save.
nr-autosave-restore = Restore the autosaved draft
nr-autosave-discard = Discard it
nr-autosave-restored = The autosaved draft was restored. Review it, then save the article.
nr-preview-page = Preview as readers will see it
nr-preview-banner = Preview: this is how the page will look to readers. Nothing here is saved or published yet.
nr-preview-untitled = (untitled)
nr-upload-hint = If the image is not uploaded as soon as you choose it, it is uploaded when you save the article.

-- Readers' comments and what the anti-spam rules remember.
-- Timestamps are Unix seconds. Statuses follow the moderation vocabulary:
-- removed (by staff) and deleted (by the author) both keep the text.

create table comments (
    id integer primary key,
    article_id integer not null references articles (id) on delete cascade,
    parent_id integer references comments (id) on delete cascade,
    author_name text not null,
    body text not null,
    status text not null
        constraint comments_status_known check (status in ('pending', 'approved', 'spam', 'removed', 'deleted')),
    hold_reason text,
    is_staff integer not null default 0,
    email_hash text,
    visitor_hash text not null,
    commenter_key text not null,
    body_fingerprint text not null,
    -- The stems the spam filter learns from, space-separated.
    tokens text not null default '',
    -- Which class the spam filter learnt this comment as, if any.
    trained_as text
        constraint comments_trained_as_known check (trained_as in ('spam', 'ham')),
    created_at integer not null,
    moderated_at integer,
    notified_at integer
);

create index comments_article_status on comments (article_id, status, created_at);
create index comments_status_created on comments (status, created_at desc, id desc);
create index comments_commenter_status on comments (commenter_key, status);
create index comments_commenter_fingerprint on comments (commenter_key, body_fingerprint);

-- Form tokens already used (single use); forgotten once expired.
create table comment_form_tokens (
    token_key text primary key,
    expires_at integer not null
);

create index comment_form_tokens_expires on comment_form_tokens (expires_at);

-- Moderators' word lists, keyed by the normalised phrase.
create table comment_words (
    normalized text primary key,
    phrase text not null,
    action text not null
        constraint comment_words_action_known check (action in ('hold', 'spam'))
);

-- The naive Bayes model: per stem, documents of each class containing it.
create table comment_bayes_tokens (
    token text primary key,
    spam_count integer not null default 0,
    ham_count integer not null default 0
);

create table comment_bayes_classes (
    class text primary key
        constraint comment_bayes_classes_class_known check (class in ('spam', 'ham')),
    document_count integer not null default 0
);

insert into comment_bayes_classes (class, document_count) values ('spam', 0), ('ham', 0);

-- Settings the comment feature generates itself (the signing secret).
create table comment_settings (
    name text primary key,
    value text not null
);

-- Articles whose comments an editor closed.
create table article_comment_settings (
    article_id integer primary key references articles (id) on delete cascade,
    closed integer not null default 0
);

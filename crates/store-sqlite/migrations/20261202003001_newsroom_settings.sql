-- The rest of the newsroom: site settings edited by admins, and the
-- editor's server-side autosave slots. Sections and tags need no new
-- columns (sections.position is the navigation order).

-- The site settings page, once an admin has saved it. One row at most:
-- while there is none, the configuration file's values apply. Values are
-- checked in Rust before they are written; the checks here only keep the
-- row single.
create table site_settings (
    id integer primary key
        constraint site_settings_single_row check (id = 1),
    site_name text not null,
    logo_url text,
    logo_alt text not null default '',
    digits text not null,
    month_names text not null,
    time_zone text not null,
    show_hijri integer not null,
    comment_moderation text not null,
    comments_close_after_days integer not null,
    updated_at integer not null,
    updated_by integer references users (id)
);

-- What an editor typed, saved in the background: one slot per account and
-- article (article_id null: a new article not saved yet). Not a revision,
-- never published; the editor offers it back when it is newer than the
-- article's last save.
create table article_autosaves (
    user_id integer not null references users (id) on delete cascade,
    article_id integer references articles (id) on delete cascade,
    base_revision integer not null,
    fields text not null,
    saved_at integer not null
);

create unique index article_autosaves_slot on article_autosaves (user_id, coalesce(article_id, 0));

-- The newsroom: accounts, sessions, login throttling, the audit log, article
-- owners, optimistic concurrency and revisions.

create table users (
    id integer primary key,
    email text not null constraint users_email_unique unique,
    name text not null,
    role text not null
        constraint users_role_known check (role in ('admin', 'editor', 'author', 'moderator')),
    password_hash text not null,
    disabled integer not null default 0,
    lang text not null default 'ar',
    created_at integer not null
);

create table sessions (
    token_hash text primary key,
    user_id integer not null references users (id) on delete cascade,
    csrf_token text not null,
    created_at integer not null,
    last_seen_at integer not null
);

create index sessions_user on sessions (user_id);

create table login_throttles (
    throttle_key text primary key,
    failures integer not null,
    last_failure_at integer not null
);

create table audit_log (
    id integer primary key,
    at integer not null,
    user_id integer references users (id),
    action text not null,
    target text not null default '',
    address text not null default ''
);

create index audit_log_at on audit_log (at desc, id desc);

alter table articles add column owner_id integer references users (id);
alter table articles add column revision integer not null default 1;

create index articles_scheduled on articles (status, published_at);
create index articles_owner on articles (owner_id, updated_at desc);

create table article_revisions (
    article_id integer not null references articles (id) on delete cascade,
    revision integer not null,
    title text not null,
    lead text not null,
    body text not null,
    slug text not null,
    status text not null,
    editor_id integer references users (id),
    created_at integer not null,
    constraint article_revisions_primary_key primary key (article_id, revision)
);

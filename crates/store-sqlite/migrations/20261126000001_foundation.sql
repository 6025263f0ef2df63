-- The reading site: articles and the taxonomy they hang from.
-- Timestamps are Unix seconds (UTC); the same stamp exists in the PostgreSQL backend.

create table sections (
    id integer primary key,
    slug text not null constraint sections_slug_unique unique,
    name text not null constraint sections_name_unique unique,
    position integer not null default 0
);

create table authors (
    id integer primary key,
    slug text not null constraint authors_slug_unique unique,
    name text not null constraint authors_name_unique unique,
    bio text not null default ''
);

create table tags (
    id integer primary key,
    slug text not null constraint tags_slug_unique unique,
    name text not null constraint tags_name_unique unique
);

create table articles (
    id integer primary key,
    slug text not null,
    title text not null,
    lead text not null default '',
    body text not null default '',
    section_id integer references sections (id),
    author_id integer references authors (id),
    source_name text,
    source_url text,
    status text not null
        constraint articles_status_known check (status in ('draft', 'scheduled', 'published', 'unpublished')),
    published_at integer,
    created_at integer not null,
    updated_at integer not null,
    cover_url text,
    cover_alt text,
    cover_credit text
);

create index articles_status_published_at on articles (status, published_at desc, id desc);
create index articles_section_published_at on articles (section_id, status, published_at desc, id desc);
create index articles_author_published_at on articles (author_id, status, published_at desc, id desc);

create table article_tags (
    article_id integer not null references articles (id) on delete cascade,
    tag_id integer not null references tags (id),
    position integer not null default 0,
    primary key (article_id, tag_id)
);

create index article_tags_tag on article_tags (tag_id, article_id);

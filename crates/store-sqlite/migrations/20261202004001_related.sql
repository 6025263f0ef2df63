-- «اقرأ أيضا» kept in the database: the related lists the search indexer
-- computes (so a restart computes nothing), the near-duplicates it finds on
-- the way, the links editors pin, and pairs editors marked "not a duplicate".
-- Lists are read joined with `articles`, so a related article that is
-- unpublished or deleted is never shown, whatever the list says.

create table related_articles (
    article_id integer not null references articles (id) on delete cascade,
    position integer not null,
    related_id integer not null references articles (id) on delete cascade,
    score real not null,
    computed_at integer not null,
    constraint related_articles_primary_key primary key (article_id, position)
);

create index related_articles_related on related_articles (related_id);

-- What one article's computation found: `duplicate_id` is a near-copy of
-- `article_id` (one row per direction found; the newsroom view pairs them).
create table article_duplicates (
    article_id integer not null references articles (id) on delete cascade,
    duplicate_id integer not null references articles (id) on delete cascade,
    similarity real not null,
    found_at integer not null,
    constraint article_duplicates_primary_key primary key (article_id, duplicate_id)
);

create index article_duplicates_duplicate on article_duplicates (duplicate_id);

create table duplicate_dismissals (
    first_id integer not null references articles (id) on delete cascade,
    second_id integer not null references articles (id) on delete cascade,
    dismissed_by integer references users (id) on delete set null,
    dismissed_at integer not null,
    constraint duplicate_dismissals_primary_key primary key (first_id, second_id),
    constraint duplicate_dismissals_ordered check (first_id < second_id)
);

create table article_pins (
    article_id integer not null references articles (id) on delete cascade,
    position integer not null,
    pinned_id integer not null references articles (id) on delete cascade,
    constraint article_pins_primary_key primary key (article_id, position),
    constraint article_pins_once unique (article_id, pinned_id)
);

create index article_pins_pinned on article_pins (pinned_id);

-- The slugs sections and tags no longer have, and which item each now
-- leads to: /section/OLD and /tag/OLD answer 301 to the item's address
-- instead of 404. A slug is here at most once (the latest item to give it
-- up); an item that takes a slug again, or a new one created with it, wins
-- over the redirect and the row goes. A section or tag merged or deleted
-- with its articles moved hands its slugs on to the one that took them;
-- one deleted outright takes its slugs along (the store deletes them, the
-- cascade only backs it up).
create table former_section_slugs (
    slug text primary key,
    section_id integer not null references sections (id) on delete cascade,
    retired_at integer not null
);

create index former_section_slugs_section on former_section_slugs (section_id);

create table former_tag_slugs (
    slug text primary key,
    tag_id integer not null references tags (id) on delete cascade,
    retired_at integer not null
);

create index former_tag_slugs_tag on former_tag_slugs (tag_id);

-- Visitor statistics. Every count is written as an additive upsert, so
-- several servers can flush into one database. No foreign keys to articles:
-- counts of an article deleted later are harmless and must not fail a flush.

-- One random salt per site-local day, shared by every server; deleted after
-- the next day, so no salt is older than 48 hours.
create table stats_salts (
    day integer primary key,
    salt blob not null,
    created_at integer not null
);

-- Raw data: views per article per UTC hour ("most read" windows). Pruned
-- after stats.retention_days.
create table stats_article_hours (
    article_id integer not null,
    hour integer not null,
    views integer not null,
    constraint stats_article_hours_primary_key primary key (article_id, hour)
);
create index stats_article_hours_by_hour on stats_article_hours (hour, article_id, views);

-- Daily roll-ups, kept for good.
create table stats_article_days (
    article_id integer not null,
    day integer not null,
    views integer not null,
    constraint stats_article_days_primary_key primary key (article_id, day)
);
create index stats_article_days_by_day on stats_article_days (day, article_id, views);

create table stats_article_totals (
    article_id integer primary key,
    views integer not null
);

create table stats_site_days (
    day integer primary key,
    views integer not null,
    visitors integer not null
);

-- The day's distinct visitor ids (keyed hashes), to count each visitor once
-- per day across flushes and servers. Deleted with the day's salt.
create table stats_visitors (
    day integer not null,
    visitor blob not null,
    constraint stats_visitors_primary_key primary key (day, visitor)
);

-- Views per day by referrer group and site, browser, system, device class.
create table stats_dimension_days (
    day integer not null,
    dimension text not null,
    value text not null,
    views integer not null,
    constraint stats_dimension_days_primary_key primary key (day, dimension, value)
);

-- Hits answered but not counted (bots, prefetches, opt-outs …) per reason.
create table stats_filtered_days (
    day integer not null,
    reason text not null,
    hits integer not null,
    constraint stats_filtered_days_primary_key primary key (day, reason)
);

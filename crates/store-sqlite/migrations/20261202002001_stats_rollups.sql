-- Monthly roll-ups and per-article referrers.
--
-- A 12-month report summed one row per article and day (≈ 730 000 rows for
-- 2 000 articles): over a second on a 10-million-view history. The flush now
-- also adds each count to its calendar month, so a long range reads its
-- whole months here and only its first and last partial months from the
-- daily tables. Like every statistics table, rows are additive upserts.
--
-- `month` counts calendar months of the site-local day from January 1970
-- (0 = 1970-01, 683 = 2026-12).

create table stats_article_months (
    article_id integer not null,
    month integer not null,
    views integer not null,
    constraint stats_article_months_primary_key primary key (article_id, month)
) without rowid;
create index stats_article_months_by_month on stats_article_months (month, article_id, views);

create table stats_dimension_months (
    month integer not null,
    dimension text not null,
    value text not null,
    views integer not null,
    constraint stats_dimension_months_primary_key primary key (month, dimension, value)
) without rowid;

-- Where one article's readers came from, per day: the referrer group and
-- site (`dimension` is `referrer_group` or `referrer_site`). Kept for good,
-- like the other daily roll-ups. Views counted before this migration have
-- no per-article referrer and cannot be given one.
create table stats_article_sources (
    article_id integer not null,
    day integer not null,
    dimension text not null,
    value text not null,
    views integer not null,
    constraint stats_article_sources_primary_key primary key (article_id, day, dimension, value)
) without rowid;

-- Backfill the months from the daily roll-ups already stored. A stats day
-- is days since 1970-01-01, so `day * 86400` seconds is that date at UTC
-- midnight, whatever the site's time zone.
insert into stats_article_months (article_id, month, views)
select article_id,
       (cast(strftime('%Y', day * 86400, 'unixepoch') as integer) - 1970) * 12
         + cast(strftime('%m', day * 86400, 'unixepoch') as integer) - 1 as month,
       sum(views)
from stats_article_days
group by article_id, month;

insert into stats_dimension_months (month, dimension, value, views)
select (cast(strftime('%Y', day * 86400, 'unixepoch') as integer) - 1970) * 12
         + cast(strftime('%m', day * 86400, 'unixepoch') as integer) - 1 as month,
       dimension, value, sum(views)
from stats_dimension_days
group by month, dimension, value;

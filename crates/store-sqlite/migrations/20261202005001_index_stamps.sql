-- When something the search index reads about an article changed outside
-- the article's own row: its section or one of its tags renamed, re-slugged,
-- merged or deleted (the articles moved). The indexer follows the latest of
-- updated_at, created_at and this; updated_at stays what readers see as the
-- article's last update. Null: never.
alter table articles add column index_changed_at integer;

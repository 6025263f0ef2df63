-- Every editor page carries a random token, sent with its autosaves and its
-- save. The slot remembers the token of the page that last wrote it; a save
-- spends its page's token, empties the slot if that page (or no page) wrote
-- it, and from then on an autosave with the spent token is refused: one
-- still in flight when the editor saved can no longer leave a stale copy
-- behind. Spent tokens are kept two days, far longer than any request.
alter table article_autosaves add column token text;

create table spent_autosave_tokens (
    user_id integer not null references users (id) on delete cascade,
    token text not null,
    spent_at integer not null,
    primary key (user_id, token)
);

create index spent_autosave_tokens_spent on spent_autosave_tokens (spent_at);

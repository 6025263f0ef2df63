-- What the newsroom's moderation queue and readers' own deletions need.
--
-- delete_key_hash: SHA-256 (hex) of the secret deletion key the writer's
-- browser was given at submission; only the writer can delete (status
-- 'deleted'). Null for comments that have none (staff replies, older ones).
-- spam_score: the naive Bayes spam probability (0..1) when the filter had
-- learnt enough to give one, shown to moderators beside the hold reason.

alter table comments add column delete_key_hash text;
alter table comments add column spam_score real;

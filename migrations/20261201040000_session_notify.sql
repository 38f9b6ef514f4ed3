-- Every replica caches session records for a short while (todo_store::session_cache). When a session row changes or
-- goes (log-out, sign out everywhere, a password change, an account deletion's cascade, the expiry sweep), its id is
-- sent on channel `todo_sessions`, at commit, to every replica listening: each drops it from its cache.
CREATE FUNCTION sessions_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('todo_sessions', OLD.id);
    RETURN NULL;
END
$$;

CREATE TRIGGER sessions_notify AFTER UPDATE OR DELETE ON sessions
    FOR EACH ROW EXECUTE FUNCTION sessions_notify();

using Studio.Auth.Stores.Durable;

namespace Studio.Auth.PostgreSql;

/// <summary>
/// The schema, as ordered steps (<c>{schema}</c> is the quoted schema name, <c>{channel}</c> the
/// revocation notification channel). Append a step to change it; never edit one that has shipped.
/// </summary>
internal static class PostgreSqlMigrations
{
    private static readonly Migration[] Steps =
    [
        new(1, "users, login states, revocations with notifications", """
            CREATE TABLE IF NOT EXISTS {schema}.users (
                provider        text        NOT NULL,
                id              text        NOT NULL,
                name            text        NOT NULL,
                email           text        NULL,
                avatar_url      text        NULL,
                roles           text[]      NOT NULL,
                created_at      timestamptz NOT NULL,
                last_sign_in_at timestamptz NOT NULL,
                disabled        boolean     NOT NULL DEFAULT false,
                PRIMARY KEY (provider, id)
            );

            CREATE TABLE IF NOT EXISTS {schema}.login_states (
                key                  text        NOT NULL PRIMARY KEY,
                provider             text        NOT NULL,
                code_verifier        text        NULL,
                browser_binding_hash text        NOT NULL,
                return_path          text        NOT NULL,
                expires_at           timestamptz NOT NULL
            );
            CREATE INDEX IF NOT EXISTS login_states_expires_at ON {schema}.login_states (expires_at);

            -- Append-only. recorded_at is the database's clock, shared by every instance, so the
            -- catch-up poll can ask for "rows since" without trusting instance clocks.
            CREATE TABLE IF NOT EXISTS {schema}.revocations (
                seq           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                token_id      text        NULL,
                provider      text        NULL,
                user_id       text        NULL,
                issued_before timestamptz NULL,
                keep_until    timestamptz NOT NULL,
                recorded_at   timestamptz NOT NULL DEFAULT clock_timestamp(),
                CHECK ((token_id IS NULL) <> (user_id IS NULL))
            );
            CREATE INDEX IF NOT EXISTS revocations_keep_until ON {schema}.revocations (keep_until);
            CREATE INDEX IF NOT EXISTS revocations_recorded_at ON {schema}.revocations (recorded_at);

            -- Every instance LISTENs on the channel; NOTIFY is delivered at commit. Times travel as
            -- Unix microseconds so no time zone setting can change them.
            CREATE OR REPLACE FUNCTION {schema}.notify_revocation() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                PERFORM pg_notify('{channel}', json_build_object(
                    't', NEW.token_id,
                    'p', NEW.provider,
                    'u', NEW.user_id,
                    'b', (extract(epoch FROM NEW.issued_before) * 1000000)::bigint,
                    'k', (extract(epoch FROM NEW.keep_until) * 1000000)::bigint)::text);
                RETURN NULL;
            END
            $$;
            DROP TRIGGER IF EXISTS revocations_notify ON {schema}.revocations;
            CREATE TRIGGER revocations_notify AFTER INSERT ON {schema}.revocations
                FOR EACH ROW EXECUTE FUNCTION {schema}.notify_revocation();
            """),
    ];

    public static int Latest => Steps[^1].Version;

    /// <summary>The steps with the schema and channel filled in (both validated identifiers).</summary>
    public static IEnumerable<Migration> For(string quotedSchema, string channel) =>
        Steps.Select(m => m with { Sql = m.Sql.Replace("{schema}", quotedSchema, StringComparison.Ordinal).Replace("{channel}", channel, StringComparison.Ordinal) });
}

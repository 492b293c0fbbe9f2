using Studio.Auth.Stores.Durable;

namespace Studio.Auth.Sqlite;

/// <summary>
/// The schema, as ordered steps. Append a step to change it; never edit one that has shipped.
/// Times are Unix milliseconds (UTC); roles are a JSON array of strings.
/// </summary>
internal static class SqliteMigrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "users, login states, revocations", """
            CREATE TABLE IF NOT EXISTS users (
                provider        TEXT    NOT NULL,
                id              TEXT    NOT NULL,
                name            TEXT    NOT NULL,
                email           TEXT    NULL,
                avatar_url      TEXT    NULL,
                roles           TEXT    NOT NULL,
                created_at      INTEGER NOT NULL,
                last_sign_in_at INTEGER NOT NULL,
                disabled        INTEGER NOT NULL DEFAULT 0,
                PRIMARY KEY (provider, id)
            ) WITHOUT ROWID;

            CREATE TABLE IF NOT EXISTS login_states (
                key                  TEXT    NOT NULL PRIMARY KEY,
                provider             TEXT    NOT NULL,
                code_verifier        TEXT    NULL,
                browser_binding_hash TEXT    NOT NULL,
                return_path          TEXT    NOT NULL,
                expires_at           INTEGER NOT NULL
            ) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS login_states_expires_at ON login_states (expires_at);

            -- Append-only; AUTOINCREMENT so a purged sequence number is never reused and other
            -- processes can follow new rows by seq.
            CREATE TABLE IF NOT EXISTS revocations (
                seq           INTEGER PRIMARY KEY AUTOINCREMENT,
                token_id      TEXT    NULL,
                provider      TEXT    NULL,
                user_id       TEXT    NULL,
                issued_before INTEGER NULL,
                keep_until    INTEGER NOT NULL,
                CHECK ((token_id IS NULL) <> (user_id IS NULL))
            );
            CREATE INDEX IF NOT EXISTS revocations_keep_until ON revocations (keep_until);
            """),
    ];

    public static int Latest => All[^1].Version;
}

using System.Data.Common;

namespace Studio.Auth.Stores.Durable;

/// <summary>
/// Users in a durable store. A sign-in is one <c>INSERT ... ON CONFLICT DO UPDATE ... RETURNING</c>:
/// parallel first sign-ins of one identity create one row, on one process or several, and a crash
/// never leaves half a user. SQLite and PostgreSQL run the same statements; only how times and roles
/// are stored differs (<see cref="SqlDialect"/>).
/// </summary>
internal abstract class DurableUserStore : IUserStore
{
    private const string Columns = "provider, id, name, email, avatar_url, roles, created_at, last_sign_in_at, disabled";

    private readonly DurableDatabase _database;
    private readonly SqlDialect _dialect;
    private readonly string _upsert;
    private readonly string _find;
    private readonly string _setDisabled;
    private readonly string _delete;

    protected DurableUserStore(DurableDatabase database)
    {
        _database = database;
        _dialect = database.Dialect;
        var users = database.Table("users");
        _upsert = $"""
            INSERT INTO {users} ({Columns})
            VALUES (@provider, @id, @name, @email, @avatar_url, @roles, @signed_in_at, @signed_in_at, FALSE)
            ON CONFLICT (provider, id) DO UPDATE SET
                name = excluded.name,
                email = excluded.email,
                avatar_url = excluded.avatar_url,
                roles = excluded.roles,
                last_sign_in_at = excluded.last_sign_in_at
            RETURNING created_at, last_sign_in_at, disabled;
            """;
        _find = $"SELECT {Columns} FROM {users} WHERE provider = @provider AND id = @id;";
        _setDisabled = $"UPDATE {users} SET disabled = @disabled WHERE provider = @provider AND id = @id;";
        _delete = $"DELETE FROM {users} WHERE provider = @provider AND id = @id;";
    }

    /// <inheritdoc/>
    public Task<UserRecord> UpsertAsync(StudioUser user, DateTimeOffset signedInAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        DbParameter[] parameters =
        [
            _dialect.Text("provider", user.Provider),
            _dialect.Text("id", user.Id),
            _dialect.Text("name", user.Name),
            _dialect.Text("email", user.Email),
            _dialect.Text("avatar_url", user.AvatarUrl),
            _dialect.Roles("roles", user.Roles),
            _dialect.Time("signed_in_at", signedInAt),
        ];
        return _database.ExecuteReturningAsync(
            _upsert,
            parameters,
            reader => new UserRecord(user, _dialect.ReadTime(reader, 0), _dialect.ReadTime(reader, 1), reader.GetBoolean(2)),
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task<UserRecord?> FindAsync(string provider, string id, CancellationToken cancellationToken = default) =>
        _database.QueryFirstAsync<UserRecord?>(_find, Key(provider, id), ReadUser, cancellationToken);

    /// <inheritdoc/>
    public async Task<bool> SetDisabledAsync(string provider, string id, bool disabled, CancellationToken cancellationToken = default) =>
        await _database.ExecuteAsync(_setDisabled, [.. Key(provider, id), _dialect.Flag("disabled", disabled)], cancellationToken).ConfigureAwait(false) > 0;

    /// <inheritdoc/>
    public async Task<bool> DeleteAsync(string provider, string id, CancellationToken cancellationToken = default) =>
        await _database.ExecuteAsync(_delete, Key(provider, id), cancellationToken).ConfigureAwait(false) > 0;

    private DbParameter[] Key(string provider, string id) => [_dialect.Text("provider", provider), _dialect.Text("id", id)];

    // A row of Columns.
    private UserRecord ReadUser(DbDataReader reader)
    {
        var user = new StudioUser(
            Id: reader.GetString(1),
            Name: reader.GetString(2),
            Email: SqlDialect.ReadText(reader, 3),
            AvatarUrl: SqlDialect.ReadText(reader, 4),
            Provider: reader.GetString(0),
            Roles: _dialect.ReadRoles(reader, 5));
        return new UserRecord(user, _dialect.ReadTime(reader, 6), _dialect.ReadTime(reader, 7), reader.GetBoolean(8));
    }
}

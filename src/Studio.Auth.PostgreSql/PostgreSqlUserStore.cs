using Npgsql;
using Studio.Auth.Stores;
using static Studio.Auth.PostgreSql.PostgreSqlDatabase;

namespace Studio.Auth.PostgreSql;

/// <summary>
/// Users in PostgreSQL. A sign-in is one <c>INSERT ... ON CONFLICT DO UPDATE ... RETURNING</c>, atomic
/// under concurrency on any number of instances: parallel first sign-ins of one identity create one row.
/// </summary>
internal sealed class PostgreSqlUserStore : IUserStore
{
    private readonly PostgreSqlDatabase _database;
    private readonly string _upsert;
    private readonly string _find;
    private readonly string _setDisabled;
    private readonly string _delete;

    public PostgreSqlUserStore(PostgreSqlDatabase database)
    {
        _database = database;
        var users = database.Schema + ".users";
        _upsert = $"""
            INSERT INTO {users} AS u (provider, id, name, email, avatar_url, roles, created_at, last_sign_in_at, disabled)
            VALUES (@provider, @id, @name, @email, @avatar_url, @roles, @signed_in_at, @signed_in_at, false)
            ON CONFLICT (provider, id) DO UPDATE SET
                name = EXCLUDED.name,
                email = EXCLUDED.email,
                avatar_url = EXCLUDED.avatar_url,
                roles = EXCLUDED.roles,
                last_sign_in_at = EXCLUDED.last_sign_in_at
            RETURNING created_at, last_sign_in_at, disabled;
            """;
        _find = $"SELECT provider, id, name, email, avatar_url, roles, created_at, last_sign_in_at, disabled FROM {users} WHERE provider = @provider AND id = @id;";
        _setDisabled = $"UPDATE {users} SET disabled = @disabled WHERE provider = @provider AND id = @id;";
        _delete = $"DELETE FROM {users} WHERE provider = @provider AND id = @id;";
    }

    public Task<UserRecord> UpsertAsync(StudioUser user, DateTimeOffset signedInAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        return _database.ExecuteAsync(async (connection, ct) =>
        {
            using var command = new NpgsqlCommand(_upsert, connection);
            command.Parameters.Add(Parameter("provider", user.Provider));
            command.Parameters.Add(Parameter("id", user.Id));
            command.Parameters.Add(Parameter("name", user.Name));
            command.Parameters.Add(NullableText("email", user.Email));
            command.Parameters.Add(NullableText("avatar_url", user.AvatarUrl));
            command.Parameters.Add(Parameter("roles", user.Roles.ToArray()));
            command.Parameters.Add(Parameter("signed_in_at", signedInAt));
            using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await reader.ReadAsync(ct).ConfigureAwait(false);
            return new UserRecord(user, reader.GetFieldValue<DateTimeOffset>(0), reader.GetFieldValue<DateTimeOffset>(1), reader.GetBoolean(2));
        }, cancellationToken);
    }

    public Task<UserRecord?> FindAsync(string provider, string id, CancellationToken cancellationToken = default) =>
        _database.ExecuteAsync(async (connection, ct) =>
        {
            using var command = new NpgsqlCommand(_find, connection);
            command.Parameters.Add(Parameter("provider", provider));
            command.Parameters.Add(Parameter("id", id));
            using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            if (!await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                return null;
            }

            var user = new StudioUser(
                Id: reader.GetString(1),
                Name: reader.GetString(2),
                Email: reader.IsDBNull(3) ? null : reader.GetString(3),
                AvatarUrl: reader.IsDBNull(4) ? null : reader.GetString(4),
                Provider: reader.GetString(0),
                Roles: reader.GetFieldValue<string[]>(5));
            return new UserRecord(user, reader.GetFieldValue<DateTimeOffset>(6), reader.GetFieldValue<DateTimeOffset>(7), reader.GetBoolean(8));
        }, cancellationToken);

    public Task<bool> SetDisabledAsync(string provider, string id, bool disabled, CancellationToken cancellationToken = default) =>
        _database.ExecuteAsync(async (connection, ct) =>
        {
            using var command = new NpgsqlCommand(_setDisabled, connection);
            command.Parameters.Add(Parameter("disabled", disabled));
            command.Parameters.Add(Parameter("provider", provider));
            command.Parameters.Add(Parameter("id", id));
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) > 0;
        }, cancellationToken);

    public Task<bool> DeleteAsync(string provider, string id, CancellationToken cancellationToken = default) =>
        _database.ExecuteAsync(async (connection, ct) =>
        {
            using var command = new NpgsqlCommand(_delete, connection);
            command.Parameters.Add(Parameter("provider", provider));
            command.Parameters.Add(Parameter("id", id));
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) > 0;
        }, cancellationToken);
}

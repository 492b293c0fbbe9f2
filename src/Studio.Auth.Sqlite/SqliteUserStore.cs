using System.Text.Json;
using Microsoft.Data.Sqlite;
using Studio.Auth.Stores;

namespace Studio.Auth.Sqlite;

/// <summary>
/// Users in the SQLite file. A sign-in is one <c>INSERT ... ON CONFLICT DO UPDATE ... RETURNING</c>:
/// parallel first sign-ins of one identity create one row, and a crash never leaves half a user.
/// </summary>
internal sealed class SqliteUserStore(SqliteDatabase database) : IUserStore
{
    private const string Columns = "provider, id, name, email, avatar_url, roles, created_at, last_sign_in_at, disabled";

    public Task<UserRecord> UpsertAsync(StudioUser user, DateTimeOffset signedInAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        return database.WriteAsync(async (connection, ct) =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO users (provider, id, name, email, avatar_url, roles, created_at, last_sign_in_at, disabled)
                VALUES ($provider, $id, $name, $email, $avatar_url, $roles, $signed_in_at, $signed_in_at, 0)
                ON CONFLICT (provider, id) DO UPDATE SET
                    name = excluded.name,
                    email = excluded.email,
                    avatar_url = excluded.avatar_url,
                    roles = excluded.roles,
                    last_sign_in_at = excluded.last_sign_in_at
                RETURNING created_at, last_sign_in_at, disabled;
                """;
            command.Parameters.AddWithValue("$provider", user.Provider);
            command.Parameters.AddWithValue("$id", user.Id);
            command.Parameters.AddWithValue("$name", user.Name);
            command.Parameters.AddWithValue("$email", (object?)user.Email ?? DBNull.Value);
            command.Parameters.AddWithValue("$avatar_url", (object?)user.AvatarUrl ?? DBNull.Value);
            command.Parameters.AddWithValue("$roles", JsonSerializer.Serialize(user.Roles));
            command.Parameters.AddWithValue("$signed_in_at", SqliteDatabase.ToUnixMs(signedInAt));
            using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await reader.ReadAsync(ct).ConfigureAwait(false);
            return new UserRecord(user, SqliteDatabase.FromUnixMs(reader.GetInt64(0)), SqliteDatabase.FromUnixMs(reader.GetInt64(1)), reader.GetBoolean(2));
        }, cancellationToken);
    }

    public Task<UserRecord?> FindAsync(string provider, string id, CancellationToken cancellationToken = default) =>
        database.ReadAsync(async (connection, ct) =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT {Columns} FROM users WHERE provider = $provider AND id = $id;";
            command.Parameters.AddWithValue("$provider", provider);
            command.Parameters.AddWithValue("$id", id);
            using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            return await reader.ReadAsync(ct).ConfigureAwait(false) ? Read(reader) : null;
        }, cancellationToken);

    public Task<bool> SetDisabledAsync(string provider, string id, bool disabled, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, ct) =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE users SET disabled = $disabled WHERE provider = $provider AND id = $id;";
            command.Parameters.AddWithValue("$disabled", disabled);
            command.Parameters.AddWithValue("$provider", provider);
            command.Parameters.AddWithValue("$id", id);
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) > 0;
        }, cancellationToken);

    public Task<bool> DeleteAsync(string provider, string id, CancellationToken cancellationToken = default) =>
        database.WriteAsync(async (connection, ct) =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM users WHERE provider = $provider AND id = $id;";
            command.Parameters.AddWithValue("$provider", provider);
            command.Parameters.AddWithValue("$id", id);
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) > 0;
        }, cancellationToken);

    private static UserRecord Read(SqliteDataReader reader)
    {
        var user = new StudioUser(
            Id: reader.GetString(1),
            Name: reader.GetString(2),
            Email: reader.IsDBNull(3) ? null : reader.GetString(3),
            AvatarUrl: reader.IsDBNull(4) ? null : reader.GetString(4),
            Provider: reader.GetString(0),
            Roles: JsonSerializer.Deserialize<string[]>(reader.GetString(5)) ?? []);
        return new UserRecord(user, SqliteDatabase.FromUnixMs(reader.GetInt64(6)), SqliteDatabase.FromUnixMs(reader.GetInt64(7)), reader.GetBoolean(8));
    }
}

using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Studio.Auth.Stores.Durable;

namespace Studio.Auth.Sqlite;

/// <summary>
/// Values as the SQLite file keeps them: times as Unix milliseconds (UTC), roles as a JSON array of
/// strings, booleans as 0 or 1.
/// </summary>
internal sealed class SqliteDialect : SqlDialect
{
    private SqliteDialect()
    {
    }

    public static SqliteDialect Instance { get; } = new();

    public override DbParameter Text(string name, string? value) => Parameter(name, value);

    public override DbParameter Time(string name, DateTimeOffset? value) => Parameter(name, value?.ToUnixTimeMilliseconds());

    public override DbParameter Flag(string name, bool value) => Parameter(name, value);

    public override DbParameter Roles(string name, IReadOnlyList<string> roles) => Parameter(name, JsonSerializer.Serialize(roles));

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(ordinal));

    public override IReadOnlyList<string> ReadRoles(DbDataReader reader, int ordinal) =>
        JsonSerializer.Deserialize<string[]>(reader.GetString(ordinal)) ?? [];

    /// <summary>A parameter for <c>@<paramref name="name"/></c> in the SQL; null is SQL NULL.</summary>
    public static SqliteParameter Parameter(string name, object? value) => new("@" + name, value ?? DBNull.Value);
}

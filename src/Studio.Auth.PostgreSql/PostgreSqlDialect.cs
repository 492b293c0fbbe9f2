using System.Data.Common;
using Npgsql;
using NpgsqlTypes;
using Studio.Auth.Stores.Durable;

namespace Studio.Auth.PostgreSql;

/// <summary>
/// Values as PostgreSQL keeps them: <c>timestamptz</c> (sent in UTC, the only offset Npgsql writes),
/// <c>text[]</c> roles, <c>boolean</c>. Parameters are typed, so a NULL has a type too.
/// </summary>
internal sealed class PostgreSqlDialect : SqlDialect
{
    private PostgreSqlDialect()
    {
    }

    public static PostgreSqlDialect Instance { get; } = new();

    public override DbParameter Text(string name, string? value) => new NpgsqlParameter<string>(name, NpgsqlDbType.Text) { TypedValue = value! };

    public override DbParameter Time(string name, DateTimeOffset? value) => value is { } time
        ? new NpgsqlParameter<DateTimeOffset>(name, NpgsqlDbType.TimestampTz) { TypedValue = time.ToUniversalTime() }
        : new NpgsqlParameter(name, NpgsqlDbType.TimestampTz) { Value = DBNull.Value };

    public override DbParameter Flag(string name, bool value) => new NpgsqlParameter<bool>(name, value);

    public override DbParameter Roles(string name, IReadOnlyList<string> roles) => new NpgsqlParameter<string[]>(name, roles.ToArray());

    public override DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    public override IReadOnlyList<string> ReadRoles(DbDataReader reader, int ordinal) => reader.GetFieldValue<string[]>(ordinal);
}

using System.Data.Common;

namespace Studio.Auth.Stores.Durable;

/// <summary>
/// How one database takes and returns the values the stores keep that its SQL types differently:
/// SQLite has no time or array type (times are Unix milliseconds, roles a JSON array), PostgreSQL
/// has <c>timestamptz</c> and <c>text[]</c>. Everything else about a row (which columns, in which
/// order) is the same in every package, so the stores map rows once, through these.
/// Parameter names are given without a prefix; the dialect adds the one its SQL uses.
/// </summary>
internal abstract class SqlDialect
{
    /// <summary>A text parameter; null is SQL NULL.</summary>
    public abstract DbParameter Text(string name, string? value);

    /// <summary>A point in time; null is SQL NULL.</summary>
    public abstract DbParameter Time(string name, DateTimeOffset? value);

    /// <summary>A boolean.</summary>
    public abstract DbParameter Flag(string name, bool value);

    /// <summary>A user's roles.</summary>
    public abstract DbParameter Roles(string name, IReadOnlyList<string> roles);

    /// <summary>Reads a point in time written by <see cref="Time"/>.</summary>
    public abstract DateTimeOffset ReadTime(DbDataReader reader, int ordinal);

    /// <summary>Reads roles written by <see cref="Roles"/>.</summary>
    public abstract IReadOnlyList<string> ReadRoles(DbDataReader reader, int ordinal);

    /// <summary>Reads a text column that may be NULL.</summary>
    public static string? ReadText(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}

using System.Data.Common;

namespace Studio.Auth.Stores.Durable;

/// <summary>Command creation for store code that works on any ADO.NET provider.</summary>
internal static class DbConnectionExtensions
{
    /// <summary>Creates a command on <paramref name="connection"/> with <paramref name="sql"/> and its parameters.</summary>
    public static DbCommand CreateCommand(this DbConnection connection, string sql, params DbParameter[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddRange(parameters);
        return command;
    }
}

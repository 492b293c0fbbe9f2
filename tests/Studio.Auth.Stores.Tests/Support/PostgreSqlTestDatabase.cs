using Npgsql;

namespace Studio.Auth.Stores.Tests.Support;

/// <summary>
/// The PostgreSQL server the tests use: <c>STUDIO_AUTH_TEST_POSTGRES</c> (an Npgsql connection string;
/// CI exports it). Tests that need it are ignored, with this message, when it is unset.
/// </summary>
public static class PostgreSqlTestDatabase
{
    public const string Variable = "STUDIO_AUTH_TEST_POSTGRES";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(Variable + " is not set.");

    /// <summary>The test server with a pool small enough for several instances within the server's connection limit.</summary>
    public static string Direct => new NpgsqlConnectionStringBuilder(ConnectionString) { MaxPoolSize = 20 }.ConnectionString;

    /// <summary>Ignores the calling test or fixture when no server is configured.</summary>
    public static void RequireServer()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
        {
            Assert.Ignore($"PostgreSQL tests need a server: set {Variable} to an Npgsql connection string (CI's .ci/run does).");
        }
    }

    /// <summary>A schema name no other test uses.</summary>
    public static string NewSchema() => "t_" + Guid.NewGuid().ToString("N")[..20];

    /// <summary>The test connection string pointed at <paramref name="proxy"/> instead of the server.</summary>
    public static string Through(LoopbackProxy proxy)
    {
        ArgumentNullException.ThrowIfNull(proxy);
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Host = "127.0.0.1", Port = proxy.Port, Timeout = 5, MaxPoolSize = 20 }.ConnectionString;
    }

    public static LoopbackProxy NewProxy()
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        return new LoopbackProxy(builder.Host ?? "127.0.0.1", builder.Port);
    }

    public static async Task<object?> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await command.ExecuteScalarAsync();
    }

    public static Task DropSchemaAsync(string schema) => ScalarAsync($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE;");
}

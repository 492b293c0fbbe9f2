using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using NpgsqlTypes;
using Studio.Auth.Stores;

namespace Studio.Auth.Stores.Benchmarks;

/// <summary>
/// Prepares a store holding <c>size</c> users and <c>size</c> revoked tokens. SQLite files
/// (<c>$TMPDIR/studio-auth-bench/sqlite-{size}.db</c>) and PostgreSQL schemas (<c>bench_{size}</c>)
/// are bulk-loaded once and reused by later runs.
/// </summary>
public sealed class Seeding(string store, int size)
{
    public static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    private static readonly string[] UserRole = ["user"];

    private static readonly string Directory = Path.Combine(Path.GetTempPath(), "studio-auth-bench");

    private string SqlitePath => Path.Combine(Directory, $"sqlite-{size}.db");

    private string Schema => $"bench_{size}";

    private static string? PostgresConnectionString =>
        Environment.GetEnvironmentVariable("STUDIO_AUTH_BENCH_POSTGRES") ?? Environment.GetEnvironmentVariable("STUDIO_AUTH_TEST_POSTGRES");

    public static StudioUser User(int n)
    {
        var id = n.ToString(CultureInfo.InvariantCulture);
        return new StudioUser(id, "User " + id, $"user{id}@example.com", "https://avatars.example.com/" + id, "github", ["user"]);
    }

    public static string TokenId(int n) => "revoked-" + n.ToString(CultureInfo.InvariantCulture);

    public static async Task SeedInMemoryAsync(IUserStore users, IRevocationStore revocations, int size)
    {
        for (var n = 0; n < size; n++)
        {
            await users.UpsertAsync(User(n), Now);
            await revocations.RevokeTokenAsync(TokenId(n), Now.AddDays(365));
        }
    }

    /// <summary>Starts a host on the seeded store (the revocation index loads at start, as in production).</summary>
    public async Task<ServiceProvider> StartHostAsync()
    {
        var services = new ServiceCollection().AddLogging();
        var builder = services.AddStudioAuth(o => o.Type = "none");
        switch (store)
        {
            case "Sqlite":
                builder.UseSqliteStores(SqlitePath);
                break;
            case "PostgreSql":
                builder.UsePostgreSqlStores(PostgresConnectionString ?? throw new InvalidOperationException("Set STUDIO_AUTH_BENCH_POSTGRES."), o => o.Schema = Schema);
                break;
        }

        var provider = services.BuildServiceProvider();
        foreach (var hosted in provider.GetServices<IHostedService>())
        {
            await hosted.StartAsync(CancellationToken.None);
        }

        return provider;
    }

    public async Task EnsureSeededAsync()
    {
        if (store == "InMemory")
        {
            return;
        }

        System.IO.Directory.CreateDirectory(Directory);
        await using (var provider = await StartHostAsync())
        {
            // Starting once creates the schema.
        }

        if (store == "Sqlite")
        {
            await SeedSqliteAsync();
        }
        else
        {
            await SeedPostgreSqlAsync();
        }
    }

    private async Task SeedSqliteAsync()
    {
        await using var connection = new SqliteConnection($"Data Source={SqlitePath};Pooling=False");
        await connection.OpenAsync();
        await using (var count = new SqliteCommand("SELECT COUNT(*) FROM users;", connection))
        {
            if ((long)(await count.ExecuteScalarAsync())! >= size)
            {
                return;
            }
        }

        await using var transaction = connection.BeginTransaction();
        await using var users = new SqliteCommand(
            "INSERT OR IGNORE INTO users (provider, id, name, email, avatar_url, roles, created_at, last_sign_in_at, disabled) VALUES ('github', $id, $name, $email, $avatar, '[\"user\"]', $at, $at, 0);",
            connection,
            transaction);
        var id = users.Parameters.Add("$id", SqliteType.Text);
        var name = users.Parameters.Add("$name", SqliteType.Text);
        var email = users.Parameters.Add("$email", SqliteType.Text);
        var avatar = users.Parameters.Add("$avatar", SqliteType.Text);
        users.Parameters.AddWithValue("$at", Now.ToUnixTimeMilliseconds());
        await using var revocations = new SqliteCommand("INSERT INTO revocations (token_id, keep_until) VALUES ($token, $until);", connection, transaction);
        var token = revocations.Parameters.Add("$token", SqliteType.Text);
        revocations.Parameters.AddWithValue("$until", Now.AddDays(365).ToUnixTimeMilliseconds());
        for (var n = 0; n < size; n++)
        {
            var user = User(n);
            id.Value = user.Id;
            name.Value = user.Name;
            email.Value = user.Email;
            avatar.Value = user.AvatarUrl;
            await users.ExecuteNonQueryAsync();
            token.Value = TokenId(n);
            await revocations.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }

    private async Task SeedPostgreSqlAsync()
    {
        await using var connection = new NpgsqlConnection(PostgresConnectionString);
        await connection.OpenAsync();
        await using (var count = new NpgsqlCommand($"SELECT COUNT(*) FROM {Schema}.users;", connection))
        {
            if ((long)(await count.ExecuteScalarAsync())! >= size)
            {
                return;
            }
        }

        await using (var users = await connection.BeginBinaryImportAsync(
            $"COPY {Schema}.users (provider, id, name, email, avatar_url, roles, created_at, last_sign_in_at, disabled) FROM STDIN (FORMAT BINARY)"))
        {
            for (var n = 0; n < size; n++)
            {
                var user = User(n);
                await users.StartRowAsync();
                await users.WriteAsync("github", NpgsqlDbType.Text);
                await users.WriteAsync(user.Id, NpgsqlDbType.Text);
                await users.WriteAsync(user.Name, NpgsqlDbType.Text);
                await users.WriteAsync(user.Email!, NpgsqlDbType.Text);
                await users.WriteAsync(user.AvatarUrl!, NpgsqlDbType.Text);
                await users.WriteAsync(UserRole, NpgsqlDbType.Array | NpgsqlDbType.Text);
                await users.WriteAsync(Now, NpgsqlDbType.TimestampTz);
                await users.WriteAsync(Now, NpgsqlDbType.TimestampTz);
                await users.WriteAsync(false, NpgsqlDbType.Boolean);
            }

            await users.CompleteAsync();
        }

        // Bulk load without a notification per row (nobody listens to a seeding session).
        await using (var disable = new NpgsqlCommand($"ALTER TABLE {Schema}.revocations DISABLE TRIGGER revocations_notify;", connection))
        {
            await disable.ExecuteNonQueryAsync();
        }

        await using (var revocations = await connection.BeginBinaryImportAsync($"COPY {Schema}.revocations (token_id, keep_until) FROM STDIN (FORMAT BINARY)"))
        {
            for (var n = 0; n < size; n++)
            {
                await revocations.StartRowAsync();
                await revocations.WriteAsync(TokenId(n), NpgsqlDbType.Text);
                await revocations.WriteAsync(Now.AddDays(365), NpgsqlDbType.TimestampTz);
            }

            await revocations.CompleteAsync();
        }

        await using var enable = new NpgsqlCommand($"ALTER TABLE {Schema}.revocations ENABLE TRIGGER revocations_notify; ANALYZE {Schema}.users; ANALYZE {Schema}.revocations;", connection);
        await enable.ExecuteNonQueryAsync();
    }
}

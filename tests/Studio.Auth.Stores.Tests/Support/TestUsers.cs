namespace Studio.Auth.Stores.Tests.Support;

public static class TestUsers
{
    public static readonly DateTimeOffset Start = new(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);

    public static StudioUser Octocat(string id = "583231", string name = "The Octocat", string? email = "octocat@github.com") =>
        new(id, name, email, "https://avatars.githubusercontent.com/u/583231", "github", ["user"]);

    public static Stores.LoginState State(string key, DateTimeOffset expiresAt, string? verifier = "verifier-0123456789-0123456789-0123456789-abc") =>
        new(key, "github", verifier, "binding-hash-" + key, "/teams/" + key, expiresAt);
}

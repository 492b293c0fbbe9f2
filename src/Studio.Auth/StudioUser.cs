namespace Studio.Auth;

/// <summary>
/// A signed-in user as the host application sees it. A user is identified by the pair
/// (<see cref="Provider"/>, <see cref="Id"/>): the id is the provider's durable identifier
/// (for GitHub the numeric account id, never the login or e-mail address).
/// </summary>
/// <param name="Id">The provider's durable identifier of the user.</param>
/// <param name="Name">Display name.</param>
/// <param name="Email">E-mail address, when the provider vouches for one; otherwise <see langword="null"/>.</param>
/// <param name="AvatarUrl">URL of the user's picture, when known.</param>
/// <param name="Provider">The provider type that signed the user in (<c>github</c>, <c>none</c>, ...).</param>
/// <param name="Roles">Roles granted to the user; every user has <c>user</c>, administrators also <c>admin</c>.</param>
public sealed record StudioUser(
    string Id,
    string Name,
    string? Email,
    string? AvatarUrl,
    string Provider,
    IReadOnlyList<string> Roles)
{
    /// <summary>The role every signed-in user has.</summary>
    public const string UserRole = "user";

    /// <summary>The role granted to the ids listed under <c>admins</c> and by provider role mapping.</summary>
    public const string AdminRole = "admin";

    /// <summary>Returns whether the user has <paramref name="role"/> (ordinal comparison).</summary>
    public bool IsInRole(string role) => Roles.Contains(role, StringComparer.Ordinal);

    /// <inheritdoc/>
    public bool Equals(StudioUser? other) =>
        other is not null
        && Id == other.Id && Name == other.Name && Email == other.Email
        && AvatarUrl == other.AvatarUrl && Provider == other.Provider
        && Roles.SequenceEqual(other.Roles, StringComparer.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Provider, Id);
}

namespace Studio.Auth;

/// <summary>
/// What a provider learned about the person who signed in: the result of exchanging an
/// authorization code. The core turns it into a <see cref="StudioUser"/>, stores it and issues a token.
/// </summary>
public sealed record ExternalIdentity
{
    /// <summary>The provider's durable, never-reassigned identifier (for GitHub the numeric id).</summary>
    public required string Id { get; init; }

    /// <summary>Display name; providers fall back to the login when the person set none.</summary>
    public required string Name { get; init; }

    /// <summary>A verified e-mail address, or <see langword="null"/> when the provider vouches for none.</summary>
    public string? Email { get; init; }

    /// <summary>URL of the person's picture.</summary>
    public string? AvatarUrl { get; init; }

    /// <summary>The provider's user name (for GitHub the login), kept for logs and allow-lists; may change over time.</summary>
    public string? UserName { get; init; }

    /// <summary>Roles the provider maps this person to, in addition to <c>user</c> (for example <c>admin</c>).</summary>
    public IReadOnlyList<string> Roles { get; init; } = [];
}

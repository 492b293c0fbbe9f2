namespace Studio.Auth.Tokens;

/// <summary>
/// Bounds on claim values. The reader refuses anything outside them as <c>invalid_claim</c>, and
/// <see cref="TokenService.Issue"/> refuses to write a token its own validator would refuse.
/// </summary>
internal static class TokenClaimLimits
{
    /// <summary>The latest NumericDate accepted: 9999-12-31T23:59:59Z.</summary>
    public const long MaxTimestamp = 253402300799;

    /// <summary>The longest string claim (<c>sub</c>, <c>name</c>, <c>email</c>, <c>provider</c>, <c>jti</c>, a role), in UTF-16 code units.</summary>
    public const int MaxStringLength = 1024;

    /// <summary>The most roles a token carries.</summary>
    public const int MaxRoles = 64;

    /// <summary>Throws when <paramref name="user"/> cannot be written into a token that validates.</summary>
    public static void EnsureFits(StudioUser user)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentException.ThrowIfNullOrEmpty(user.Id);
        ArgumentException.ThrowIfNullOrEmpty(user.Provider);
        if (user.Id.Length > MaxStringLength || user.Provider.Length > MaxStringLength
            || (user.Name?.Length ?? 0) > MaxStringLength || (user.Email?.Length ?? 0) > MaxStringLength)
        {
            throw new ArgumentException($"The user's id, name, e-mail and provider must each be at most {MaxStringLength} characters.", nameof(user));
        }

        if (user.Roles.Count > MaxRoles || user.Roles.Any(r => string.IsNullOrEmpty(r) || r.Length > MaxStringLength))
        {
            throw new ArgumentException($"A user has at most {MaxRoles} roles, each 1 to {MaxStringLength} characters.", nameof(user));
        }

        if (HasControlCharacters(user.Id) || HasControlCharacters(user.Provider) || user.Roles.Any(HasControlCharacters))
        {
            throw new ArgumentException("The user's id, provider and roles must not contain control characters.", nameof(user));
        }
    }

    /// <summary>
    /// Whether <paramref name="text"/> has a control character (U+0000-U+001F, U+007F-U+009F). Validation refuses
    /// such identifiers (<c>sub</c>, <c>provider</c>, <c>jti</c>, roles), so issuing refuses them too.
    /// </summary>
    public static bool HasControlCharacters(string text) =>
        text.AsSpan().ContainsAnyInRange('\u0000', '\u001F') || text.AsSpan().ContainsAnyInRange('\u007F', '\u009F');
}

namespace Studio.Auth.Tokens;

/// <summary>Issues Studio.Auth session tokens (HS256 JWTs) and validates them strictly.</summary>
public interface ITokenService
{
    /// <summary>Issues a token for <paramref name="user"/> that expires after <c>token_expiry_minutes</c>.</summary>
    IssuedToken Issue(StudioUser user);

    /// <summary>
    /// Validates the token's syntax, signature and claims (no revocation check). Never throws on bad input.
    /// </summary>
    TokenValidationResult Validate(string? token);

    /// <summary>
    /// Validates the token fully: <see cref="Validate"/>, then the revocation list (signed-out tokens,
    /// disabled or deleted users). This is what every request goes through. Never throws on bad input.
    /// </summary>
    ValueTask<TokenValidationResult> ValidateAsync(string? token, CancellationToken cancellationToken = default);

    /// <summary>Revokes a validated token until it expires (sign-out).</summary>
    ValueTask RevokeAsync(TokenValidationResult token, CancellationToken cancellationToken = default);
}

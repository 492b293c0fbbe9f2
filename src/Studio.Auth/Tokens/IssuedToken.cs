namespace Studio.Auth.Tokens;

/// <summary>A freshly issued session token.</summary>
/// <param name="Token">The compact JWT to hand to the client. Never log it.</param>
/// <param name="TokenId">Its unique id (<c>jti</c>).</param>
/// <param name="IssuedAt">When it was issued.</param>
/// <param name="ExpiresAt">When it expires.</param>
/// <param name="User">The user it was issued to.</param>
public sealed record IssuedToken(string Token, string TokenId, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt, StudioUser User)
{
    /// <inheritdoc/>
    public override string ToString() => $"IssuedToken {{ TokenId = {TokenId}, ExpiresAt = {ExpiresAt:O}, User = {User.Provider}:{User.Id} }}";
}

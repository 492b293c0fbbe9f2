namespace Studio.Auth.Stores.Durable;

/// <summary>
/// One row of a durable revocation table: a token (<see cref="TokenId"/> set) or every token of a
/// user issued at or before <see cref="IssuedBefore"/> (<see cref="Provider"/> and <see cref="UserId"/> set).
/// </summary>
internal readonly record struct RevocationEntry(string? TokenId, string? Provider, string? UserId, DateTimeOffset IssuedBefore, DateTimeOffset KeepUntil)
{
    public static RevocationEntry ForToken(string tokenId, DateTimeOffset expiresAt) => new(tokenId, null, null, default, expiresAt);

    public static RevocationEntry ForUser(string provider, string userId, DateTimeOffset issuedBefore, DateTimeOffset keepUntil) =>
        new(null, provider, userId, issuedBefore, keepUntil);

    public bool IsToken => TokenId is not null;

    /// <summary>Adds the entry to the in-memory index (idempotent: applying it twice changes nothing).</summary>
    public void ApplyTo(InMemoryRevocationStore index)
    {
        if (TokenId is not null)
        {
            index.AddToken(TokenId, KeepUntil);
        }
        else
        {
            index.AddUser(Provider!, UserId!, IssuedBefore, KeepUntil);
        }
    }
}

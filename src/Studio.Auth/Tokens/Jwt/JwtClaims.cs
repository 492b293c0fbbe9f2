namespace Studio.Auth.Tokens;

/// <summary>The claims read from a payload before the signature is checked; nothing here is trusted yet.</summary>
internal struct JwtClaims
{
    public long Expires;
    public long IssuedAt;
    public long NotBefore;
    public bool HasExpires;
    public bool HasIssuedAt;
    public bool HasNotBefore;
    public bool HasIssuer;
    public bool IssuerMatches;
    public bool HasAudience;
    public bool AudienceMatches;
    public bool HasInvalidClaim;
    public string? Subject;
    public string? Name;
    public string? Email;
    public string? Provider;
    public string? TokenId;
    public IReadOnlyList<string>? Roles;
}

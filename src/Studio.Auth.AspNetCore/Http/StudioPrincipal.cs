using System.Security.Claims;

namespace Studio.Auth.AspNetCore.Http;

/// <summary>Turns a <see cref="StudioUser"/> into the <see cref="ClaimsPrincipal"/> ASP.NET Core authorizes.</summary>
/// <remarks>
/// Built for every request: a principal is mutable (claims transformations add identities and claims), so
/// one shared by the requests of a token could grow or leak between them. Each claim is created with the
/// identity as its subject, so the identity keeps it instead of cloning it.
/// </remarks>
internal static class StudioPrincipal
{
    public static ClaimsPrincipal Create(StudioUser user, string? tokenId)
    {
        var identity = new ClaimsIdentity(StudioAuthDefaults.AuthenticationScheme, StudioClaimTypes.Name, StudioClaimTypes.Role);
        Add(identity, StudioClaimTypes.Subject, user.Id);
        Add(identity, StudioClaimTypes.Name, user.Name);
        Add(identity, StudioClaimTypes.Provider, user.Provider);
        if (user.Email is { } email)
        {
            Add(identity, StudioClaimTypes.Email, email);
        }

        if (tokenId is not null)
        {
            Add(identity, StudioClaimTypes.TokenId, tokenId);
        }

        foreach (var role in user.Roles)
        {
            Add(identity, StudioClaimTypes.Role, role);
        }

        return new ClaimsPrincipal(identity);
    }

    private static void Add(ClaimsIdentity identity, string type, string value) =>
        identity.AddClaim(new Claim(type, value, ClaimValueTypes.String, ClaimsIdentity.DefaultIssuer, ClaimsIdentity.DefaultIssuer, identity));
}

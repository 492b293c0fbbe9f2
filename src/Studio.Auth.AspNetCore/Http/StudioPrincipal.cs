using System.Security.Claims;

namespace Studio.Auth.AspNetCore.Http;

/// <summary>Turns a <see cref="StudioUser"/> into the <see cref="ClaimsPrincipal"/> ASP.NET Core authorizes.</summary>
internal static class StudioPrincipal
{
    public static ClaimsPrincipal Create(StudioUser user, string? tokenId)
    {
        var claims = new List<Claim>(6 + user.Roles.Count)
        {
            new(StudioClaimTypes.Subject, user.Id),
            new(StudioClaimTypes.Name, user.Name),
            new(StudioClaimTypes.Provider, user.Provider),
        };
        if (user.Email is { } email)
        {
            claims.Add(new Claim(StudioClaimTypes.Email, email));
        }

        if (tokenId is not null)
        {
            claims.Add(new Claim(StudioClaimTypes.TokenId, tokenId));
        }

        claims.AddRange(user.Roles.Select(role => new Claim(StudioClaimTypes.Role, role)));
        var identity = new ClaimsIdentity(claims, StudioAuthDefaults.AuthenticationScheme, StudioClaimTypes.Name, StudioClaimTypes.Role);
        return new ClaimsPrincipal(identity);
    }
}

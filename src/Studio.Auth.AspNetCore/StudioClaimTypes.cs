namespace Studio.Auth.AspNetCore;

/// <summary>
/// The claim types of the <see cref="System.Security.Claims.ClaimsPrincipal"/> Studio.Auth puts on
/// <c>HttpContext.User</c>: the token's own claim names, so <c>User.FindFirst("sub")</c> reads like the JWT.
/// <c>User.Identity.Name</c> is the display name and <c>User.IsInRole("admin")</c> reads the <c>role</c> claims.
/// </summary>
public static class StudioClaimTypes
{
    /// <summary>The provider's durable user id (<see cref="StudioUser.Id"/>).</summary>
    public const string Subject = "sub";

    /// <summary>The display name (the identity's name claim type).</summary>
    public const string Name = "name";

    /// <summary>The e-mail address, when the provider vouched for one.</summary>
    public const string Email = "email";

    /// <summary>The provider type that signed the user in (<c>github</c>, <c>none</c>, ...).</summary>
    public const string Provider = "provider";

    /// <summary>One claim per role (the identity's role claim type).</summary>
    public const string Role = "role";

    /// <summary>The token id (<c>jti</c>); absent for the guest when authentication is off.</summary>
    public const string TokenId = "jti";
}

using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace Studio.Auth.HttpBenchmarks;

/// <summary>
/// The reference scheme of <see cref="HostMode.Floor"/>: every request is the same user, with no token to read
/// and one principal built at start-up (never do this in an app: a principal is mutable). What is left is what
/// ASP.NET Core's authentication pipeline itself costs for an authenticated request.
/// </summary>
internal sealed class FreeAuthenticationHandler : IAuthenticationHandler
{
    public const string Scheme = "Free";

    private static readonly ClaimsPrincipal User = new(new ClaimsIdentity([new Claim("sub", StudioAuthSettings.User.Id)], Scheme));

    private AuthenticationScheme _scheme = null!;

    public Task InitializeAsync(AuthenticationScheme scheme, HttpContext context)
    {
        _scheme = scheme;
        return Task.CompletedTask;
    }

    public Task<AuthenticateResult> AuthenticateAsync() =>
        Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(User, _scheme.Name)));

    public Task ChallengeAsync(AuthenticationProperties? properties) => Task.CompletedTask;

    public Task ForbidAsync(AuthenticationProperties? properties) => Task.CompletedTask;
}

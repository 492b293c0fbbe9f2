using Microsoft.Extensions.Options;
using Studio.Auth.Configuration;

namespace Studio.Auth.Providers;

/// <summary>
/// Type <c>none</c>: authentication is off and every request runs as the guest user
/// (<c>default_user</c>; AutoGen Studio's <c>guestuser@gmail.com</c> by default). Its sign-in URL
/// goes straight to the callback, which signs the guest in, so clients written for a real
/// provider work unchanged.
/// </summary>
public sealed class NoAuthProvider(IOptions<StudioAuthOptions> options) : AuthProviderBase
{
    /// <summary>The code the guest sign-in URL carries.</summary>
    public const string GuestCode = "guest";

    /// <inheritdoc/>
    protected internal override bool UsesPkce => false;

    /// <inheritdoc/>
    protected internal override Uri BuildSignInUrl(SignInUrlContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var callback = options.Value.ApiPrefix.TrimEnd('/') + "/auth/callback";
        return new Uri($"{callback}?code={GuestCode}&state={Uri.EscapeDataString(context.State)}", UriKind.Relative);
    }

    /// <inheritdoc/>
    protected internal override Task<ExternalIdentityResult> ExchangeCodeAsync(CodeExchangeContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var guest = options.Value.DefaultUser;
        return Task.FromResult(ExternalIdentityResult.Success(new ExternalIdentity
        {
            Id = guest.Id,
            Name = guest.Name,
            Email = guest.Email,
            AvatarUrl = guest.AvatarUrl,
            Roles = guest.Roles.ToArray(),
        }));
    }
}

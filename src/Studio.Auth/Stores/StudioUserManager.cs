using Microsoft.Extensions.Options;
using Studio.Auth.Configuration;

namespace Studio.Auth.Stores;

/// <summary>
/// Administrative actions on users. Each one that takes access away also revokes every token the
/// user holds, so the change applies to the very next request (the per-request check reads only
/// the in-memory revocation set, never the user table).
/// </summary>
public sealed class StudioUserManager(IUserStore users, IRevocationStore revocations, IOptions<StudioAuthOptions> options, TimeProvider time)
{
    /// <summary>Disables a user: no new sign-ins, and existing tokens are refused. Returns false when there is no such user.</summary>
    public async Task<bool> DisableAsync(string provider, string id, CancellationToken cancellationToken = default)
    {
        // Disable first, then revoke: a sign-in that completes in between is refused (disabled) or
        // issued its token before the revocation time (revoked); none slips through.
        var found = await users.SetDisabledAsync(provider, id, disabled: true, cancellationToken).ConfigureAwait(false);
        await SignOutEverywhereAsync(provider, id, cancellationToken).ConfigureAwait(false);
        return found;
    }

    /// <summary>Re-enables a disabled user (they sign in again to get a token).</summary>
    public Task<bool> EnableAsync(string provider, string id, CancellationToken cancellationToken = default) =>
        users.SetDisabledAsync(provider, id, disabled: false, cancellationToken);

    /// <summary>Deletes a user and revokes their tokens. Returns false when there is no such user.</summary>
    public async Task<bool> DeleteAsync(string provider, string id, CancellationToken cancellationToken = default)
    {
        var found = await users.DeleteAsync(provider, id, cancellationToken).ConfigureAwait(false);
        await SignOutEverywhereAsync(provider, id, cancellationToken).ConfigureAwait(false);
        return found;
    }

    /// <summary>Revokes every token issued to the user until now.</summary>
    public ValueTask SignOutEverywhereAsync(string provider, string id, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var settings = options.Value;
        var keepUntil = now.AddMinutes(settings.TokenExpiryMinutes).AddSeconds(settings.ClockSkewSeconds + 1);
        return revocations.RevokeUserAsync(provider, id, now, keepUntil, cancellationToken);
    }
}

using Studio.Auth;
using Studio.Auth.AspNetCore;
using Studio.Auth.AspNetCore.Http;

namespace Microsoft.AspNetCore.Http;

/// <summary>The current Studio user and session of a request.</summary>
public static class StudioAuthHttpContextExtensions
{
    /// <summary>
    /// The signed-in user of this request: set for every request under the API prefix that passed the
    /// gate, and for other requests that carried a valid token. Null when nobody is signed in. With
    /// authentication off (<c>type: none</c>) it is the guest user.
    /// </summary>
    public static StudioUser? GetStudioUser(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<StudioAuthFeature>()?.User;
    }

    /// <summary>
    /// The session behind this request (user, token id, expiry, and <see cref="StudioSession.Ended"/>
    /// for WebSockets), or null when nobody is signed in.
    /// </summary>
    public static StudioSession? GetStudioSession(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Features.Get<StudioAuthFeature>()?.Session;
    }
}

using Microsoft.Extensions.DependencyInjection;
using Studio.Auth.Stores;
using Studio.Auth.Tokens;

namespace Studio.Auth.Testing;

/// <summary>
/// Session tokens for a host's own tests, without a sign-in: the user is stored through the host's
/// <see cref="IUserStore"/> (as a sign-in would) and the token issued by its <see cref="ITokenService"/>, so it passes
/// the real request gate — and is refused the same way once the user is disabled or signed out.
/// </summary>
public static class StudioAuthTestTokens
{
    /// <summary>A GitHub user as a sign-in would create it: id = the numeric account id, roles <c>user</c> (and <c>admin</c>).</summary>
    public static StudioUser GitHubUser(long id, string login, string? email = null, bool admin = false) =>
        new(id.ToString(System.Globalization.CultureInfo.InvariantCulture), login, email, null, "github",
            admin ? [StudioUser.UserRole, StudioUser.AdminRole] : [StudioUser.UserRole]);

    /// <summary>Stores <paramref name="user"/> and issues a session token for it.</summary>
    /// <param name="services">The host's service provider (for example <c>WebApplicationFactory.Services</c>).</param>
    /// <param name="user">The user; see <see cref="GitHubUser"/>.</param>
    /// <param name="cancellationToken">Cancels the store call.</param>
    public static async Task<IssuedToken> IssueTestTokenAsync(this IServiceProvider services, StudioUser user, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(user);
        var store = services.GetRequiredService<IUserStore>();
        var time = services.GetService<TimeProvider>() ?? TimeProvider.System;
        var record = await store.UpsertAsync(user, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (record.IsDisabled)
        {
            throw new InvalidOperationException($"User {user.Provider}:{user.Id} is disabled; a sign-in would be refused.");
        }

        return services.GetRequiredService<ITokenService>().Issue(record.User);
    }
}

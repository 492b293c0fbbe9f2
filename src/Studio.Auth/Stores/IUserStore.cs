namespace Studio.Auth.Stores;

/// <summary>
/// Where users live. A user is keyed by (provider, the provider's durable id). Implementations
/// must be safe under concurrency: parallel first sign-ins of one identity create exactly one user.
/// </summary>
public interface IUserStore
{
    /// <summary>
    /// Creates the user, or updates the profile (name, e-mail, avatar, roles) of the existing one,
    /// and records the sign-in time. A disabled user stays disabled (the returned record says so).
    /// </summary>
    Task<UserRecord> UpsertAsync(StudioUser user, DateTimeOffset signedInAt, CancellationToken cancellationToken = default);

    /// <summary>The user with this key, or null.</summary>
    Task<UserRecord?> FindAsync(string provider, string id, CancellationToken cancellationToken = default);

    /// <summary>Disables or re-enables a user. Returns false when there is no such user.</summary>
    Task<bool> SetDisabledAsync(string provider, string id, bool disabled, CancellationToken cancellationToken = default);

    /// <summary>Deletes a user. Returns false when there is no such user.</summary>
    Task<bool> DeleteAsync(string provider, string id, CancellationToken cancellationToken = default);
}

/// <summary>A stored user.</summary>
/// <param name="User">The profile and roles as of the last sign-in.</param>
/// <param name="CreatedAt">The first sign-in.</param>
/// <param name="LastSignInAt">The latest sign-in.</param>
/// <param name="IsDisabled">Whether an administrator disabled the user (no sign-in, no valid tokens).</param>
public sealed record UserRecord(StudioUser User, DateTimeOffset CreatedAt, DateTimeOffset LastSignInAt, bool IsDisabled);

namespace Studio.Auth.Stores;

/// <summary>
/// Pending sign-ins between the login URL and the callback. Each state is taken at most once:
/// <see cref="TakeAsync"/> must remove and return atomically, so of many parallel completions of
/// one state exactly one gets it.
/// </summary>
public interface ILoginStateStore
{
    /// <summary>Saves a pending sign-in.</summary>
    Task SaveAsync(LoginState state, CancellationToken cancellationToken = default);

    /// <summary>Removes and returns the pending sign-in with this key, or null if there is none (unknown or already taken).</summary>
    Task<LoginState?> TakeAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Deletes pending sign-ins that expired before <paramref name="now"/>; returns how many.</summary>
    Task<int> PurgeExpiredAsync(DateTimeOffset now, CancellationToken cancellationToken = default);
}

/// <summary>A pending sign-in.</summary>
/// <param name="Key">The SHA-256 of the state sent to the provider (base64url); the raw state is never stored.</param>
/// <param name="Provider">The provider type the sign-in was begun with.</param>
/// <param name="CodeVerifier">The PKCE verifier, or null when the provider does not use PKCE.</param>
/// <param name="BrowserBindingHash">The SHA-256 of the browser-binding value (base64url) set in the browser's cookie.</param>
/// <param name="ReturnPath">The validated local path to return to after sign-in.</param>
/// <param name="ExpiresAt">When the sign-in can no longer be completed.</param>
public sealed record LoginState(string Key, string Provider, string? CodeVerifier, string BrowserBindingHash, string ReturnPath, DateTimeOffset ExpiresAt);

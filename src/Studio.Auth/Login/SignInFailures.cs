namespace Studio.Auth.Login;

/// <summary>The reason codes the login flow itself produces (providers add their own).</summary>
public static class SignInFailures
{
    /// <summary>The callback carried no code.</summary>
    public const string MissingCode = "missing_code";

    /// <summary>The callback carried no state.</summary>
    public const string MissingState = "missing_state";

    /// <summary>The state is unknown, malformed or was already used.</summary>
    public const string InvalidState = "invalid_state";

    /// <summary>The state expired (<c>login_state_minutes</c>).</summary>
    public const string StateExpired = "state_expired";

    /// <summary>The callback came from a different browser than the one that began the sign-in (missing or wrong cookie).</summary>
    public const string BrowserMismatch = "browser_mismatch";

    /// <summary>The sign-in was begun with a provider that is no longer registered.</summary>
    public const string ProviderUnknown = "provider_unknown";

    /// <summary>The provider failed unexpectedly (it threw).</summary>
    public const string ProviderError = "provider_error";

    /// <summary>The provider returned an identity without a usable id.</summary>
    public const string InvalidIdentity = "invalid_identity";

    /// <summary>The user is disabled.</summary>
    public const string UserDisabled = "user_disabled";

    /// <summary>The user or state store could not be reached.</summary>
    public const string StoreUnavailable = "store_unavailable";
}

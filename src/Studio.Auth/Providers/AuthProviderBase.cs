namespace Studio.Auth.Providers;

/// <summary>
/// The base class of every sign-in provider. The core runs the whole flow around it — state
/// (single use, bound to the browser, expiring), PKCE, the user upsert, role mapping and the
/// token — so a provider implements only what differs: the sign-in URL and turning a callback's
/// code into an <see cref="ExternalIdentity"/>.
/// </summary>
/// <remarks>
/// Register a subclass with <c>services.AddStudioAuth().AddProvider&lt;TProvider, TOptions&gt;("type")</c>;
/// its options are bound from the YAML block named after the type. Expected failures (the user
/// cancelled, the upstream said no, the upstream is down) are returned as
/// <see cref="ExternalIdentityResult.Failure"/>, not thrown; an exception is treated as
/// <c>provider_error</c> and never grants access.
/// </remarks>
public abstract class AuthProviderBase
{
    /// <summary>The type name the provider was registered under (for example <c>github</c>).</summary>
    public string Type { get; internal set; } = string.Empty;

    /// <summary>
    /// Whether the flow creates a PKCE (RFC 7636, S256) verifier and passes its challenge to
    /// <see cref="BuildSignInUrl"/>. Default <see langword="true"/>; turn off only for providers without PKCE support.
    /// </summary>
    protected internal virtual bool UsesPkce => true;

    /// <summary>
    /// The absolute URL the provider sends the browser back to (the host's callback endpoint), when the
    /// provider has one configured; <see langword="null"/> otherwise (the default). Hosts trust its origin
    /// by default, for example for WebSocket upgrades when <c>allowed_origins</c> is empty.
    /// An OAuth provider returns its configured redirect URI (for GitHub, <c>callback_url</c>).
    /// </summary>
    public virtual Uri? CallbackUrl => null;

    /// <summary>
    /// Builds the URL the browser is sent to. Include <see cref="SignInUrlContext.State"/> and, when
    /// present, <see cref="SignInUrlContext.CodeChallenge"/> with method <c>S256</c>.
    /// </summary>
    protected internal abstract Uri BuildSignInUrl(SignInUrlContext context);

    /// <summary>
    /// Exchanges the authorization code from the callback (with the PKCE verifier) for the
    /// identity of the person who signed in, or a failure with a reason code. Called only after the
    /// state was verified and consumed.
    /// </summary>
    protected internal abstract Task<ExternalIdentityResult> ExchangeCodeAsync(CodeExchangeContext context, CancellationToken cancellationToken);
}

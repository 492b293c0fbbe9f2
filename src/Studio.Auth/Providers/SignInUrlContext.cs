namespace Studio.Auth.Providers;

/// <summary>What a provider needs to build its sign-in URL.</summary>
/// <param name="State">The opaque, single-use state (at least 256 random bits) to send and expect back.</param>
/// <param name="CodeChallenge">The PKCE S256 challenge, or null when the provider does not use PKCE.</param>
/// <remarks>The challenge method is always <see cref="Login.Pkce.ChallengeMethod"/> (<c>S256</c>); plain is never used.</remarks>
public sealed record SignInUrlContext(string State, string? CodeChallenge);

/// <summary>What a provider needs to exchange a callback's code.</summary>
/// <param name="Code">The authorization code from the callback.</param>
/// <param name="CodeVerifier">The PKCE verifier that matches the challenge sent, or null without PKCE.</param>
public sealed record CodeExchangeContext(string Code, string? CodeVerifier);

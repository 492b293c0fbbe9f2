namespace Studio.Auth.Login;

/// <summary>What arrived at the callback. Values come straight from the request; the flow validates them.</summary>
/// <param name="Code">The <c>code</c> query parameter.</param>
/// <param name="State">The <c>state</c> query parameter.</param>
/// <param name="BrowserBinding">The browser-binding cookie set when the sign-in began.</param>
/// <param name="Error">The provider's <c>error</c> parameter (the user cancelled, ...), if any.</param>
public sealed record SignInCallback(string? Code, string? State, string? BrowserBinding, string? Error = null)
{
    /// <inheritdoc/>
    public override string ToString() => "SignInCallback { (values withheld) }";
}

namespace Studio.Auth.GitHub;

/// <summary>
/// Hooks a host can set on <see cref="GitHubAuthOptions.Events"/> (in code: <c>AddGitHub(o =&gt; o.Events.OnSigningIn = ...)</c>).
/// Subclass and override the virtual methods, or assign the delegates.
/// </summary>
public class GitHubAuthEvents
{
    /// <summary>
    /// Called once GitHub vouched for the person and the allow-lists passed, before the user is stored and the
    /// session token issued. This is the only place the GitHub access token is available: Studio.Auth never
    /// stores or logs it, so a host that needs it (to call GitHub on the user's behalf) must keep it here —
    /// encrypted, and never in the session token. The hook may also add or remove roles, or deny the sign-in.
    /// An exception thrown here fails the sign-in with <c>provider_error</c>.
    /// </summary>
    public Func<GitHubSigningInContext, Task> OnSigningIn { get; set; } = _ => Task.CompletedTask;

    /// <summary>Invokes <see cref="OnSigningIn"/>.</summary>
    public virtual Task SigningInAsync(GitHubSigningInContext context) => OnSigningIn(context);
}

namespace Studio.Auth.GitHub;

/// <summary>The GitHub account that signed in, as read from <c>GET /user</c> and <c>GET /user/emails</c> during this sign-in.</summary>
/// <param name="Id">The numeric account id: durable, never reassigned; the user's key in Studio.Auth.</param>
/// <param name="Login">The login (user name); it can be renamed.</param>
/// <param name="Name">The display name the person set, or <see langword="null"/>.</param>
/// <param name="AvatarUrl">The avatar image URL.</param>
/// <param name="HtmlUrl">The profile page URL.</param>
/// <param name="Email">The primary e-mail address when GitHub says it is verified, otherwise <see langword="null"/>.</param>
public sealed record GitHubUser(long Id, string Login, string? Name, string? AvatarUrl, string? HtmlUrl, string? Email);

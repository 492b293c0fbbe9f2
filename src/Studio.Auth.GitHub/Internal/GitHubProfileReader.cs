using Microsoft.Extensions.Logging;
using Octokit;
using Studio.Auth.Providers;

namespace Studio.Auth.GitHub.Internal;

/// <summary>
/// Reads the account on every sign-in: <c>GET /user</c> (the numeric id is the durable key; a renamed login keeps
/// its user) and, with <c>user:email</c>, <c>GET /user/emails</c> for the primary address — only when verified.
/// </summary>
internal sealed class GitHubProfileReader(GitHubCaller caller, ILogger logger)
{
    private const string UserStep = "GET /user";
    private const string EmailsStep = "GET /user/emails";
    private static readonly Uri UserPath = new("user", UriKind.Relative);
    private static readonly Uri EmailsPath = new("user/emails", UriKind.Relative);
    private static readonly Dictionary<string, string> EmailsPage = new() { ["per_page"] = "100" };

    public async Task<(GitHubUser? User, ExternalIdentityResult? Failure)> ReadAsync(IGitHubClient client, bool readEmails, CancellationToken cancellationToken)
    {
        var answer = await caller.SendAsync(ct => client.Connection.Get<User>(UserPath, null, null, ct), cancellationToken).ConfigureAwait(false);
        if (answer.Error is { } error)
        {
            return (null, Failed(UserStep, error));
        }

        if (answer.Value!.Body is not { Id: > 0, Login.Length: > 0 } user || !GitHubUserId.IsExactly(answer.Value.HttpResponse.Body, user.Id))
        {
            return (null, Failed(UserStep, new GitHubCallError(GitHubErrorKind.BadResponse, (int)answer.Value.HttpResponse.StatusCode)));
        }

        string? email = null;
        if (readEmails)
        {
            var emails = await caller.SendAsync(ct => client.Connection.Get<List<EmailAddress>>(EmailsPath, EmailsPage, null, ct), cancellationToken).ConfigureAwait(false);
            if (emails.Error is { Kind: GitHubErrorKind.Forbidden or GitHubErrorKind.NotFound } tolerated)
            {
                GitHubLog.EmailsUnavailable(logger, tolerated.Status ?? 0, user.Id);
            }
            else if (emails.Error is { } emailError)
            {
                return (null, Failed(EmailsStep, emailError));
            }
            else if (emails.Value!.Body is not { } list)
            {
                return (null, Failed(EmailsStep, new GitHubCallError(GitHubErrorKind.BadResponse, (int)emails.Value.HttpResponse.StatusCode)));
            }
            else
            {
                email = list.FirstOrDefault(e => e is { Primary: true, Verified: true } && !string.IsNullOrWhiteSpace(e.Email))?.Email;
            }
        }

        return (new GitHubUser(user.Id, user.Login, string.IsNullOrWhiteSpace(user.Name) ? null : user.Name, user.AvatarUrl, user.HtmlUrl, email), null);
    }

    private ExternalIdentityResult Failed(string step, GitHubCallError error)
    {
        var failure = error.ToFailure(step);
        GitHubLog.Failed(logger, step, failure.FailureReason!, error);
        return failure;
    }
}

using System.Runtime.Serialization;
using Octokit;

namespace Studio.Auth.GitHub.Internal;

/// <summary>The outcome of one call: a value or an error.</summary>
internal readonly record struct GitHubAnswer<T>(T? Value, GitHubCallError? Error);

/// <summary>
/// Runs each call to GitHub under its own timeout (a <see cref="TimeProvider"/> timer linked to the caller's token)
/// and turns everything that can go wrong on the wire into a <see cref="GitHubCallError"/>. No retries: a failed
/// sign-in is retried by the person, so an outage never multiplies into a storm of calls.
/// </summary>
internal sealed class GitHubCaller(TimeProvider time, TimeSpan timeout)
{
    public async Task<GitHubAnswer<T>> SendAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timer.Token);
        try
        {
            return new(await call(linked.Token).ConfigureAwait(false), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Failed<T>(new GitHubCallError(GitHubErrorKind.Timeout));
        }
        catch (ApiException ex) when (ex.HttpResponse is { } response)
        {
            return Failed<T>(GitHubCallError.FromResponse(response, time.GetUtcNow()));
        }
        catch (GitHubOriginRefusedException)
        {
            return Failed<T>(new GitHubCallError(GitHubErrorKind.BadResponse));
        }
        catch (HttpRequestException ex)
        {
            return Failed<T>(new GitHubCallError(ex.HttpRequestError == HttpRequestError.ConfigurationLimitExceeded
                ? GitHubErrorKind.BadResponse
                : GitHubErrorKind.Unreachable));
        }
        catch (Exception ex) when (IsUnreadableAnswer(ex))
        {
            return Failed<T>(new GitHubCallError(GitHubErrorKind.BadResponse));
        }
    }

    private static GitHubAnswer<T> Failed<T>(GitHubCallError error) => new(default, error);

    // What Octokit's JSON reader throws for malformed or mistyped JSON (a NullReferenceException for null in a
    // non-nullable field, such as "id": null); and its redirect loop guard. The catch covers only the Octokit call.
    private static bool IsUnreadableAnswer(Exception ex) =>
        ex is SerializationException or FormatException or OverflowException or InvalidCastException or ArgumentException or NullReferenceException
        || (ex is InvalidOperationException && ex.Message.Contains("redirect", StringComparison.OrdinalIgnoreCase));
}

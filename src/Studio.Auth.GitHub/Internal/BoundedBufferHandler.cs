namespace Studio.Auth.GitHub.Internal;

/// <summary>
/// Reads each answer's body completely, with a size limit, while the call's cancellation token still applies.
/// Octokit's adapter reads bodies without a token after the headers arrive, so without this a server that sends
/// headers and then stalls could hold a sign-in past its timeout.
/// </summary>
internal sealed class BoundedBufferHandler(long maxBytes) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        try
        {
            await response.Content.LoadIntoBufferAsync(maxBytes, cancellationToken).ConfigureAwait(false);
            return response;
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }
}

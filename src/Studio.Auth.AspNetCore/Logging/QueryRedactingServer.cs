using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace Studio.Auth.AspNetCore.Logging;

/// <summary>
/// Wraps the server so ASP.NET Core's own request logs ("Request starting ...", "Request finished ...",
/// written by the hosting layer before and after the pipeline) never see a query string value: tokens
/// in <c>?token=</c>, OAuth codes and states. The query is masked while hosting creates and disposes the
/// request and restored for the whole pipeline, so endpoints read it unchanged.
/// </summary>
internal sealed class QueryRedactingServer(IServer inner) : IServer
{
    public IFeatureCollection Features => inner.Features;

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull =>
        inner.StartAsync(new Application<TContext>(application), cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => inner.StopAsync(cancellationToken);

    public void Dispose() => inner.Dispose();

    /// <summary>The per-request state: hosting's context and the query to restore (a struct: nothing allocated per request).</summary>
    internal readonly struct RedactedContext<TContext>(TContext inner, IHttpRequestFeature? request, string? query)
    {
        public TContext Inner { get; } = inner;

        public IHttpRequestFeature? Request { get; } = request;

        public string? Query { get; } = query;
    }

    private sealed class Application<TContext>(IHttpApplication<TContext> inner) : IHttpApplication<RedactedContext<TContext>>
        where TContext : notnull
    {
        public RedactedContext<TContext> CreateContext(IFeatureCollection contextFeatures)
        {
            var request = contextFeatures.Get<IHttpRequestFeature>();
            var query = request?.QueryString;
            if (request is not null && !string.IsNullOrEmpty(query))
            {
                request.QueryString = QueryStringRedactor.Redact(query);
                return new RedactedContext<TContext>(inner.CreateContext(contextFeatures), request, query);
            }

            return new RedactedContext<TContext>(inner.CreateContext(contextFeatures), null, null);
        }

        // Without a query there is nothing to restore: hand the request straight on.
        public Task ProcessRequestAsync(RedactedContext<TContext> context) =>
            context.Request is null ? inner.ProcessRequestAsync(context.Inner) : ProcessWithQueryAsync(context);

        public void DisposeContext(RedactedContext<TContext> context, Exception? exception) => inner.DisposeContext(context.Inner, exception);

        private async Task ProcessWithQueryAsync(RedactedContext<TContext> context)
        {
            context.Request!.QueryString = context.Query!;
            try
            {
                await inner.ProcessRequestAsync(context.Inner).ConfigureAwait(false);
            }
            finally
            {
                context.Request.QueryString = QueryStringRedactor.Redact(context.Query);
            }
        }
    }
}

using Microsoft.AspNetCore.HttpLogging;
using Microsoft.Extensions.Options;
using Studio.Auth.Configuration;
using Studio.Auth.Gate;

namespace Studio.Auth.AspNetCore.Logging;

/// <summary>
/// Keeps secrets out of <c>UseHttpLogging()</c>: query values are masked (the query is logged as
/// <c>?token=***</c>), and the bodies of the auth endpoints — which carry tokens, codes and states — are
/// never logged. Header values are already redacted by HTTP logging unless the host allows them.
/// </summary>
internal sealed class StudioAuthHttpLoggingInterceptor(IOptions<StudioAuthOptions> options) : IHttpLoggingInterceptor
{
    private readonly string _authPrefix = (RequestPath.Normalize(options.Value.ApiPrefix) ?? "/api").TrimEnd('/') + "/auth";

    public ValueTask OnRequestAsync(HttpLoggingInterceptorContext logContext)
    {
        ArgumentNullException.ThrowIfNull(logContext);
        var request = logContext.HttpContext.Request;
        if (logContext.IsAnyEnabled(HttpLoggingFields.RequestQuery) && request.QueryString.HasValue)
        {
            logContext.TryDisable(HttpLoggingFields.RequestQuery);
            logContext.AddParameter("QueryString", QueryStringRedactor.Redact(request.QueryString.Value));
        }

        if (RequestPath.IsUnder(_authPrefix, request.Path.Value ?? "/") || RequestPath.HasAmbiguousSeparators(request.Path.Value ?? "/"))
        {
            logContext.TryDisable(HttpLoggingFields.RequestBody | HttpLoggingFields.ResponseBody);
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask OnResponseAsync(HttpLoggingInterceptorContext logContext) => ValueTask.CompletedTask;
}

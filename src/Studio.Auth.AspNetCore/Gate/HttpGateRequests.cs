using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;
using Studio.Auth.Gate;

namespace Studio.Auth.AspNetCore.Gate;

/// <summary>Reads the parts of an ASP.NET Core request the gate decides on.</summary>
internal static class HttpGateRequests
{
    /// <summary>Method, path, every <c>Authorization</c> value and every <c>token</c> query value (the query is parsed only when there is one).</summary>
    public static GateRequest Read(HttpContext context, string path, bool isUpgrade)
    {
        var request = context.Request;
        var queryToken = request.QueryString.HasValue ? request.Query[StudioAuthDefaults.TokenQueryParameter] : StringValues.Empty;
        return new GateRequest(request.Method, path, request.Headers.Authorization, queryToken, isUpgrade);
    }
}

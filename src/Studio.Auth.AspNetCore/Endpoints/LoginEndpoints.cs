using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;
using Studio.Auth.AspNetCore.Http;
using Studio.Auth.Login;

namespace Studio.Auth.AspNetCore.Endpoints;

/// <summary>The sign-in endpoints around <see cref="LoginFlow"/>: login URL, callback page, callback handler.</summary>
internal static class LoginEndpoints
{
    private const long MaxCallbackBodyBytes = 16 * 1024;

    /// <summary><c>GET /api/auth/login-url[?return_path=/local/path]</c> → <c>{"login_url"}</c>, and the browser-binding cookie.</summary>
    public static async Task LoginUrlAsync(HttpContext context, LoginFlow flow)
    {
        var start = await flow.BeginAsync(Single(context.Request.Query[StudioAuthDefaults.ReturnPathParameter]), context.RequestAborted).ConfigureAwait(false);
        if (!start.Succeeded)
        {
            await AuthResponses.WriteErrorAsync(context, StatusCodes.Status503ServiceUnavailable, start.FailureReason).ConfigureAwait(false);
            return;
        }

        BrowserBindingCookie.Append(context, start.BrowserBinding, start.ExpiresAt);
        var url = start.LoginUrl.IsAbsoluteUri
            ? start.LoginUrl.AbsoluteUri
            : context.Request.PathBase.Add(start.LoginUrl.OriginalString.StartsWith('/') ? start.LoginUrl.OriginalString : "/" + start.LoginUrl.OriginalString).Value!;
        await AuthResponses.WriteJsonAsync(context, new LoginUrlBody(url), StudioAuthJsonContext.Default.LoginUrlBody).ConfigureAwait(false);
    }

    /// <summary><c>GET /api/auth/callback?code=...&amp;state=...</c> → the callback page (success or error).</summary>
    public static async Task CallbackAsync(HttpContext context, LoginFlow flow)
    {
        var query = context.Request.Query;
        var callback = new SignInCallback(Single(query["code"]), Single(query["state"]), BrowserBindingCookie.Read(context), Single(query["error"]));
        var result = await flow.CompleteAsync(callback, context.RequestAborted).ConfigureAwait(false);
        if (result.Succeeded)
        {
            BrowserBindingCookie.Delete(context);
            var message = new CallbackMessage("auth-success", result.Token.Token, UserBody.From(result.User), null);
            await CallbackPage.WriteAsync(context, StatusCodes.Status200OK, result.ReturnPath, message).ConfigureAwait(false);
        }
        else
        {
            var message = new CallbackMessage("auth-error", null, null, result.FailureReason);
            await CallbackPage.WriteAsync(context, SignInFailureStatus.For(result.FailureKind), result.ReturnPath, message).ConfigureAwait(false);
        }
    }

    /// <summary><c>POST /api/auth/callback-handler</c> with <c>{"code","state"}</c> → <c>{"token","user"}</c>.</summary>
    public static async Task CallbackHandlerAsync(HttpContext context, LoginFlow flow)
    {
        var request = context.Request;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = MaxCallbackBodyBytes;
        }

        CallbackHandlerRequest? body = null;
        if (request.HasJsonContentType() && request.ContentLength is null or <= MaxCallbackBodyBytes)
        {
            try
            {
                body = await request.ReadFromJsonAsync(StudioAuthJsonContext.Default.CallbackHandlerRequest, context.RequestAborted).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is JsonException or BadHttpRequestException)
            {
                body = null;
            }
        }

        if (body is null)
        {
            await AuthResponses.WriteErrorAsync(context, StatusCodes.Status400BadRequest, AuthResponses.InvalidRequest).ConfigureAwait(false);
            return;
        }

        var result = await flow.CompleteAsync(new SignInCallback(body.Code, body.State, BrowserBindingCookie.Read(context), body.Error), context.RequestAborted).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            await AuthResponses.WriteErrorAsync(context, SignInFailureStatus.For(result.FailureKind), result.FailureReason).ConfigureAwait(false);
            return;
        }

        BrowserBindingCookie.Delete(context);
        AuthResponses.ApplySecurityHeaders(context.Response);
        var answer = new SignInBody(result.Token.Token, UserBody.From(result.User));
        await AuthResponses.WriteJsonAsync(context, answer, StudioAuthJsonContext.Default.SignInBody).ConfigureAwait(false);
    }

    // A parameter given more than once is treated as absent (and so refused), never guessed.
    private static string? Single(StringValues values) => values.Count == 1 ? values[0] : null;
}

using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Studio.Auth.AspNetCore.Http;

namespace Studio.Auth.AspNetCore.Endpoints;

/// <summary>
/// The page <c>GET /api/auth/callback</c> answers with. Its data (token, user, error, origin, return
/// path) travels in a JSON data block that the browser never executes, escaped so that no value can
/// end the block; one static script reads it. With an opener (AutoGen Studio's popup) the script posts
/// the message to the opener with the page's own origin as target — never <c>'*'</c> — so only a
/// same-origin opener (the app) receives it, also behind proxies; then it closes. Without an opener it
/// stores the token in <c>localStorage</c> and goes to the validated return path. The
/// Content-Security-Policy allows that script (by hash) and nothing else.
/// </summary>
internal static class CallbackPage
{
    private const string Script = """
        (function () {
          "use strict";
          var data = JSON.parse(document.getElementById("studio-auth-data").textContent);
          var message = data.message;
          var status = document.getElementById("studio-auth-status");
          var opener = null;
          try { opener = window.opener; } catch (e) { opener = null; }
          if (opener && !opener.closed) {
            opener.postMessage(message, window.location.origin);
            status.textContent = message.type === "auth-success" ? "Signed in. You can close this window." : "Sign-in failed (" + message.error + "). You can close this window.";
            window.close();
            return;
          }
          if (message.type === "auth-success") {
            try { window.localStorage.setItem(data.token_storage_key, message.token); } catch (e) { }
            window.location.replace(data.return_path);
            return;
          }
          status.textContent = "Sign-in failed: " + message.error;
          document.getElementById("studio-auth-return").hidden = false;
        })();
        """;

    private const string Style = "body{font-family:system-ui,sans-serif;margin:3rem auto;max-width:32rem;padding:0 1rem;color:#222}";

    /// <summary>The Content-Security-Policy of the page: only its own script and style, by hash.</summary>
    public static readonly string ContentSecurityPolicy =
        $"default-src 'none'; script-src '{Hash(Script)}'; style-src '{Hash(Style)}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static Task WriteAsync(HttpContext context, int statusCode, string returnPath, CallbackMessage message)
    {
        var data = new CallbackPageData(returnPath, StudioAuthDefaults.TokenStorageKey, message);
        var json = JsonSerializer.Serialize(data, StudioAuthJsonContext.Default.CallbackPageData);
        var title = message.Type == "auth-success" ? "Signed in" : "Sign-in failed";
        var html = $"""
            <!doctype html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="referrer" content="no-referrer">
            <title>{title}</title>
            <style>{Style}</style>
            </head>
            <body>
            <p id="studio-auth-status">Finishing sign-in…</p>
            <p><a id="studio-auth-return" href="{HtmlEncoder.Default.Encode(returnPath)}" hidden>Continue</a></p>
            <noscript><p>{title}. JavaScript is needed to finish signing in.</p></noscript>
            <script type="application/json" id="studio-auth-data">{json}</script>
            <script>{Script}</script>
            </body>
            </html>
            """;
        var response = context.Response;
        response.StatusCode = statusCode;
        AuthResponses.ApplySecurityHeaders(response, ContentSecurityPolicy);
        response.ContentType = "text/html; charset=utf-8";
        return response.WriteAsync(html, Encoding.UTF8, context.RequestAborted);
    }

    private static string Hash(string content) => "sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
}

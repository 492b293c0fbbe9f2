using System.Text.Json.Serialization;

namespace Studio.Auth.AspNetCore.Http;

/// <summary>A refusal: AutoGen Studio's <c>{"status":false,"detail":"..."}</c>; the detail is a reason code.</summary>
internal sealed record ErrorBody(bool Status, string Detail);

/// <summary><c>GET /api/auth/type</c>.</summary>
internal sealed record AuthTypeBody(string Type, IReadOnlyList<string> ExcludePaths);

/// <summary><c>GET /api/auth/login-url</c>.</summary>
internal sealed record LoginUrlBody(string LoginUrl);

/// <summary>A user as the auth endpoints return it (<c>/me</c>, <c>callback-handler</c>, the callback page).</summary>
internal sealed record UserBody(string Id, string Name, string? Email, string? AvatarUrl, string Provider, IReadOnlyList<string> Roles)
{
    public static UserBody From(StudioUser user) => new(user.Id, user.Name, user.Email, user.AvatarUrl, user.Provider, user.Roles);
}

/// <summary><c>POST /api/auth/callback-handler</c>'s answer.</summary>
internal sealed record SignInBody(string Token, UserBody User);

/// <summary><c>POST /api/auth/callback-handler</c>'s request: what the provider sent to the frontend's callback route.</summary>
internal sealed record CallbackHandlerRequest(string? Code, string? State, string? Error);

/// <summary><c>POST /api/auth/logout</c>'s answer.</summary>
internal sealed record LogoutBody(bool Status, string Message);

/// <summary>The message the callback page posts to its opener: <c>auth-success</c> with token and user, or <c>auth-error</c>.</summary>
internal sealed record CallbackMessage(
    string Type,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Token,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] UserBody? User,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Error);

/// <summary>What the callback page's static script reads from its JSON data block.</summary>
internal sealed record CallbackPageData(string ReturnPath, string TokenStorageKey, CallbackMessage Message);

/// <summary>
/// Source-generated serialization for every body the adapter writes. snake_case names; the default
/// encoder escapes <c>&lt;</c>, <c>&gt;</c>, <c>&amp;</c> and quotes, so the output is safe inside an HTML data block.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(ErrorBody))]
[JsonSerializable(typeof(AuthTypeBody))]
[JsonSerializable(typeof(LoginUrlBody))]
[JsonSerializable(typeof(UserBody))]
[JsonSerializable(typeof(SignInBody))]
[JsonSerializable(typeof(CallbackHandlerRequest))]
[JsonSerializable(typeof(LogoutBody))]
[JsonSerializable(typeof(CallbackPageData))]
internal sealed partial class StudioAuthJsonContext : JsonSerializerContext;

using Microsoft.AspNetCore.Http.HttpResults;
using Studio.Auth.Stores;

namespace Studio.Auth.Sample.Notes;

/// <summary>
/// <c>GET /api/notes</c> and <c>POST /api/notes</c> (<c>{"text":"..."}</c>). The owner is always the
/// signed-in user from the token (the gate guarantees one under <c>/api</c>); nothing in the query or
/// body can name another user. A database that cannot be reached answers 503.
/// </summary>
public static class NotesEndpoints
{
    /// <summary>The longest note accepted.</summary>
    public const int MaxLength = 1000;

    /// <summary>Maps the notes API.</summary>
    public static IEndpointRouteBuilder MapNotes(this IEndpointRouteBuilder endpoints)
    {
        var notes = endpoints.MapGroup("/api/notes");
        notes.MapGet("/", ListAsync);
        notes.MapPost("/", AddAsync);
        return endpoints;
    }

    private static async Task<Results<Ok<IReadOnlyList<Note>>, JsonHttpResult<ProblemBody>>> ListAsync(HttpContext context, INoteStore store)
    {
        try
        {
            return TypedResults.Ok(await store.ListAsync(NoteOwner.Of(context.GetStudioUser()!), context.RequestAborted));
        }
        catch (StoreUnavailableException)
        {
            return Unavailable();
        }
    }

    private static async Task<Results<Created<Note>, BadRequest<ProblemBody>, JsonHttpResult<ProblemBody>>> AddAsync(NewNote body, HttpContext context, INoteStore store, TimeProvider time)
    {
        var text = body.Text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxLength)
        {
            return TypedResults.BadRequest(new ProblemBody(false, $"text is required (1 to {MaxLength} characters)"));
        }

        try
        {
            var note = await store.AddAsync(NoteOwner.Of(context.GetStudioUser()!), text, time.GetUtcNow(), context.RequestAborted);
            return TypedResults.Created($"/api/notes/{note.Id}", note);
        }
        catch (StoreUnavailableException)
        {
            return Unavailable();
        }
    }

    private static JsonHttpResult<ProblemBody> Unavailable() =>
        TypedResults.Json(new ProblemBody(false, "notes are unavailable: the database cannot be reached"), statusCode: StatusCodes.Status503ServiceUnavailable);

    /// <summary>The body of <c>POST /api/notes</c>.</summary>
    /// <param name="Text">The note.</param>
    public sealed record NewNote(string? Text);

    /// <summary>An error answer in the same shape as the auth endpoints'.</summary>
    /// <param name="Status">Always false.</param>
    /// <param name="Detail">What was wrong.</param>
    public sealed record ProblemBody(bool Status, string Detail);
}

namespace Studio.Auth.Sample.Notes;

/// <summary>Whose notes: the signed-in user's provider and id, always taken from the token.</summary>
/// <param name="Provider">The provider type (<c>github</c>, <c>none</c>, ...).</param>
/// <param name="UserId">The provider's durable user id.</param>
public readonly record struct NoteOwner(string Provider, string UserId)
{
    /// <summary>The owner of the current request's notes.</summary>
    public static NoteOwner Of(StudioUser user) => new(user.Provider, user.Id);
}

/// <summary>A note.</summary>
/// <param name="Id">Its id.</param>
/// <param name="Text">What the user wrote.</param>
/// <param name="CreatedAt">When it was written.</param>
public sealed record Note(string Id, string Text, DateTimeOffset CreatedAt);

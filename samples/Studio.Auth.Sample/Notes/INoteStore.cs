namespace Studio.Auth.Sample.Notes;

/// <summary>
/// Where notes live: the same database as the users. Every call is scoped to one owner; no call can
/// reach another owner's notes. A database that cannot be reached right now throws
/// <see cref="Stores.StoreUnavailableException"/> (the API answers 503).
/// </summary>
public interface INoteStore
{
    /// <summary>Where the notes are kept, for the start-up message (a file or a server and schema; never a password).</summary>
    string Location { get; }

    /// <summary>Creates the notes table when missing (at host start; safe to call from several instances at once).</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>The owner's notes, oldest first.</summary>
    Task<IReadOnlyList<Note>> ListAsync(NoteOwner owner, CancellationToken cancellationToken = default);

    /// <summary>Adds a note for the owner.</summary>
    Task<Note> AddAsync(NoteOwner owner, string text, DateTimeOffset createdAt, CancellationToken cancellationToken = default);
}

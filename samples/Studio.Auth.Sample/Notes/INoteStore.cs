namespace Studio.Auth.Sample.Notes;

/// <summary>Where notes live. Every call is scoped to one owner; no call can reach another owner's notes.</summary>
public interface INoteStore
{
    /// <summary>The owner's notes, oldest first.</summary>
    Task<IReadOnlyList<Note>> ListAsync(NoteOwner owner, CancellationToken cancellationToken = default);

    /// <summary>Adds a note for the owner.</summary>
    Task<Note> AddAsync(NoteOwner owner, string text, DateTimeOffset createdAt, CancellationToken cancellationToken = default);
}

using System.Collections.Concurrent;

namespace Studio.Auth.Sample.Notes;

/// <summary>Notes in process memory (lost on restart); swap for a database-backed <see cref="INoteStore"/>.</summary>
public sealed class InMemoryNoteStore : INoteStore
{
    private readonly ConcurrentDictionary<NoteOwner, List<Note>> _notes = new();

    /// <inheritdoc/>
    public Task<IReadOnlyList<Note>> ListAsync(NoteOwner owner, CancellationToken cancellationToken = default)
    {
        if (!_notes.TryGetValue(owner, out var list))
        {
            return Task.FromResult<IReadOnlyList<Note>>([]);
        }

        lock (list)
        {
            return Task.FromResult<IReadOnlyList<Note>>([.. list]);
        }
    }

    /// <inheritdoc/>
    public Task<Note> AddAsync(NoteOwner owner, string text, DateTimeOffset createdAt, CancellationToken cancellationToken = default)
    {
        var note = new Note(Guid.NewGuid().ToString("N"), text, createdAt);
        var list = _notes.GetOrAdd(owner, _ => []);
        lock (list)
        {
            list.Add(note);
        }

        return Task.FromResult(note);
    }
}

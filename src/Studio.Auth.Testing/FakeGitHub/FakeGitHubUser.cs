namespace Studio.Auth.Testing;

/// <summary>
/// An account on a <see cref="FakeGitHubServer"/>. Change it at any time (rename the login, add e-mail addresses,
/// join organizations and teams); the next request sees the change. Thread-safe.
/// </summary>
public sealed class FakeGitHubUser
{
    private readonly Lock _lock = new();
    private readonly string _baseUrl;
    private readonly List<FakeGitHubEmail> _emails = [];
    private readonly Dictionary<string, FakeGitHubMembership> _organizations = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, FakeGitHubMembership> _teams = new(StringComparer.OrdinalIgnoreCase);

    internal FakeGitHubUser(long id, string login, string? name, string baseUrl)
    {
        Id = id;
        Login = login;
        Name = name;
        _baseUrl = baseUrl;
        AvatarUrl = $"{baseUrl}/avatars/u/{id}";
    }

    /// <summary>The numeric account id (never changes).</summary>
    public long Id { get; }

    /// <summary>The login; set it to simulate a rename.</summary>
    public string Login { get; set; }

    /// <summary>The display name, or <see langword="null"/> when the person set none.</summary>
    public string? Name { get; set; }

    /// <summary>The avatar URL.</summary>
    public string? AvatarUrl { get; set; }

    /// <summary>The profile page URL.</summary>
    public string HtmlUrl => $"{_baseUrl}/{Login}";

    /// <summary>The public profile e-mail shown by <c>GET /user</c> (GitHub's <c>email</c> field), or <see langword="null"/>.</summary>
    public string? PublicEmail { get; set; }

    /// <summary>The addresses <c>GET /user/emails</c> lists.</summary>
    public IReadOnlyList<FakeGitHubEmail> Emails
    {
        get
        {
            lock (_lock)
            {
                return [.. _emails];
            }
        }
    }

    /// <summary>Adds an address; a new primary address demotes the previous one.</summary>
    public FakeGitHubUser WithEmail(string email, bool primary = true, bool verified = true)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        lock (_lock)
        {
            if (primary)
            {
                for (var i = 0; i < _emails.Count; i++)
                {
                    _emails[i] = _emails[i] with { Primary = false };
                }
            }

            _emails.RemoveAll(e => string.Equals(e.Email, email, StringComparison.OrdinalIgnoreCase));
            _emails.Add(new FakeGitHubEmail(email, primary, verified));
        }

        return this;
    }

    /// <summary>Removes every address.</summary>
    public FakeGitHubUser WithoutEmails()
    {
        lock (_lock)
        {
            _emails.Clear();
        }

        return this;
    }

    /// <summary>Makes the user a member of <paramref name="organization"/>.</summary>
    /// <param name="organization">The organization login.</param>
    /// <param name="role"><c>member</c> or <c>admin</c>.</param>
    /// <param name="state"><c>active</c>, or <c>pending</c> for an invitation not yet accepted.</param>
    public FakeGitHubUser InOrganization(string organization, string role = "member", string state = "active")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organization);
        lock (_lock)
        {
            _organizations[organization] = new FakeGitHubMembership(organization, role, state);
        }

        return this;
    }

    /// <summary>Makes the user a member of the team <paramref name="teamSlug"/> of <paramref name="organization"/> (and of the organization).</summary>
    public FakeGitHubUser InTeam(string organization, string teamSlug, string state = "active")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(organization);
        ArgumentException.ThrowIfNullOrWhiteSpace(teamSlug);
        lock (_lock)
        {
            _organizations.TryAdd(organization, new FakeGitHubMembership(organization, "member", "active"));
            _teams[organization + "/" + teamSlug] = new FakeGitHubMembership(organization + "/" + teamSlug, "member", state);
        }

        return this;
    }

    /// <summary>Removes the user from <paramref name="organization"/> and its teams.</summary>
    public FakeGitHubUser LeaveOrganization(string organization)
    {
        lock (_lock)
        {
            _organizations.Remove(organization);
            foreach (var team in _teams.Keys.Where(t => t.StartsWith(organization + "/", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                _teams.Remove(team);
            }
        }

        return this;
    }

    /// <summary>The organizations the user belongs to.</summary>
    public IReadOnlyList<FakeGitHubMembership> Organizations
    {
        get
        {
            lock (_lock)
            {
                return [.. _organizations.Values];
            }
        }
    }

    internal FakeGitHubMembership? Organization(string organization)
    {
        lock (_lock)
        {
            return _organizations.GetValueOrDefault(organization);
        }
    }

    internal FakeGitHubMembership? Team(string organization, string teamSlug)
    {
        lock (_lock)
        {
            return _teams.GetValueOrDefault(organization + "/" + teamSlug);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"FakeGitHubUser {{ Id = {Id}, Login = {Login} }}";
}

/// <summary>An address of a <see cref="FakeGitHubUser"/>.</summary>
/// <param name="Email">The address.</param>
/// <param name="Primary">Whether it is the primary address.</param>
/// <param name="Verified">Whether GitHub verified it.</param>
public sealed record FakeGitHubEmail(string Email, bool Primary, bool Verified);

/// <summary>A membership of a <see cref="FakeGitHubUser"/> in an organization or team.</summary>
/// <param name="Name">The organization login, or <c>org/team-slug</c>.</param>
/// <param name="Role"><c>member</c> or <c>admin</c> (<c>maintainer</c> for teams).</param>
/// <param name="State"><c>active</c> or <c>pending</c>.</param>
public sealed record FakeGitHubMembership(string Name, string Role, string State);

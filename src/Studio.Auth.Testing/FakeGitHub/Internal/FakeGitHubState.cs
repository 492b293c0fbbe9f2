using System.Security.Cryptography;

namespace Studio.Auth.Testing.Internal;

/// <summary>Users, pending codes and issued access tokens of one fake server, behind one lock.</summary>
internal sealed class FakeGitHubState(string baseUrl)
{
    private readonly Lock _lock = new();
    private readonly List<FakeGitHubUser> _users = [];
    private readonly Dictionary<string, PendingCode> _codes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AccessGrant> _tokens = new(StringComparer.Ordinal);
    private long _nextId = 1000;
    private FakeGitHubUser? _signedIn;
    private bool _signedInSet;

    public IReadOnlyList<FakeGitHubUser> Users
    {
        get
        {
            lock (_lock)
            {
                return [.. _users];
            }
        }
    }

    /// <summary>The user the sign-in page approves: the one set, else the first added.</summary>
    public FakeGitHubUser? SignedIn
    {
        get
        {
            lock (_lock)
            {
                return _signedInSet ? _signedIn : _users.FirstOrDefault();
            }
        }

        set
        {
            lock (_lock)
            {
                _signedIn = value;
                _signedInSet = true;
            }
        }
    }

    public FakeGitHubUser AddUser(string login, long? id, string? name)
    {
        lock (_lock)
        {
            var userId = id ?? ++_nextId;
            if (_users.Any(u => u.Id == userId))
            {
                throw new InvalidOperationException($"A fake GitHub user with id {userId} already exists.");
            }

            _nextId = Math.Max(_nextId, userId);
            var user = new FakeGitHubUser(userId, login, name, baseUrl);
            _users.Add(user);
            return user;
        }
    }

    public string IssueCode(PendingCode pending)
    {
        var code = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));
        lock (_lock)
        {
            _codes[code] = pending;
        }

        return code;
    }

    /// <summary>Takes the code out (single use): a second exchange of the same code finds nothing.</summary>
    public PendingCode? TakeCode(string? code)
    {
        if (string.IsNullOrEmpty(code))
        {
            return null;
        }

        lock (_lock)
        {
            return _codes.Remove(code, out var pending) ? pending : null;
        }
    }

    public string IssueToken(FakeGitHubUser user, IReadOnlyList<string> scopes)
    {
        var token = "gho_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(18));
        lock (_lock)
        {
            _tokens[token] = new AccessGrant(user, scopes);
        }

        return token;
    }

    public AccessGrant? FindToken(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        lock (_lock)
        {
            return _tokens.GetValueOrDefault(token);
        }
    }

    public void RevokeTokens()
    {
        lock (_lock)
        {
            _tokens.Clear();
        }
    }
}

/// <summary>An authorization code waiting to be exchanged.</summary>
internal sealed record PendingCode(FakeGitHubUser User, string ClientId, string? RedirectUri, IReadOnlyList<string> Scopes, string? CodeChallenge, DateTimeOffset ExpiresAt);

/// <summary>What an access token stands for.</summary>
internal sealed record AccessGrant(FakeGitHubUser User, IReadOnlyList<string> Scopes)
{
    public bool Has(params string[] anyOf) => Scopes.Any(s => anyOf.Contains(s, StringComparer.Ordinal));
}

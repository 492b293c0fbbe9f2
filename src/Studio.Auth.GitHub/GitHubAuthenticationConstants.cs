namespace Studio.Auth.GitHub;

/// <summary>Names the GitHub provider uses: reason codes and OAuth scopes.</summary>
public static class GitHubAuthenticationConstants
{
    /// <summary>
    /// Reason codes of failed GitHub sign-ins (<see cref="Providers.ExternalIdentityResult.FailureReason"/>).
    /// Errors GitHub reports itself are passed through with GitHub's own code
    /// (<c>bad_verification_code</c>, <c>incorrect_client_credentials</c>, <c>redirect_uri_mismatch</c>,
    /// <c>unverified_user_email</c>, ...); these are the ones the provider adds.
    /// </summary>
    public static class Failures
    {
        /// <summary>GitHub answered with a 5xx status, or could not be reached.</summary>
        public const string Unavailable = "github_unavailable";

        /// <summary>A call to GitHub took longer than <c>timeout_seconds</c>.</summary>
        public const string Timeout = "github_timeout";

        /// <summary>GitHub's rate limit is exhausted (403 with <c>x-ratelimit-remaining: 0</c>, a secondary limit, or 429).</summary>
        public const string RateLimited = "github_rate_limited";

        /// <summary>GitHub's answer could not be understood: bad JSON, an unexpected status, a user without an id.</summary>
        public const string BadResponse = "github_bad_response";

        /// <summary>GitHub refused the access token it had just issued (401).</summary>
        public const string Unauthorized = "github_unauthorized";

        /// <summary>The code exchange answered without an <c>access_token</c> (and without an error).</summary>
        public const string MissingAccessToken = "github_missing_access_token";

        /// <summary>The code exchange answered with a <c>token_type</c> other than <c>bearer</c>.</summary>
        public const string UnsupportedTokenType = "github_unsupported_token_type";

        /// <summary>GitHub reported an error whose code is not a plain snake_case word.</summary>
        public const string Error = "github_error";

        /// <summary>The person is not on <c>allowed_users</c>, in <c>allowed_organizations</c> or in <c>allowed_teams</c>.</summary>
        public const string NotAllowed = "not_allowed";

        /// <summary>GitHub's code for a wrong, expired or already used code (or, on the fake, a PKCE verifier mismatch).</summary>
        public const string BadVerificationCode = "bad_verification_code";

        /// <summary>GitHub's code for a wrong <c>client_id</c> or <c>client_secret</c>.</summary>
        public const string IncorrectClientCredentials = "incorrect_client_credentials";

        /// <summary>GitHub's code for a <c>redirect_uri</c> that is not the app's registered callback URL.</summary>
        public const string RedirectUriMismatch = "redirect_uri_mismatch";

        /// <summary>GitHub's code for an account whose primary e-mail address is not verified.</summary>
        public const string UnverifiedUserEmail = "unverified_user_email";
    }

    /// <summary>OAuth scopes the provider cares about.</summary>
    public static class Scopes
    {
        /// <summary>Read the account's e-mail addresses (needed for a verified e-mail).</summary>
        public const string UserEmail = "user:email";

        /// <summary>Full access to the profile (includes <see cref="UserEmail"/>).</summary>
        public const string User = "user";

        /// <summary>Read organization and team membership (needed for organization and team lists).</summary>
        public const string ReadOrg = "read:org";

        /// <summary>Includes <see cref="ReadOrg"/>.</summary>
        public const string WriteOrg = "write:org";

        /// <summary>Includes <see cref="ReadOrg"/>.</summary>
        public const string AdminOrg = "admin:org";
    }
}

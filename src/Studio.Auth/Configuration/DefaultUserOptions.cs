namespace Studio.Auth.Configuration;

/// <summary>
/// <c>default_user</c>: the guest user of <c>type: none</c>. The defaults are AutoGen Studio's guest.
/// </summary>
public sealed class DefaultUserOptions
{
    /// <summary><c>id</c>. Default <c>guestuser@gmail.com</c>.</summary>
    public string Id { get; set; } = "guestuser@gmail.com";

    /// <summary><c>name</c>. Default <c>Default User</c>.</summary>
    public string Name { get; set; } = "Default User";

    /// <summary><c>email</c>. Default <c>guestuser@gmail.com</c>.</summary>
    public string? Email { get; set; } = "guestuser@gmail.com";

    /// <summary><c>avatar_url</c>. Default none.</summary>
    public string? AvatarUrl { get; set; }

    /// <summary><c>roles</c>. Default <c>["user"]</c>.</summary>
    public IList<string> Roles { get; set; } = [StudioUser.UserRole];

    /// <summary>The guest as a <see cref="StudioUser"/> of provider <c>none</c>.</summary>
    public StudioUser ToUser() =>
        new(Id, Name, Email, AvatarUrl, StudioAuthOptions.NoneType, Roles.ToArray());
}

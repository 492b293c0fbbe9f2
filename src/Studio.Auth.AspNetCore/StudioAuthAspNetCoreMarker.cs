namespace Studio.Auth.AspNetCore;

/// <summary>Registered by <c>AddAspNetCore()</c>; its presence tells <c>UseStudioAuth()</c> the services are there.</summary>
internal sealed class StudioAuthAspNetCoreMarker;

using Microsoft.Extensions.Options;
using Studio.Auth.Configuration;
using Studio.Auth.Sample;
using Studio.Auth.Stores;

// dotnet run --project samples/Studio.Auth.Sample                               auth off, http://127.0.0.1:8081, SQLite in the data directory
// dotnet run --project samples/Studio.Auth.Sample -- --auth-config auth.yaml    auth from a file (or AUTOGENSTUDIO_AUTH_CONFIG)
// dotnet run --project samples/Studio.Auth.Sample -- --demo                     GitHub sign-in against a fake GitHub, offline
// dotnet run --project samples/Studio.Auth.Sample -- --sqlite /tmp/sample.db    another SQLite file
// STUDIO_AUTH_POSTGRES="Host=...;Username=...;Password=...;Database=..." dotnet run --project samples/Studio.Auth.Sample    PostgreSQL
SampleApp sample;
try
{
    sample = await SampleApp.CreateAsync(args);
}
catch (AuthConfigException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    return 2;
}
catch (OptionsValidationException ex)
{
    // Bad store settings, e.g. --database postgres without a connection string.
    Console.Error.WriteLine(ex.Message);
    return 2;
}

await using (sample)
{
    if (sample.Demo is { } demo)
    {
        sample.App.Lifetime.ApplicationStarted.Register(() => Console.WriteLine(
            $"Demo: open {string.Join(" or ", sample.App.Urls)} and click \"Sign in with GitHub\"; the fake GitHub at "
            + $"{demo.Server.BaseUrl} signs you in as {demo.User.Name} (@{demo.User.Login}). More instances can share this "
            + $"sign-in (and, on one PostgreSQL, its users) with --auth-config {demo.ConfigPath}"));
    }

    try
    {
        await sample.App.RunAsync();
    }
    catch (StoreUnavailableException ex)
    {
        // The SQLite file cannot be created or opened.
        Console.Error.WriteLine(ex.Message);
        return 2;
    }
}

return 0;

using Microsoft.Extensions.DependencyInjection;

namespace Studio.Auth.Stores.Tests.Contract;

/// <summary>The contract against the in-memory stores <c>AddStudioAuth</c> registers by default.</summary>
[TestFixture]
public sealed class InMemoryStoreContractTests : StoreContractTests
{
    protected override void UseStores(StudioAuthBuilder builder)
    {
    }

    protected override Task<long> CountUsersAsync() => Task.FromResult((long)((InMemoryUserStore)Host.Users).Count);
}

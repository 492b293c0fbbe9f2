using Studio.Auth.PostgreSql;

namespace Studio.Auth.Stores.Tests.PostgreSql;

/// <summary>How long the revocation listener waits between attempts to re-open its connection.</summary>
public sealed class PostgreSqlReconnectDelayTests
{
    [Test]
    public void The_reconnect_wait_never_exceeds_the_revocation_poll_interval()
    {
        var options = new PostgreSqlStoreOptions { RevocationPollInterval = TimeSpan.FromSeconds(5), MaxReconnectDelay = TimeSpan.FromSeconds(30) };

        Assert.That(PostgreSqlStoreMaintenance.ReconnectDelayCap(options), Is.EqualTo(TimeSpan.FromSeconds(5)));
    }

    [Test]
    public void A_max_reconnect_delay_shorter_than_the_poll_interval_is_kept()
    {
        var options = new PostgreSqlStoreOptions { RevocationPollInterval = TimeSpan.FromMinutes(10), MaxReconnectDelay = TimeSpan.FromMilliseconds(200) };

        Assert.That(PostgreSqlStoreMaintenance.ReconnectDelayCap(options), Is.EqualTo(TimeSpan.FromMilliseconds(200)));
    }
}

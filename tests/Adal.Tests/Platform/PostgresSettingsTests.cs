using Adal.Platform.Persistence;
using Adal.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Adal.Tests.Platform;

/// <summary>The host's PostgreSQL connections: statements prepared once, connections handed on without a reset.</summary>
public sealed class PostgresSettingsTests(PostgresApp app) : IClassFixture<PostgresApp>
{
    [Fact]
    public void The_host_adds_its_two_settings_and_an_operator_who_names_them_wins()
    {
        var added = new NpgsqlConnectionStringBuilder(PersistenceSetup.PostgresConnectionString("Host=db;Database=adal;Username=adal"));
        Assert.Equal(64, added.MaxAutoPrepare);
        Assert.True(added.NoResetOnClose);
        Assert.Equal("db", added.Host);

        var named = new NpgsqlConnectionStringBuilder(PersistenceSetup.PostgresConnectionString("Host=db;Max Auto Prepare=0;No Reset On Close=false"));
        Assert.Equal(0, named.MaxAutoPrepare);
        Assert.False(named.NoResetOnClose);
    }

    [Fact]
    public async Task A_running_host_uses_them_and_a_reused_connection_answers_as_a_fresh_one()
    {
        var (settings, first, again) = await app.InDemoAsync(async (_, db) =>
        {
            var builder = new NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
            var count = await db.Users.CountAsync();
            // The pooled connection goes back without a reset and comes out for the next query as it was.
            await db.Database.CloseConnectionAsync();
            return ((builder.MaxAutoPrepare, builder.NoResetOnClose), count, await db.Users.CountAsync());
        });
        Assert.Equal((64, true), settings);
        Assert.True(first > 0);
        Assert.Equal(first, again);
    }
}

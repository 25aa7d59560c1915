using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sesame.Core.Privacy;
using Sesame.Server.Tests.Support;

namespace Sesame.Server.Tests.Infrastructure;

/// <summary>The retention rules on the configured database (SQLite or PostgreSQL), through the server's own services.</summary>
[Collection(ServerCollection.Name)]
public sealed class RetentionTests(ServerFixture server)
{
    [Fact]
    public async Task An_account_never_confirmed_is_deleted_a_week_later_and_a_confirmed_one_stays()
    {
        var (never, neverEmail) = ServerFixture.NewPerson();
        using (var browser = server.NewBrowser())
        {
            Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync("/creer-compte", Journeys.Registration(never, neverEmail), from: "/creer-compte")).Status);
        }

        var (confirmed, _) = await Journeys.ConfirmedAccountAsync(server);
        server.Host.Clock.Advance(TimeSpan.FromDays(8));
        await using (var scope = server.Host.Services.CreateAsyncScope())
        {
            var report = await scope.ServiceProvider.GetRequiredService<RetentionSweep>().RunAsync();
            Assert.True(report.UnconfirmedAccounts >= 1);
        }

        Assert.False(await server.WithDatabaseAsync(db => db.Users.AnyAsync(u => u.UserName == never)));
        Assert.True(await server.WithDatabaseAsync(db => db.Users.AnyAsync(u => u.UserName == confirmed)));
        Assert.True(await server.WithDatabaseAsync(db => db.AuditRecords.AnyAsync(r => r.Code == "account.purged")));
    }
}

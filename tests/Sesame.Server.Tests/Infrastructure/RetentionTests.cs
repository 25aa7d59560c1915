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

    [Fact]
    public async Task An_ended_invitation_is_deleted_thirty_days_later_with_the_names_and_address_it_held()
    {
        // A server of its own: a month on the shared clock would carry the proofing tests into another tax year.
        var own = new ServerFixture();
        await own.InitializeAsync();
        try
        {
            var (organizationId, representativeUsername) = await Professionals.RepresentativeAsync(own);
            using var representative = await Professionals.SignInAsync(own, representativeUsername);
            var revokedEmail = $"revoquee.{Guid.NewGuid():N}@clinique.exemple";
            await Professionals.InviteAsync(own, representative, organizationId, revokedEmail);
            var revokedId = await own.WithDatabaseAsync(db => db.Invitations.Where(i => i.Email == revokedEmail).Select(i => i.Id).SingleAsync());
            var console = $"/organisations/{organizationId}/utilisateurs";
            var revoked = await representative.PostAsync($"{console}?handler=Revoke", new Dictionary<string, string> { ["invitation"] = revokedId.ToString() }, from: console);
            Assert.Equal(HttpStatusCode.Redirect, revoked.Status);
            Assert.NotNull(await own.WithDatabaseAsync(db => db.Invitations.Where(i => i.Id == revokedId).Select(i => i.RevokedAt).SingleAsync()));

            own.Host.Clock.Advance(TimeSpan.FromDays(25));
            var laterEmail = $"plus.tard.{Guid.NewGuid():N}@clinique.exemple";
            using var again = await Professionals.SignInAsync(own, representativeUsername);
            await Professionals.InviteAsync(own, again, organizationId, laterEmail);

            // 31 days after the revocation; the later invitation expired 1 day ago and is still shown as expired.
            own.Host.Clock.Advance(TimeSpan.FromDays(6));
            await using (var scope = own.Host.Services.CreateAsyncScope())
            {
                var report = await scope.ServiceProvider.GetRequiredService<RetentionSweep>().RunAsync();
                Assert.Equal(1, report.EndedInvitations);

                // A professional account has no e-mail to confirm: it is not an unconfirmed account to purge.
                Assert.True(await own.WithDatabaseAsync(db => db.Users.AnyAsync(u => u.UserName == representativeUsername)));
            }

            Assert.False(await own.WithDatabaseAsync(db => db.Invitations.AnyAsync(i => i.Email == revokedEmail)));
            Assert.True(await own.WithDatabaseAsync(db => db.Invitations.AnyAsync(i => i.Email == laterEmail)));
        }
        finally
        {
            await own.DisposeAsync();
        }
    }
}

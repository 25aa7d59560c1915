using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sesame.Core.Accounts;
using Sesame.Core.Data;
using Sesame.Server.Features.Manage;
using Sesame.Server.Infrastructure;
using Sesame.Server.Infrastructure.Mail;
using Sesame.Server.Tests.Support;
using static Sesame.Server.Tests.Features.Proofing.ProofingJourney;

namespace Sesame.Server.Tests.Features.Manage;

/// <summary>"Fermer mon compte": stops at once, 30 days to change one's mind, then deleted by the sweep.</summary>
[Collection(ServerCollection.Name)]
public sealed class CloseTests(ServerFixture server)
{
    private static readonly Dictionary<string, string> Confirmed = new() { ["Input.Confirm"] = "true" };

    [Fact]
    public async Task Closing_ends_every_session_and_token_and_signing_in_again_shows_the_date_and_cancels()
    {
        var service = await OidcClient.RegisterAsync(server);
        var (username, email) = await Journeys.ConfirmedAccountAsync(server);
        using var browser = await Journeys.SignInAsync(server, username, email, codesBefore: 1);
        using var other = await Journeys.SignInAsync(server, username, email, codesBefore: 2);
        var tokens = await service.SignInAsync(browser);

        var page = await browser.GetAsync("/compte/fermer");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("supprimés définitivement après 30 jours", page.Text, StringComparison.Ordinal);

        var unconfirmed = await browser.PostAsync("/compte/fermer", Browser.NoFields);
        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.Status);
        Assert.Contains("Cochez la case pour confirmer que vous voulez fermer votre compte.", unconfirmed.Text, StringComparison.Ordinal);
        Assert.Null(await ClosureRequestedAtAsync(username));

        var closed = await browser.PostAsync("/compte/fermer", Confirmed);
        Assert.Equal(HttpStatusCode.Redirect, closed.Status);
        Assert.Equal("/?avis=SignIn.Notice.Closed", closed.Target);
        Assert.Equal(server.Host.Clock.GetUtcNow(), await ClosureRequestedAtAsync(username));
        var deletionDate = TimeZoneInfo.ConvertTime(AccountClosure.DeletionDue(server.Host.Clock.GetUtcNow()), server.Host.Clock.LocalTimeZone)
            .ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("fr"));

        // The account stops working at once: both browsers are signed out, and the service's tokens are revoked.
        Assert.NotEqual(HttpStatusCode.OK, (await browser.GetAsync("/compte")).Status);
        Assert.NotEqual(HttpStatusCode.OK, (await other.GetAsync("/compte")).Status);
        Assert.Equal("invalid_grant", (await service.RefreshAsync(tokens.GetProperty("refresh_token").GetString()!)).Body.GetProperty("error").GetString());
        Assert.False((await service.IntrospectAsync(tokens.GetProperty("access_token").GetString()!)).GetProperty("active").GetBoolean());
        var userId = await UserIdAsync(username);
        Assert.False(await server.WithDatabaseAsync(db => db.UserSessions.AnyAsync(s => s.UserId == userId)));
        Assert.True(await server.WithDatabaseAsync(db => db.AuditRecords.AnyAsync(r => r.Subject == userId && r.Code == "account.closure-requested")));

        var mail = (await server.Mail.WaitForAsync(email, 4)).Single(m => m.Subject == "Sesame — Fermeture de votre compte");
        Assert.Contains(deletionDate, mail.Text, StringComparison.Ordinal);
        Assert.Contains("/compte/ce-n-etait-pas-moi?jeton=", mail.Text, StringComparison.Ordinal);

        // During the grace period signing in still works, but only to cancel: services get no token.
        using var again = await Journeys.SignInAsync(server, username, email, codesBefore: 4);
        var manage = await again.GetAsync("/compte");
        Assert.Contains($"Votre compte est fermé. Ses renseignements personnels seront supprimés définitivement le {deletionDate}", manage.Text, StringComparison.Ordinal);
        Assert.Contains("Annuler la fermeture", manage.Text, StringComparison.Ordinal);
        var (_, challenge) = OidcClient.Pkce();
        var authorize = await again.GetAsync(service.AuthorizeUrl(challenge));
        Assert.Equal(HttpStatusCode.Redirect, authorize.Status);
        Assert.Equal("/compte/fermer", authorize.Target);

        var cancelled = await again.PostAsync("/compte/fermer?handler=Cancel", Browser.NoFields, from: "/compte");
        Assert.Equal(HttpStatusCode.Redirect, cancelled.Status);
        Assert.Equal("/compte?avis=Manage.Closure.Cancelled", cancelled.Target);
        Assert.Null(await ClosureRequestedAtAsync(username));
        Assert.True(await server.WithDatabaseAsync(db => db.AuditRecords.AnyAsync(r => r.Subject == userId && r.Code == "account.closure-cancelled")));
        var reopened = await again.GetAsync("/compte?avis=Manage.Closure.Cancelled");
        Assert.Contains("La fermeture de votre compte est annulée.", reopened.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Annuler la fermeture", reopened.Text, StringComparison.Ordinal);

        // The account works for services again (its consent was kept).
        var redirect = await service.AuthorizeAsync(again, service.AuthorizeUrl(challenge));
        Assert.True(OidcClient.QueryOf(redirect).ContainsKey("code"));
    }

    [Fact]
    public async Task Thirty_days_after_closing_the_sweep_deletes_the_account_but_keeps_the_identity_hashes_and_the_audit_trail()
    {
        // A server of its own: a month on the shared clock would carry the proofing tests into another tax year.
        var on = new ServerFixture();
        await on.InitializeAsync();
        try
        {
            var person = Person(p => HasRecentNotice(p) && HasValidCardReference(p));
            using var account = await SignedInAccountAsync(on);
            await StartAsync(account.Browser, person);
            RedirectsTo("/identification/terminee", await SubmitProofsAsync(account.Browser, NoticeAndCard(RecentNotice(person), person.Card.ReferenceNumber!)));
            var service = await OidcClient.RegisterAsync(on);
            await service.SignInAsync(account.Browser);
            var userId = await UserIdAsync(on, account.Username);
            var personId = await on.WithDatabaseAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.PersonId).SingleAsync());

            Assert.Equal("/?avis=SignIn.Notice.Closed", (await account.Browser.PostAsync("/compte/fermer", Confirmed, from: "/compte/fermer")).Target);
            // The closure's mail first (mails queued at one instant of the fake clock may leave in either order).
            await on.Mail.WaitForAsync(account.Email, 3);

            // Signed in again during the grace period, without cancelling: that session goes with the account.
            using var again = await Journeys.SignInAsync(on, account.Username, account.Email, codesBefore: 3);
            Assert.True(await on.WithDatabaseAsync(db => db.UserSessions.AnyAsync(s => s.UserId == userId)));

            on.Host.Clock.Advance(TimeSpan.FromDays(29));
            await SweepAsync(on);
            Assert.True(await on.WithDatabaseAsync(db => db.Users.AnyAsync(u => u.Id == userId)));

            on.Host.Clock.Advance(TimeSpan.FromDays(2));
            await SweepAsync(on);
            Assert.False(await on.WithDatabaseAsync(db => db.Users.AnyAsync(u => u.Id == userId)));
            Assert.False(await on.WithDatabaseAsync(db => db.UserSessions.AnyAsync(s => s.UserId == userId)));
            Assert.False(await on.WithDatabaseAsync(db => db.Consents.AnyAsync(c => c.UserId == userId)));
            Assert.False(await on.WithDatabaseAsync(db => db.ProofingCases.AnyAsync(c => c.UserId == userId)));

            // The identity keeps its hashes and person (same identification codes if identified again), not its attributes.
            var identity = await on.WithDatabaseAsync(db => db.VerifiedIdentities.AsNoTracking().SingleAsync(i => i.PersonId == personId));
            Assert.Empty(identity.Attributes);
            Assert.Null(identity.AccountId);
            Assert.NotNull(identity.NamHash);
            Assert.NotNull(identity.NasHash);

            var trail = await on.WithDatabaseAsync(db => db.AuditRecords.Where(r => r.Subject == userId).Select(r => r.Code).ToListAsync());
            Assert.Contains("account.created", trail);
            Assert.Contains("identity.verified", trail);
            Assert.Contains("account.closure-requested", trail);
            Assert.Contains("account.deleted", trail);
            Assert.DoesNotContain(person.FamilyName, await on.WithDatabaseAsync(db => db.AuditRecords.Where(r => r.Subject == userId).Select(r => r.Detail ?? "").ToListAsync()));
        }
        finally
        {
            await on.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_closing_that_fails_half_way_leaves_the_account_as_it_was()
    {
        var (username, email) = await Journeys.ConfirmedAccountAsync(server);
        using var browser = await Journeys.SignInAsync(server, username, email, codesBefore: 1);
        var userId = await UserIdAsync(username);
        var place = new SignInPlace { Id = Guid.NewGuid(), UserId = userId, PlaceHash = new byte[32], FirstSeenAt = server.Host.Clock.GetUtcNow() };
        await server.WithDatabaseAsync(async db =>
        {
            db.SignInPlaces.Add(place);
            return await db.SaveChangesAsync();
        });
        var mailBefore = await server.WithDatabaseAsync(db => db.OutboxMessages.CountAsync(m => m.Template == MailTemplates.ClosureScheduled));

        await using (var scope = server.Host.Services.CreateAsyncScope())
        {
            // The last write fails (a duplicate row), after the sessions were already deleted in the transaction.
            var db = scope.ServiceProvider.GetRequiredService<SesameDbContext>();
            db.SignInPlaces.Add(new SignInPlace { Id = Guid.NewGuid(), UserId = userId, PlaceHash = new byte[32], FirstSeenAt = place.FirstSeenAt });
            scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = new DefaultHttpContext { Request = { Scheme = "https", Host = new HostString("localhost") } };
            var user = (await scope.ServiceProvider.GetRequiredService<UserManager<SesameUser>>().FindByIdAsync(userId.ToString()))!;
            await Assert.ThrowsAsync<DbUpdateException>(() => scope.ServiceProvider.GetRequiredService<AccountClosing>().CloseAsync(user, CancellationToken.None));
            scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = null;
        }

        Assert.Null(await ClosureRequestedAtAsync(username));
        Assert.True(await server.WithDatabaseAsync(db => db.UserSessions.AnyAsync(s => s.UserId == userId)));
        Assert.False(await server.WithDatabaseAsync(db => db.AuditRecords.AnyAsync(r => r.Subject == userId && r.Code == "account.closure-requested")));
        Assert.Equal(mailBefore, await server.WithDatabaseAsync(db => db.OutboxMessages.CountAsync(m => m.Template == MailTemplates.ClosureScheduled)));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/compte")).Status);
    }

    private static Task SweepAsync(ServerFixture on) =>
        on.Host.Services.GetServices<IHostedService>().OfType<RetentionSweeping>().Single().SweepOnceAsync(CancellationToken.None);

    private Task<Guid> UserIdAsync(string username) => UserIdAsync(server, username);

    private static Task<Guid> UserIdAsync(ServerFixture on, string username) =>
        on.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == username).Select(u => u.Id).SingleAsync());

    private Task<DateTimeOffset?> ClosureRequestedAtAsync(string username) =>
        server.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == username).Select(u => u.ClosureRequestedAt).SingleAsync());
}

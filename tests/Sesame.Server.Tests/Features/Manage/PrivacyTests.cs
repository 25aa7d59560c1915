using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sesame.Core.Accounts;
using Sesame.Core.Data;
using Sesame.Core.Privacy;
using Sesame.Server.Infrastructure.Identity;
using Sesame.Server.Infrastructure.Location;
using Sesame.Server.Infrastructure.Mail;
using Sesame.Server.Tests.Support;

namespace Sesame.Server.Tests.Features.Manage;

/// <summary>"Confidentialité et alertes": new-place alerts locate the person, so they are off until turned on (Law 25 s.65.0.1).</summary>
[Collection(ServerCollection.Name)]
public sealed class PrivacyTests(ServerFixture server)
{
    private const string Montreal = "Montréal, Québec, Canada";
    private const string Gatineau = "Gatineau, Québec, Canada";

    [Fact]
    public async Task A_new_account_has_alerts_off_and_a_sign_in_from_a_new_address_keeps_no_place_and_sends_no_alert()
    {
        var (username, email) = await Journeys.ConfirmedAccountAsync(server);
        using var browser = await Journeys.SignInAsync(server, username, email, codesBefore: 1, address: "203.0.113.7");
        var userId = await UserIdAsync(username);
        Assert.False(await server.WithDatabaseAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.LocationAlertsEnabled).SingleAsync()));

        var page = await browser.GetAsync("/compte/confidentialite");
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("65.0.1", page.Text, StringComparison.Ordinal);
        Assert.Contains("désactivée par défaut", page.Text, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.LocationAlerts\" value=\"true\" />", page.Html, StringComparison.Ordinal);

        using (var elsewhere = await Journeys.SignInAsync(server, username, email, codesBefore: 2, address: "198.51.100.20"))
        {
            Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/compte")).Status);
        }

        // Even where a place can be told (a locator that always answers), alerts off look nothing up and keep nothing.
        var outbox = await OutboxCountAsync();
        await NoteSignInAsync(userId, Montreal);
        await NoteSignInAsync(userId, Gatineau);
        Assert.False(await server.WithDatabaseAsync(db => db.SignInPlaces.AnyAsync(p => p.UserId == userId)));
        Assert.Equal(outbox, await OutboxCountAsync());
        var mail = await server.Mail.ReceivedAsync(email);
        Assert.DoesNotContain(mail, m => m.Subject.Contains("endroit", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(3, mail.Count);
    }

    [Fact]
    public async Task Turning_alerts_on_is_saved_and_recorded_and_turning_them_off_forgets_the_places()
    {
        var (username, email) = await Journeys.ConfirmedAccountAsync(server);
        using var browser = await Journeys.SignInAsync(server, username, email, codesBefore: 1);
        var userId = await UserIdAsync(username);

        var on = await browser.PostAsync("/compte/confidentialite", new Dictionary<string, string> { ["Input.LocationAlerts"] = "true" }, from: "/compte/confidentialite");
        Assert.Equal(HttpStatusCode.OK, on.Status);
        Assert.Contains("Les alertes de connexion depuis un nouvel endroit sont activées.", on.Text, StringComparison.Ordinal);
        Assert.Contains("name=\"Input.LocationAlerts\" value=\"true\" checked", on.Html, StringComparison.Ordinal);
        Assert.True(await server.WithDatabaseAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.LocationAlertsEnabled).SingleAsync()));
        Assert.True(await server.WithDatabaseAsync(db => db.AuditRecords.AnyAsync(r => r.Subject == userId && r.Code == "privacy.location-alerts-enabled")));

        // With alerts on, places are kept (as keyed hashes) and a new one queues an alert.
        var outbox = await OutboxCountAsync();
        await NoteSignInAsync(userId, Montreal);
        await NoteSignInAsync(userId, Gatineau);
        Assert.Equal(2, await server.WithDatabaseAsync(db => db.SignInPlaces.CountAsync(p => p.UserId == userId)));
        Assert.Equal(outbox + 1, await OutboxCountAsync());

        var off = await browser.PostAsync("/compte/confidentialite", Browser.NoFields, from: "/compte/confidentialite");
        Assert.Equal(HttpStatusCode.OK, off.Status);
        Assert.Contains("Aucun endroit n'est conservé.", off.Text, StringComparison.Ordinal);
        Assert.False(await server.WithDatabaseAsync(db => db.Users.Where(u => u.Id == userId).Select(u => u.LocationAlertsEnabled).SingleAsync()));
        Assert.False(await server.WithDatabaseAsync(db => db.SignInPlaces.AnyAsync(p => p.UserId == userId)));
        Assert.True(await server.WithDatabaseAsync(db => db.AuditRecords.AnyAsync(r => r.Subject == userId && r.Code == "privacy.location-alerts-disabled")));
    }

    [Fact]
    public async Task A_forged_value_gets_a_message_and_changes_nothing()
    {
        var (username, email) = await Journeys.ConfirmedAccountAsync(server);
        using var browser = await Journeys.SignInAsync(server, username, email, codesBefore: 1);
        foreach (var value in new[] { "oui", new string('x', 5000), "true\u202E" })
        {
            var page = await browser.PostAsync("/compte/confidentialite", new Dictionary<string, string> { ["Input.LocationAlerts"] = value }, from: "/compte/confidentialite");
            Assert.Equal(HttpStatusCode.BadRequest, page.Status);
            Assert.Contains("Ce choix n'est pas valide.", page.Text, StringComparison.Ordinal);
        }

        Assert.False(await server.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == username).Select(u => u.LocationAlertsEnabled).SingleAsync()));

        var english = await browser.PostAsync("/compte/confidentialite?handler=Language&culture=en", new Dictionary<string, string> { ["Input.LocationAlerts"] = "true" }, from: "/compte/confidentialite");
        Assert.Contains("Alerts for sign-ins from a new place", english.Text, StringComparison.Ordinal);
        Assert.False(await server.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == username).Select(u => u.LocationAlertsEnabled).SingleAsync()));
    }

    /// <summary>What a sign-in does for the place (SessionOpener), with a locator that always tells the given place.</summary>
    private async Task NoteSignInAsync(Guid userId, string place)
    {
        await using var scope = server.Host.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var db = services.GetRequiredService<SesameDbContext>();
        var user = (await services.GetRequiredService<UserManager<SesameUser>>().FindByIdAsync(userId.ToString()))!;
        var alerts = new LocationAlerts(db, new FixedPlace(place), services.GetRequiredService<KeyedHasher>(), services.GetRequiredService<MailOutbox>(),
            services.GetRequiredService<MailTemplates>(), services.GetRequiredService<AccountLinks>(), server.Host.Clock);
        var accessor = services.GetRequiredService<Microsoft.AspNetCore.Http.IHttpContextAccessor>();
        accessor.HttpContext = new Microsoft.AspNetCore.Http.DefaultHttpContext { Request = { Scheme = "https", Host = new Microsoft.AspNetCore.Http.HostString("localhost") } };
        try
        {
            await alerts.NoteSignInAsync(user, System.Net.IPAddress.Parse("192.0.2.1"), CancellationToken.None);
            await db.SaveChangesAsync();
        }
        finally
        {
            accessor.HttpContext = null;
        }
    }

    private Task<int> OutboxCountAsync() => server.WithDatabaseAsync(db => db.OutboxMessages.CountAsync(m => m.Template == MailTemplates.NewPlace));

    private Task<Guid> UserIdAsync(string username) =>
        server.WithDatabaseAsync(db => db.Users.Where(u => u.UserName == username).Select(u => u.Id).SingleAsync());

    private sealed class FixedPlace(string place) : IPlaceLocator
    {
        public string? Locate(IPAddress address) => place;
    }
}
